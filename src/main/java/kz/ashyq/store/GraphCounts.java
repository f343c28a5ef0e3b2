package kz.ashyq.store;

import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/** Links into a named graph from its siblings, counted in the caller's transaction. */
final class GraphCounts {

    private GraphCounts() {}

    /**
     * Links into the things {@code graph} types, from its sibling graphs (those named under the
     * same parent), by source graph and predicate: triples, not {@code rdf:type}, whose object
     * has an {@code rdf:type} in {@code graph}. Found from the things it types, one index lookup
     * each for the triples that have it as object, so that the other graphs are not read back.
     */
    static Map<String, Map<String, Long>> linksInto(DatasetGraph dsg, String graph) {
        String parent = graph.substring(0, graph.lastIndexOf('/') + 1);
        java.util.Set<Node> siblings = new java.util.HashSet<>();
        dsg.listGraphNodes().forEachRemaining(g -> {
            String u = g.getURI();
            if (u.startsWith(parent) && u.indexOf('/', parent.length()) < 0 && !u.equals(graph)) {
                siblings.add(g);
            }
        });
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
