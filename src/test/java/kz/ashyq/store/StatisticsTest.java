package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.function.IntFunction;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TDB2's statistics are written when missing, kept while the triples changed since are fewer
 * than a tenth of those they counted, and written again when more changed.
 */
class StatisticsTest {

    private static final String G = "http://data.example.kz/graph/things";

    @Test
    void rewrittenOnlyWhenATenthChanged(@TempDir Path dir) {
        try (Store store = Store.open(dir)) {
            write(store, 1000, i -> "a");
            store.writeStatisticsIfStale();
            assertEquals(1000, counted(store), "missing: written");
            write(store, 1050, i -> "a");
            store.writeStatisticsIfStale();
            assertEquals(1000, counted(store), "50 added: kept");
            write(store, 1050, i -> i < 200 ? "b" : "a");
            store.writeStatisticsIfStale();
            assertEquals(1050, counted(store), "400 more changed, 450 of 1,000 in all: written again");
        }
    }

    private static void write(Store store, int n, IntFunction<String> value) {
        store.write(w -> w.replaceGraph(G, out -> {
            for (int i = 0; i < n; i++) {
                out.triple(Triple.create(NodeFactory.createURI(G + "/" + i), NodeFactory.createURI("http://x/p"),
                        NodeFactory.createLiteralString(value.apply(i))));
            }
        }));
    }

    /** The total the statistics file gives, {@code (count N)}, as TDB2 writes it. */
    private static long counted(Store store) {
        String file = TDBInternal.getDatasetGraphTDB(store.datasetGraph()).getLocation().getPath("stats.opt");
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(count (\\d+)\\)")
                    .matcher(java.nio.file.Files.readString(Path.of(file)));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
