package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments dropped from TDB2's table of mapped segments, in the middle of a write and while a
 * reader is in the middle of a scan, leave the pages out of the process once collected, and
 * change nothing that anyone reads: the reader's scan, the rest of the write, the commit, and the
 * store opened again.
 */
class MappedPagesTest {

    private static final Node G = NodeFactory.createURI("http://data.example.kz/graph/pages");
    private static final Node P = NodeFactory.createURI("https://schema.org/size");
    private static final int FIRST = 40_000;
    private static final int SECOND = 15_000;

    @Test
    void droppedSegmentsLeaveTheProcessAndChangeNothing(@TempDir Path dir) throws Exception {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        Txn.executeWrite(dsg, () -> add(dsg, 0, FIRST));
        List<TupleIndex> indexes = List.of(TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable()
                .getTupleTable().getIndexes());

        CountDownLatch halfRead = new CountDownLatch(1);
        CountDownLatch dropped = new CountDownLatch(1);
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> Txn.calculateRead(dsg, () -> {
            Iterator<Quad> it = dsg.find(G, Node.ANY, Node.ANY, Node.ANY);
            long n = 0;
            long sum = 0;
            while (it.hasNext()) {
                sum += ((Number) it.next().getObject().getLiteralValue()).longValue();
                if (++n == FIRST / 2) {
                    halfRead.countDown();
                    await(dropped);
                }
            }
            return n == FIRST ? sum : -1;
        }));
        assertTrue(halfRead.await(60, TimeUnit.SECONDS));

        long before = mappedKb(dir, "GSPO.dat");
        assertTrue(before > 1_000, "the write and the scan mapped GSPO's pages: " + before + " kB");
        Txn.executeWrite(dsg, () -> {
            add(dsg, FIRST, SECOND);
            int segments = indexes.stream().mapToInt(MappedPages::drop).sum();
            assertTrue(segments >= indexes.size(), "every index had a segment to drop: " + segments);
            dropped.countDown();
            add(dsg, FIRST + SECOND, SECOND);
        });
        assertEquals(sum(0, FIRST), reader.get(60, TimeUnit.SECONDS), "the scan begun before the drop reads on, whole");

        // the segments that no block holds any more are unmapped by the collector
        long after = before;
        for (int i = 0; i < 50 && after > before / 4; i++) {
            indexes.forEach(MappedPages::drop);
            System.gc();
            Thread.sleep(100);
            after = mappedKb(dir, "GSPO.dat");
        }
        assertTrue(after <= before / 4, "GSPO's pages left the process: " + before + " kB, then " + after + " kB");

        int total = FIRST + 2 * SECOND;
        assertEquals(sum(0, total), Txn.calculateRead(dsg, () -> sumOf(dsg)), "what was written before and after the drop");
        TDBInternal.expel(dsg);
        DatasetGraph again = DatabaseMgr.connectDatasetGraph(dir.toString());
        assertEquals(sum(0, total), Txn.calculateRead(again, () -> sumOf(again)), "the store opened again");
        assertEquals(total, Txn.calculateRead(again, () -> {
            long n = 0;
            for (Iterator<Quad> it = again.find(Node.ANY, Node.ANY, P, Node.ANY); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }), "the predicate's index, written after the drop, holds every triple");
        TDBInternal.expel(again);
    }

    private static void add(DatasetGraph dsg, int from, int count) {
        for (int i = from; i < from + count; i++) {
            // subjects out of order, so that the write touches pages all over each index
            long s = (i * 2_654_435_761L) & 0xFFFFFFFL;
            dsg.add(G, NodeFactory.createURI("http://data.example.kz/thing/" + s), P,
                    NodeFactory.createLiteralDT(Integer.toString(i), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
        }
    }

    private static long sumOf(DatasetGraph dsg) {
        long sum = 0;
        for (Iterator<Quad> it = dsg.find(G, Node.ANY, Node.ANY, Node.ANY); it.hasNext();) {
            sum += ((Number) it.next().getObject().getLiteralValue()).longValue();
        }
        return sum;
    }

    private static long sum(long from, long to) {
        return (to - 1 + from) * (to - from) / 2;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no drop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The resident kilobytes of this process's mappings of files named {@code name} under {@code dir}. */
    private static long mappedKb(Path dir, String name) throws IOException {
        String prefix = dir.toRealPath().toString();
        long kb = 0;
        boolean inFile = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] parts = line.trim().split("\\s+", 6);
                inFile = parts.length == 6 && parts[5].startsWith(prefix) && parts[5].endsWith("/" + name);
            } else if (inFile && line.startsWith("Rss:")) {
                kb += Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return kb;
    }
}
