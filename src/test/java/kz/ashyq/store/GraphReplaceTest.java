package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph replaced on TDB2's node ids holds exactly the new triples in all six quad indexes,
 * after a first load, a reload that changes a few triples, an aborted write and a reopening; its
 * counts agree with SPARQL's over the store, and its diff with set arithmetic.
 */
class GraphReplaceTest {

    private static final String EX = "http://data.example.kz/";
    private static final String G = EX + "graph/reg";
    private static final Node NAME = NodeFactory.createURI("https://schema.org/name");
    private static final Node SIZE = NodeFactory.createURI("https://schema.org/size");
    private static final Node IN = NodeFactory.createURI("https://schema.org/containedInPlace");
    private static final Node THING = NodeFactory.createURI("https://schema.org/Place");

    @Test
    void firstLoadReloadAbortAndReopen(@TempDir Path dir) {
        List<Triple> first = registry(3_000, 0);
        try (Store store = Store.open(dir)) {
            GraphChange c = store.write(w -> w.replaceGraph(G, out -> first.forEach(out::triple)));
            Set<Triple> expected = new HashSet<>(first);
            assertEquals(new GraphDiff(expected.size(), 0), c.diff(), "first load: every distinct triple added");
            assertHolds(store, expected);
            assertStatsAgreeWithSparql(store, c.stats());

            List<Triple> second = registry(3_000, 30);
            Set<Triple> next = new HashSet<>(second);
            Set<Triple> added = new HashSet<>(next);
            added.removeAll(expected);
            Set<Triple> removed = new HashSet<>(expected);
            removed.removeAll(next);
            assertTrue(!added.isEmpty() && !removed.isEmpty(), "the reload changes something both ways");
            GraphChange c2 = store.write(w -> w.replaceGraph(G, out -> second.forEach(out::triple)));
            assertEquals(new GraphDiff(added.size(), removed.size()), c2.diff());
            assertHolds(store, next);
            assertStatsAgreeWithSparql(store, c2.stats());

            GraphChange same = store.write(w -> w.replaceGraph(G, out -> second.forEach(out::triple)));
            assertTrue(same.diff().unchanged(), "the same triples again change nothing");

            // a write that fails after adding new nodes leaves the graph as it was, and the store usable
            assertThrows(IllegalStateException.class, () -> store.write(w -> {
                w.replaceGraph(G, out -> registry(500, 400).forEach(out::triple));
                throw new IllegalStateException("stop");
            }));
            assertHolds(store, next);
            List<Triple> third = registry(3_100, 7);
            store.write(w -> w.replaceGraph(G, out -> third.forEach(out::triple)));
            assertHolds(store, new HashSet<>(third));
        }
        try (Store store = Store.open(dir)) {
            assertHolds(store, new HashSet<>(registry(3_100, 7)));
        }
    }

    @Test
    void everyEarlierReleaseIsTheServedGraphWithLaterChangesUndone(@TempDir Path dir) {
        // four releases; a triple removed by one release comes back in the next
        List<Set<Triple>> releases = List.of(new HashSet<>(registry(400, 0)), new HashSet<>(registry(400, 7)),
                new HashSet<>(registry(380, 0)), new HashSet<>(registry(420, 5)));
        try (Store store = Store.open(dir)) {
            for (int r = 0; r < releases.size(); r++) {
                String name = EX + "graph/reg/release/" + (r + 1);
                Set<Triple> triples = releases.get(r);
                boolean first = r == 0;
                store.write(w -> w.replaceGraph(G, out -> triples.forEach(out::triple), d -> first ? null : name));
            }
            assertTrue(!store.archiveHolds(Store.addedGraph(EX + "graph/reg/release/1")), "a first release archives nothing");
            for (int k = 1; k <= releases.size(); k++) {
                List<String> undo = new ArrayList<>();
                for (int j = releases.size(); j > k; j--) {
                    undo.add(EX + "graph/reg/release/" + j);
                }
                Set<Triple> rebuilt = new HashSet<>();
                store.release(G, EX + "graph/reg/release/" + k, undo, new org.apache.jena.riot.system.StreamRDFBase() {
                    @Override
                    public void triple(Triple t) {
                        assertTrue(rebuilt.add(t), "each triple once: " + t);
                    }
                });
                assertEquals(withoutBlanks(releases.get(k - 1)), withoutBlanks(rebuilt), "release " + k);
            }
        }
    }

    /** Things with names (Kazakh letters, long strings), sizes (inline integers), types, places, blank nodes, repeats. */
    private static List<Triple> registry(int rows, int changedEvery) {
        List<Triple> out = new ArrayList<>();
        Random r = new Random(42);
        for (int i = 0; i < rows; i++) {
            Node s = NodeFactory.createURI(EX + "id/thing/" + i);
            boolean changed = changedEvery > 0 && i % changedEvery == 0;
            out.add(Triple.create(s, RDF.Nodes.type, THING));
            out.add(Triple.create(s, NAME, NodeFactory.createLiteralLang("Қарағанды нысаны " + i
                    + (changed ? " (жаңа)" : "") + "x".repeat(r.nextInt(300)), "kk")));
            out.add(Triple.create(s, SIZE, NodeFactory.createLiteralDT(Integer.toString(i % 97),
                    org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
            out.add(Triple.create(s, IN, NodeFactory.createURI(EX + "id/kato/" + (i % 17))));
            if (i % 10 == 0) {
                out.add(Triple.create(NodeFactory.createBlankNode("b" + i), IN, s));
                out.add(Triple.create(s, IN, NodeFactory.createURI(EX + "id/kato/" + (i % 17))));
            }
        }
        return out;
    }

    /** Every quad index holds the graph's triples, exactly, and the store reads them back as nodes. */
    private static void assertHolds(Store store, Set<Triple> expected) {
        store.read(d -> {
            Node g = NodeFactory.createURI(G);
            Set<Triple> read = new HashSet<>();
            d.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> read.add(q.asTriple()));
            assertEquals(expected.size(), read.size(), "triples in the graph");
            // blank nodes are compared by their place: a label is not kept by TDB2
            assertEquals(withoutBlanks(expected), withoutBlanks(read));
            var quads = TDBInternal.getDatasetGraphTDB(d).getQuadTable().getNodeTupleTable();
            NodeId gid = quads.getNodeTable().getNodeIdForNode(g);
            for (TupleIndex index : quads.getTupleTable().getIndexes()) {
                Set<Tuple<NodeId>> held = new HashSet<>();
                index.all().forEachRemaining(t -> {
                    if (t.get(0).equals(gid)) {
                        held.add(t);
                    }
                });
                assertEquals(expected.size(), held.size(), "tuples of the graph in " + index.getName());
            }
            return null;
        });
    }

    private static Set<String> withoutBlanks(Set<Triple> triples) {
        Set<String> out = new HashSet<>();
        for (Triple t : triples) {
            out.add((t.getSubject().isBlank() ? "_" : t.getSubject().toString()) + " " + t.getPredicate() + " "
                    + t.getObject());
        }
        return out;
    }

    /** The counts GraphReplace takes from its arrays, against the SPARQL that counted them before. */
    private static void assertStatsAgreeWithSparql(Store store, GraphStats stats) {
        store.read(d -> {
            assertEquals(count(d, "SELECT (COUNT(*) AS ?n) { GRAPH <%s> { ?s ?p ?o } }"), stats.triples());
            assertEquals(count(d, "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH <%s> { ?s ?p ?o FILTER isIRI(?s) } }"),
                    stats.entities());
            assertEquals(count(d, "SELECT (COUNT(DISTINCT ?o) AS ?n) { GRAPH <%s> { ?s ?p ?o } }"),
                    stats.distinctObjects());
            assertEquals(partition(d, "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) { GRAPH <%s> { ?s a ?k } } GROUP BY ?k"),
                    new TreeMap<>(stats.classes()));
            assertEquals(partition(d, "SELECT ?k (COUNT(*) AS ?n) { GRAPH <%s> { ?s ?k ?o } } GROUP BY ?k"),
                    new TreeMap<>(stats.properties()));
            return null;
        });
    }

    private static long count(DatasetGraph d, String query) {
        try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(d)).query(String.format(query, G)).build()) {
            return qe.execSelect().next().getLiteral("n").getLong();
        }
    }

    private static Map<String, Long> partition(DatasetGraph d, String query) {
        Map<String, Long> out = new TreeMap<>();
        try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(d)).query(String.format(query, G)).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                out.put(s.getResource("k").getURI(), s.getLiteral("n").getLong());
            }
        }
        return out;
    }
}
