package kz.ashyq.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.config.BaseIri;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * What {@code ashyq demo --portal} made of the portal's samples: for each mapping, its rows, its
 * triples, the share of its things linked to a KATO unit, or why it did not load. Printed, and kept
 * beside the store ({@value #FILE}) for the page {@code /portal}.
 */
final class PortalReport {

    /** The file beside the store that the page {@code /portal} reads. */
    static final String FILE = kz.ashyq.web.PortalRoutes.FILE;

    private PortalReport() {}

    /** Prints the report and writes it beside the store; returns how many loaded. */
    static int write(Store store, BaseIri base, List<Loader.Outcome> outcomes, PrintStream out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int loaded = 0;
        out.printf("%nThe portal's samples: %d mappings%n", outcomes.size());
        out.printf("%-48s %6s %8s %6s  %s%n", "dataset", "rows", "triples", "KATO", "");
        for (Loader.Outcome o : outcomes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("dataset", o.dataset());
            r.put("rows", o.rows());
            r.put("triples", o.triples());
            if (o.error() == null) {
                loaded++;
                double rate = katoRate(store, base, o.dataset());
                r.put("katoLinkRate", rate);
                out.printf("%-48s %6d %8d %5.0f%%%n", o.dataset(), o.rows(), o.triples(), 100 * rate);
            } else {
                r.put("error", o.error());
                out.printf("%-48s %6s %8s %6s  not loaded: %s%n", o.dataset(), "-", "-", "-", o.error());
            }
            rows.add(r);
        }
        out.printf("%d of %d loaded; the report is also at /portal%n", loaded, outcomes.size());
        try {
            Files.writeString(store.dir().resolve(FILE), new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of("datasets", rows, "loaded", loaded, "mappings", outcomes.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /** The share of a dataset's things with a link to a KATO unit (an object IRI under {@code id/kato/}). */
    private static double katoRate(Store store, BaseIri base, String dataset) {
        String kato = base.thing("kato/");
        return store.read(d -> {
            Set<Node> things = new HashSet<>();
            Set<Node> linked = new HashSet<>();
            d.find(NodeFactory.createURI(base.graph(dataset)), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (q.getSubject().isURI()) {
                    things.add(q.getSubject());
                    if (q.getObject().isURI() && q.getObject().getURI().startsWith(kato)) {
                        linked.add(q.getSubject());
                    }
                }
            });
            return things.isEmpty() ? 0.0 : linked.size() / (double) things.size();
        });
    }

    /** Where the report is, beside a store. */
    static Path file(Path store) {
        return store.resolve(FILE);
    }
}
