package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox of a publishing store: every committed change, and only those, as a numbered RDF Patch
 * that says what the change did (replacements as their diff, in-place writes, graph removals, the
 * archive's writes and Fuseki's updates); a crash between the patch and the commit is reconciled on
 * opening; and a replay of the patches onto an empty store gives the same quads.
 */
class OutboxTest {

    private static final String EX = "http://data.example.kz/";
    private static final Node NAME = NodeFactory.createURI("https://schema.org/name");

    @TempDir
    Path dir;

    private static GraphWriter rows(int from, int to) {
        return out -> {
            for (int i = from; i < to; i++) {
                out.triple(Triple.create(NodeFactory.createURI(EX + "id/r/" + i), NAME, NodeFactory.createLiteralString("r" + i)));
            }
        };
    }

    @Test
    void everyCommittedChangeAndNoOtherIsAPatchThatReplaysToTheSameStore() throws Exception {
        try (Store s = Store.open(dir.resolve("pub"))) {
            PatchOutbox box = s.changes().publish();
            s.write(w -> w.replaceGraph(EX + "graph/a", rows(0, 100), diff -> EX + "graph/a/release/1"));
            assertEquals(1, s.changes().lastChange(Part.DATA));
            s.write(w -> w.replaceGraph(EX + "graph/a", rows(0, 100)));
            assertEquals(1, s.changes().lastChange(Part.DATA), "a write that changes nothing is no change");
            assertThrows(IllegalStateException.class, () -> s.write(w -> {
                w.replaceGraph(EX + "graph/a", rows(5, 50));
                throw new IllegalStateException("a failed load");
            }));
            assertEquals(1, s.changes().lastChange(Part.DATA), "an aborted write is no change");
            s.write(w -> {
                w.replaceGraph(EX + "graph/a", rows(10, 110), diff -> EX + "graph/a/release/2");
                w.graph(EX + "graph/b").add(Triple.create(NodeFactory.createURI(EX + "b"), NAME, NodeFactory.createBlankNode()));
                w.removeGraph(EX + "graph/none");
                return null;
            });
            DatasetGraph update = s.changes().updatable();
            update.begin(ReadWrite.WRITE);
            update.delete(Quad.create(NodeFactory.createURI(EX + "graph/a"), NodeFactory.createURI(EX + "id/r/50"), NAME,
                    NodeFactory.createLiteralString("r50")));
            update.commit();
            update.end();
            assertEquals(3, s.changes().lastChange(Part.DATA));
            assertEquals(s.changes().lastChange(Part.ARCHIVE), box.pending() - 3, "each archive write is a change of its own");
            Set<String> seen = new HashSet<>();
            try (Store replica = Store.open(dir.resolve("replica"))) {
                Replay replay = replica.changes().replay("localhost:9092/test");
                for (Path p = box.head(0); p != null; p = box.head(0)) {
                    seen.add(p.getFileName().toString());
                    replay.piece(PatchOutbox.partOf(p), PatchOutbox.seqOf(p), Files.readAllBytes(p));
                    replay.commit(seen.size());
                    box.sent(p);
                    assertTrue(Files.notExists(p));
                }
                assertEquals(digest(s), digest(replica));
                assertEquals(s.changes().lastChange(Part.ARCHIVE), replica.changes().lastChange(Part.ARCHIVE));
            }
            try (Store replica = Store.open(dir.resolve("replica"))) {
                assertThrows(ReplicaStoreException.class, () -> replica.write(w -> w.replaceGraph(EX + "graph/a", rows(0, 1))),
                        "a replica's store takes no writes but its publisher's");
            }
            assertTrue(seen.contains("data-00000000000000000001.rdfp") && seen.contains("data-00000000000000000003.rdfp"));
            assertNull(box.head(0));
        }
    }

    @Test
    void aStoreThatHeldDataBeforePublishingStartsTheTopicWithAllOfIt() throws Exception {
        try (Store s = Store.open(dir.resolve("pub"))) {
            s.write(w -> w.replaceGraph(EX + "graph/a", rows(0, 10)));
            PatchOutbox box = s.changes().publish();
            assertEquals(1, s.changes().lastChange(Part.DATA));
            assertEquals(0, s.changes().lastChange(Part.ARCHIVE), "an empty part has nothing to start with");
            assertEquals(1, box.pending());
            assertTrue(Files.readString(box.head(0)).contains("<" + EX + "id/r/9>"));
        }
    }

    @Test
    void openingSendsWhatCommittedAndDropsWhatDidNot() throws Exception {
        Path store = dir.resolve("pub");
        try (Store s = Store.open(store)) {
            s.changes().publish();
            s.write(w -> w.replaceGraph(EX + "graph/a", rows(0, 10)));
        }
        // a patch flushed by a write that was killed before its commit
        Files.writeString(store.resolve("outbox/data-00000000000000000002.rdfp"), "A <urn:a> <urn:b> <urn:c> <urn:g> .\n");
        Files.writeString(store.resolve("outbox/data-123.tmp"), "A <urn:a> <urn:b>");
        try (Store s = Store.open(store)) {
            PatchOutbox box = s.changes().outbox().orElseThrow();
            Path head = box.head(0);
            assertNotNull(head);
            assertEquals(1, PatchOutbox.seqOf(head));
            assertEquals(1, box.pending());
            assertTrue(Files.notExists(store.resolve("outbox/data-00000000000000000002.rdfp")));
            assertTrue(Files.notExists(store.resolve("outbox/data-123.tmp")));
            long[] quads = {0};
            RDFPatchOps.read(Files.newInputStream(head)).apply(new RDFChangesBase() {
                @Override
                public void add(Node g, Node s, Node p, Node o) {
                    quads[0]++;
                }
            });
            assertEquals(10, quads[0]);
            s.compact();
            assertEquals(1, s.changes().lastChange(Part.DATA), "compaction keeps the change number");
        }
    }

    private static java.util.Map<String, Long> digest(Store s) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        s.read(d -> {
            d.find().forEachRemaining(q -> m.merge(q.getGraph() + " " + q.getSubject().isBlank() + q.asTriple().getObject()
                    .isBlank() + " " + (q.getObject().isBlank() ? "" : q.getObject()), 1L, Long::sum));
            return null;
        });
        s.readArchive(d -> {
            d.find().forEachRemaining(q -> m.merge("archive " + q, 1L, Long::sum));
            return null;
        });
        return m;
    }
}
