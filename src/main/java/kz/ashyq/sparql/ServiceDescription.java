package kz.ashyq.sparql;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * The SPARQL 1.1 Service Description of the endpoint, answered to a GET of {@code /sparql}
 * without a query: what it speaks (SPARQL 1.1 Query), the result formats, that its default
 * graph is the union of the named graphs, and those graphs.
 */
public final class ServiceDescription {

    private static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    private static final String FORMATS = "http://www.w3.org/ns/formats/";

    private ServiceDescription() {}

    /**
     * The description of the endpoint at {@code endpoint} over a dataset with these named graphs
     * (read by the caller, in the store's read transaction: only the store opens transactions).
     */
    public static Graph describe(String endpoint, Iterable<Node> graphNames) {
        Graph g = GraphFactory.createDefaultGraph();
        Node service = NodeFactory.createURI(endpoint);
        g.getPrefixMapping().setNsPrefix("sd", SD).setNsPrefix("void", "http://rdfs.org/ns/void#");
        g.add(service, RDF.Nodes.type, sd("Service"));
        g.add(service, sd("endpoint"), service);
        g.add(service, sd("supportedLanguage"), sd("SPARQL11Query"));
        g.add(service, sd("feature"), sd("UnionDefaultGraph"));
        for (String f : new String[] {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
            "SPARQL_Results_TSV", "Turtle", "JSON-LD", "RDF_XML", "N-Triples"}) {
            g.add(service, sd("resultFormat"), NodeFactory.createURI(FORMATS + f));
        }
        Node dataset = NodeFactory.createBlankNode();
        g.add(service, sd("defaultDataset"), dataset);
        g.add(dataset, RDF.Nodes.type, sd("Dataset"));
        Node defaultGraph = NodeFactory.createBlankNode();
        g.add(dataset, sd("defaultGraph"), defaultGraph);
        g.add(defaultGraph, RDF.Nodes.type, sd("Graph"));
        for (Node name : graphNames) {
            Node named = NodeFactory.createBlankNode();
            g.add(dataset, sd("namedGraph"), named);
            g.add(named, RDF.Nodes.type, sd("NamedGraph"));
            g.add(named, sd("name"), name);
        }
        return g;
    }

    private static Node sd(String local) {
        return NodeFactory.createURI(SD + local);
    }
}
