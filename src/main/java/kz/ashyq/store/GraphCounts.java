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

/** The counts of a named graph that the catalogue publishes, taken in the caller's transaction. */
final class GraphCounts {

    private GraphCounts() {}

    /** The counts, with linksets counted already (as the graph was written: {@link Linksets}). */
    static GraphStats stats(DatasetGraph dsg, String graph, Map<String, Map<String, Long>> linksets) {
        long triples = count(dsg, "SELECT (COUNT(*) AS ?n) { GRAPH <%s> { ?s ?p ?o } }", graph);
        long entities = count(dsg, "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH <%s> { ?s ?p ?o FILTER isIRI(?s) } }", graph);
        long objects = count(dsg, "SELECT (COUNT(DISTINCT ?o) AS ?n) { GRAPH <%s> { ?s ?p ?o } }", graph);
        Map<String, Long> classes = partition(dsg,
                "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) { GRAPH <%s> { ?s a ?k } } GROUP BY ?k ORDER BY DESC(?n) ?k", graph);
        Map<String, Long> props = partition(dsg,
                "SELECT ?k (COUNT(*) AS ?n) { GRAPH <%s> { ?s ?k ?o } } GROUP BY ?k ORDER BY DESC(?n) ?k", graph);
        return new GraphStats(triples, entities, objects, classes, props, linksets);
    }

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

    // The graph IRI comes from the store's own base and a validated dataset id, never from a
    // request, so formatting it into the query text is safe here.
    private static long count(DatasetGraph dsg, String query, String graph) {
        try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dsg)).query(String.format(query, graph)).build()) {
            ResultSet rs = qe.execSelect();
            return rs.hasNext() ? rs.next().getLiteral("n").getLong() : 0;
        }
    }

    private static Map<String, Long> partition(DatasetGraph dsg, String query, String graph) {
        Map<String, Long> out = new LinkedHashMap<>();
        Query q = QueryFactory.create(String.format(query, graph));
        try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dsg)).query(q).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                if (s.get("k").isURIResource()) {
                    out.put(s.getResource("k").getURI(), s.getLiteral("n").getLong());
                }
            }
        }
        return out;
    }

}
