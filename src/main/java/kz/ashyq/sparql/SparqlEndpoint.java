package kz.ashyq.sparql;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Registers the public SPARQL endpoint at {@value #PATH}: the SPARQL 1.1 Protocol, query only
 * (GET and POST), over a dataset whose default graph is the union of its named graphs. No
 * update, no Graph Store Protocol: a public endpoint must not change the store.
 */
public final class SparqlEndpoint {

    /** Where the endpoint answers. */
    public static final String PATH = "/sparql";

    private SparqlEndpoint() {}

    /** Adds the read-only query service for {@code dsg} to a Fuseki builder. */
    public static FusekiServer.Builder register(FusekiServer.Builder builder, DatasetGraph dsg) {
        DataService service = DataService.newBuilder(dsg)
                .addEndpoint(Operation.Query, "")
                .addEndpoint(Operation.Query, "query")
                .build();
        return builder.add(PATH, service);
    }
}
