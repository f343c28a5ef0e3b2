package kz.ashyq.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;

/** Links of a named graph into its siblings, read back from the store in the caller's transaction. */
final class GraphCounts {

    private GraphCounts() {}

    /**
     * Links from a graph into its sibling graphs (those named under the same parent): triples
     * whose IRI object has an {@code rdf:type} there, so that a graph which only adds facts
     * about another's things (coordinates, say) is not taken for their home. Counted by
     * index lookups, once per distinct object.
     */
    static Map<String, Map<String, Long>> linksets(DatasetGraph dsg, String graph) {
        String parent = graph.substring(0, graph.lastIndexOf('/') + 1);
        java.util.List<Node> siblings = new java.util.ArrayList<>();
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
        Map<Node, java.util.List<Node>> homes = new java.util.HashMap<>();
        Node type = org.apache.jena.vocabulary.RDF.Nodes.type;
        dsg.find(NodeFactory.createURI(graph), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (!q.getObject().isURI() || q.getPredicate().equals(type)) {
                return;
            }
            java.util.List<Node> in = homes.computeIfAbsent(q.getObject(), o -> siblings.stream()
                    .filter(g -> dsg.find(g, o, type, Node.ANY).hasNext()).toList());
            for (Node g : in) {
                out.computeIfAbsent(g.getURI(), k -> new java.util.TreeMap<>())
                        .merge(q.getPredicate().getURI(), 1L, Long::sum);
            }
        });
        return out;
    }

}
