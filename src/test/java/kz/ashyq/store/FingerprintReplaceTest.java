package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release that finds what changed from the previous release's fingerprint leaves the store as
 * one that compares with the graph itself: random releases go into two stores, one by each way,
 * and after each the two graphs, their six indexes, diffs and counts are the same. A fingerprint
 * that no longer describes the graph (changed by another write, left from a transaction that
 * aborted, or not renamed into place) is not used.
 */
class FingerprintReplaceTest {

    private static final String EX = "http://data.example.kz/";
    private static final String G = EX + "graph/reg";
    private static final Node NAME = NodeFactory.createURI("https://schema.org/name");
    private static final Node SIZE = NodeFactory.createURI("https://schema.org/size");
    private static final Node IN = NodeFactory.createURI("https://schema.org/containedInPlace");
    private static final Node[] TYPES = {NodeFactory.createURI("https://schema.org/Place"),
        NodeFactory.createURI("https://schema.org/School")};

    @Test
    void randomReleasesLeaveTheStoreAsComparingWithTheGraphDoes(@TempDir Path dir) {
        for (int seed = 1; seed <= 3; seed++) {
            Random r = new Random(seed);
            Path a = dir.resolve("fingerprinted-" + seed);
            Path b = dir.resolve("compared-" + seed);
            try (Store byFingerprint = Store.open(a); Store byGraph = Store.open(b)) {
                // a sibling graph that types some of the places, for the linksets
                List<Triple> places = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    places.add(Triple.create(kato(k), RDF.Nodes.type, TYPES[0]));
                }
                for (Store s : List.of(byFingerprint, byGraph)) {
                    s.write(w -> w.replaceGraph(EX + "graph/kato", out -> places.forEach(out::triple)));
                }
                int rows = 300 + r.nextInt(400);
                for (int release = 1; release <= 8; release++) {
                    List<Triple> triples = release(r, rows + r.nextInt(50) - 25, release);
                    String name = EX + "graph/reg/release/" + release;
                    boolean first = release == 1;
                    if (r.nextBoolean()) {
                        byFingerprint.prepareRelease(G); // read ahead, as a publisher does while it maps
                    }
                    GraphChange f = byFingerprint.write(w -> w.replaceGraph(G, out -> stream(triples, out),
                            d -> first ? null : name));
                    GraphChange c = byGraph.write(w -> w.replaceGraph(G, out -> stream(triples, out)));
                    String where = "seed " + seed + ", release " + release;
                    assertEquals(!first, f.fingerprinted(), where + ": the fingerprint is used from the second release on");
                    assertEquals(c.diff(), f.diff(), where + ": diff");
                    assertEquals(c.stats(), f.stats(), where + ": counts");
                    assertEquals(c.typesChanged(), f.typesChanged(), where + ": types changed");
                    assertEquals(c.subjects(), f.subjects(), where + ": subjects changed");
                    assertEquals(content(byGraph), content(byFingerprint), where + ": the graphs");
                    assertEquals(indexed(byGraph), indexed(byFingerprint), where + ": tuples per index");
                }
            }
        }
    }

    @Test
    void aFingerprintThatNoLongerDescribesTheGraphIsNotUsed(@TempDir Path dir) throws IOException {
        List<Triple> one = release(new Random(7), 200, 1);
        List<Triple> two = release(new Random(7), 200, 2);
        try (Store store = Store.open(dir)) {
            store.write(w -> w.replaceGraph(G, out -> stream(one, out), d -> null));
            Path fingerprints = dir.resolve(Store.FINGERPRINTS);
            Path kept = dir.resolve("kept.fp");
            Files.copy(only(fingerprints), kept);

            // another write to the graph, after the fingerprint was read ahead: the next release compares with the graph
            store.prepareRelease(G);
            store.write(w -> {
                w.graph(G).add(Triple.create(NodeFactory.createURI(EX + "x"), NAME, NodeFactory.createLiteralString("x")));
                return null;
            });
            GraphChange after = store.write(w -> w.replaceGraph(G, out -> stream(two, out), d -> EX + "r2"));
            assertFalse(after.fingerprinted(), "a fingerprint of another state of the graph is not used");
            boolean gone = store.read(d -> !d.contains(NodeFactory.createURI(G), NodeFactory.createURI(EX + "x"), NAME, Node.ANY));
            assertTrue(gone, "the release replaced what the other write added");

            // a transaction that aborts leaves the fingerprint of what the graph still holds
            assertThrows(IllegalStateException.class, () -> store.write(w -> {
                w.replaceGraph(G, out -> stream(one, out), d -> EX + "r3");
                throw new IllegalStateException("stop");
            }));
            try (Stream<Path> left = Files.list(fingerprints)) {
                assertEquals(1, left.count(), "the aborted release's fingerprint is gone");
            }
            GraphChange again = store.write(w -> w.replaceGraph(G, out -> stream(two, out), d -> EX + "r3"));
            assertTrue(again.fingerprinted() && again.diff().unchanged(), "the fingerprint of what is served is used");
            // a release that changes nothing keeps the fingerprint it used, which still describes the graph
            Path kept2 = only(fingerprints);
            Object before = Files.readAttributes(kept2, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            GraphChange same = store.write(w -> w.replaceGraph(G, out -> stream(two, out), d -> EX + "r3"));
            assertTrue(same.fingerprinted() && same.diff().unchanged());
            assertEquals(before, Files.readAttributes(only(fingerprints), java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey(), "the same file, not one written again and renamed over it");
            assertTrue(store.write(w -> w.replaceGraph(G, out -> stream(two, out), d -> EX + "r3")).fingerprinted());

            // a fingerprint not renamed into place (the process killed after the commit) is an older one
            Files.copy(kept, only(fingerprints), StandardCopyOption.REPLACE_EXISTING);
            GraphChange stale = store.write(w -> w.replaceGraph(G, out -> stream(one, out), d -> EX + "r4"));
            assertFalse(stale.fingerprinted(), "a fingerprint of an earlier release is not used");
            Set<String> held = content(store);
            try (Store fresh = Store.open(dir.resolve("fresh"))) {
                fresh.write(w -> w.replaceGraph(G, out -> stream(one, out)));
                assertEquals(content(fresh), held);
            }

            // a graph removed takes its fingerprint with it
            store.write(w -> {
                w.removeGraph(G);
                return null;
            });
            try (Stream<Path> left = Files.list(fingerprints)) {
                assertEquals(0, left.count(), "a removed graph's fingerprint is deleted");
            }
        }
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), "one fingerprint: " + all);
            return all.get(0);
        }
    }

    /**
     * A registry's release: rows come and go, names change, sizes are written with or without
     * leading zeros (one value to TDB2), some triples come twice, blank nodes, two types, places
     * some of which a sibling graph types, and a quad for another graph.
     */
    private static List<Triple> release(Random r, int rows, int release) {
        List<Triple> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (r.nextInt(20) == 0) {
                continue;
            }
            Node s = NodeFactory.createURI(EX + "id/thing/" + i);
            out.add(Triple.create(s, RDF.Nodes.type, TYPES[i % 7 == 0 ? 1 : 0]));
            String name = "Қарағанды нысаны " + i + (r.nextInt(10) == 0 ? " (" + release + ")" : "");
            out.add(Triple.create(s, NAME, NodeFactory.createLiteralLang(name, r.nextInt(50) == 0 ? "ru" : "kk")));
            String size = Integer.toString(i % 97 + (r.nextInt(15) == 0 ? release : 0));
            out.add(Triple.create(s, SIZE, NodeFactory.createLiteralDT(r.nextBoolean() ? "0" + size : size,
                    XSDDatatype.XSDinteger)));
            out.add(Triple.create(s, IN, kato(r.nextInt(20) == 0 ? i % 13 + release : i % 13)));
            if (i % 10 == 0) {
                out.add(Triple.create(NodeFactory.createBlankNode("b" + i), IN, s));
                out.add(Triple.create(s, IN, kato(i % 13)));
            }
        }
        if (r.nextBoolean()) {
            java.util.Collections.shuffle(out, r); // else in the order of the rows, as a reload mostly comes
        }
        return out;
    }

    private static Node kato(int k) {
        return NodeFactory.createURI(EX + "id/kato/" + k);
    }

    private static void stream(List<Triple> triples, org.apache.jena.riot.system.StreamRDF out) {
        triples.forEach(out::triple);
        out.quad(Quad.create(NodeFactory.createURI(EX + "graph/other"), triples.get(0)));
    }

    /** The graph as sorted lines, blank nodes by their place (TDB2 keeps no label). */
    private static Set<String> content(Store store) {
        return store.read(d -> {
            Set<String> out = new TreeSet<>();
            d.find(NodeFactory.createURI(G), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(
                    (q.getSubject().isBlank() ? "_" : q.getSubject().toString()) + " " + q.getPredicate() + " "
                            + q.getObject()));
            return out;
        });
    }

    /** How many tuples of the graph each quad index holds. */
    private static List<Long> indexed(Store store) {
        return store.read(d -> {
            var quads = org.apache.jena.tdb2.sys.TDBInternal.getDatasetGraphTDB(d).getQuadTable().getNodeTupleTable();
            var g = quads.getNodeTable().getNodeIdForNode(NodeFactory.createURI(G));
            List<Long> out = new ArrayList<>();
            for (var index : quads.getTupleTable().getIndexes()) {
                long[] n = new long[1];
                index.all().forEachRemaining(t -> n[0] += t.get(0).equals(g) ? 1 : 0);
                out.add(n[0]);
            }
            return out;
        });
    }
}
