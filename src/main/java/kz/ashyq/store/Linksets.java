package kz.ashyq.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;

/**
 * Links from a graph into its sibling graphs (those named under the same parent): triples whose
 * IRI object has an {@code rdf:type} there, so that a graph which only adds facts about
 * another's things (coordinates, say) is not taken for their home. Counted as a graph is
 * written, from its distinct triples ({@link #offer}), looking up each object's homes once;
 * the links of the other graphs into it are counted from its side
 * ({@link #linksInto}). Neither reads a graph back: TDB2 decodes a node not in its
 * cache from its node file, and for a registry of 800,000 triples that was half of a load.
 */
final class Linksets {

    /** Objects whose homes are remembered: links go to a few units many times over. */
    private static final int REMEMBERED = 100_000;

    private final DatasetGraph dsg;
    private final List<Node> siblings;
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private final Map<Node, List<Node>> homes = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Node, List<Node>> eldest) {
            return size() > REMEMBERED;
        }
    };

    Linksets(DatasetGraph dsg, String graphIri) {
        this.dsg = dsg;
        this.siblings = siblings(dsg, graphIri);
    }

    /** The graphs named under the same parent as {@code graphIri}, but not it. */
    private static List<Node> siblings(DatasetGraph dsg, String graphIri) {
        String parent = graphIri.substring(0, graphIri.lastIndexOf('/') + 1);
        List<Node> out = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(g -> {
            String u = g.getURI();
            if (u.startsWith(parent) && u.indexOf('/', parent.length()) < 0 && !u.equals(graphIri)) {
                out.add(g);
            }
        });
        return out;
    }

    /**
     * Counts a triple of the graph with predicate {@code p} and IRI object {@code o}, not an
     * {@code rdf:type}: the caller offers each distinct triple once.
     */
    void offer(Node p, Node o) {
        if (siblings.isEmpty()) {
            return;
        }
        List<Node> in = homes.computeIfAbsent(o, x -> siblings.stream()
                .filter(g -> dsg.find(g, x, RDF.Nodes.type, Node.ANY).hasNext()).toList());
        for (Node g : in) {
            counts.computeIfAbsent(g.getURI(), k -> new TreeMap<>()).merge(p.getURI(), 1L, Long::sum);
        }
    }

    /** Whether {@code graph} is a sibling of the graph whose links this counts. */
    boolean sibling(Node graph) {
        return siblings.contains(graph);
    }

    /** The links counted again from the graph as the store holds it, decoding every triple's nodes. */
    static Map<String, Map<String, Long>> readBack(DatasetGraph dsg, String graphIri) {
        Linksets links = new Linksets(dsg, graphIri);
        dsg.find(NodeFactory.createURI(graphIri), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (q.getObject().isURI() && !q.getPredicate().equals(RDF.Nodes.type)) {
                links.offer(q.getPredicate(), q.getObject());
            }
        });
        return links.counts();
    }

    /** Per sibling graph, per predicate: the links counted. */
    Map<String, Map<String, Long>> counts() {
        return counts;
    }

    /**
     * Links into the things {@code graph} types, from its sibling graphs (those named under the
     * same parent), by source graph and predicate: triples, not {@code rdf:type}, whose object
     * has an {@code rdf:type} in {@code graph}. Found from the things it types, one index lookup
     * each for the triples that have it as object, so that the other graphs are not read back.
     */
    static Map<String, Map<String, Long>> linksInto(DatasetGraph dsg, String graph) {
        java.util.Set<Node> siblings = new java.util.HashSet<>(siblings(dsg, graph));
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        if (siblings.isEmpty()) {
            return out;
        }
        Node type = org.apache.jena.vocabulary.RDF.Nodes.type;
        java.util.Set<Node> typed = new java.util.HashSet<>();
        dsg.find(NodeFactory.createURI(graph), Node.ANY, type, Node.ANY).forEachRemaining(q -> {
            if (q.getSubject().isURI()) {
                typed.add(q.getSubject());
            }
        });
        for (Node thing : typed) {
            dsg.find(Node.ANY, Node.ANY, Node.ANY, thing).forEachRemaining(q -> {
                if (siblings.contains(q.getGraph()) && !q.getPredicate().equals(type)) {
                    out.computeIfAbsent(q.getGraph().getURI(), k -> new java.util.TreeMap<>())
                            .merge(q.getPredicate().getURI(), 1L, Long::sum);
                }
            });
        }
        return out;
    }
}
