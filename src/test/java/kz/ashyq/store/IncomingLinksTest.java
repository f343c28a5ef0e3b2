package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.DatasetFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incoming links counted on TDB2's indexes agree with SPARQL's count, page without overlap, and a
 * hub's kept counts follow the data when a graph is replaced.
 */
class IncomingLinksTest {

    private static final String EX = "http://data.example.kz/id/";
    private static final Node UNIT = NodeFactory.createURI(EX + "unit/1");
    private static final Node IN = NodeFactory.createURI("https://schema.org/containedInPlace");
    private static final Node NEAR = NodeFactory.createURI(EX + "near");

    @Test
    void countsAndPagesAHubAndFollowAReload(@TempDir Path dir) {
        try (Store store = Store.open(dir)) {
            load(store, "graph/a", 700, 40);
            // the same links again in a second graph count once; a blank node counts but is not shown
            store.write(w -> w.replaceGraph(EX + "graph/b", out -> {
                for (int i = 0; i < 100; i++) {
                    out.triple(Triple.create(thing(i), IN, UNIT));
                }
                out.triple(Triple.create(NodeFactory.createBlankNode(), IN, UNIT));
            }));
            for (int round = 0; round < 2; round++) { // the second round reads the kept counts
                IncomingLinks.Incoming page0 = read(store, null, 0);
                assertEquals(Map.of(IN, sparqlCount(store, IN), NEAR, sparqlCount(store, NEAR)), page0.counts());
                assertEquals(701L, page0.counts().get(IN));
                assertEquals(List.of(IN, NEAR), List.copyOf(page0.counts().keySet()), "most used first");
                assertEquals(50, page0.shown().get(IN).size());
                assertEquals(40, page0.shown().get(NEAR).size());
                Set<Node> seen = new HashSet<>();
                for (int p = 0; p * 50 < 701; p++) {
                    List<Node> shown = read(store, IN, p).shown().get(IN);
                    shown.forEach(n -> assertTrue(seen.add(n), "pages do not overlap: " + n));
                }
                assertEquals(700, seen.size(), "every IRI subject on some page, the blank node on none");
            }
            load(store, "graph/a", 300, 0);
            IncomingLinks.Incoming after = read(store, null, 0);
            // graph/b's 100 links are among graph/a's 300 again; its blank node still counts
            assertEquals(Map.of(IN, 301L), after.counts(), "a reload is seen at once");
            assertEquals(sparqlCount(store, IN), after.counts().get(IN));
        }
    }

    private static IncomingLinks.Incoming read(Store store, Node paged, int page) {
        return store.read(d -> store.incomingLinks().read(d, UNIT, paged, page * 50L, 50));
    }

    private static void load(Store store, String graph, int things, int near) {
        store.write(w -> w.replaceGraph(EX + graph, out -> {
            for (int i = 0; i < things; i++) {
                out.triple(Triple.create(thing(i), IN, UNIT));
                if (i < near) {
                    out.triple(Triple.create(thing(i), NEAR, UNIT));
                }
            }
        }));
    }

    private static Node thing(int i) {
        return NodeFactory.createURI(EX + "thing/" + i);
    }

    private static long sparqlCount(Store store, Node p) {
        return store.read(d -> {
            String q = "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s <" + p.getURI() + "> <" + UNIT.getURI() + "> } }";
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(d)).query(q).build()) {
                return qe.execSelect().next().getLiteral("n").getLong();
            }
        });
    }
}
