package kz.ashyq.sparql;

import java.time.Duration;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Registers the public SPARQL endpoint at {@value #PATH}: the SPARQL 1.1 Protocol, query only
 * (GET and POST), over a dataset whose default graph is the union of its named graphs. No
 * update, no Graph Store Protocol: a public endpoint must not change the store; no
 * {@code SERVICE}: it must not call other hosts for a caller; and every query is stopped at
 * the timeout.
 */
public final class SparqlEndpoint {

    /** Where the endpoint answers. */
    public static final String PATH = "/sparql";

    static {
        CsvResultsWriter.register();
    }

    private SparqlEndpoint() {}

    /**
     * Adds the read-only query service for {@code dsg} to a Fuseki builder, with a timeout after
     * which a query is cancelled (the front's own queries are bound by it too).
     */
    public static FusekiServer.Builder register(FusekiServer.Builder builder, DatasetGraph dsg, Duration timeout) {
        return registerReadOnly(builder, PATH, dsg, timeout);
    }

    /** Where the archive of releases answers queries: each release is a named graph. */
    public static final String RELEASES_PATH = "/releases";

    /**
     * Adds the read-only query service over the archive of releases at {@value #RELEASES_PATH},
     * with the same limits as the public endpoint.
     */
    public static FusekiServer.Builder registerReleases(FusekiServer.Builder builder, DatasetGraph archive,
            Duration timeout) {
        return registerReadOnly(builder, RELEASES_PATH, archive, timeout);
    }

    private static FusekiServer.Builder registerReadOnly(FusekiServer.Builder builder, String path, DatasetGraph dsg,
            Duration timeout) {
        dsg.getContext().set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
        // A public endpoint makes no request to other hosts on a caller's behalf.
        dsg.getContext().set(ARQ.httpServiceAllowed, false);
        DataService service = DataService.newBuilder(dsg)
                .addEndpoint(Operation.Query, "")
                .addEndpoint(Operation.Query, "query")
                .build();
        return builder.add(path, service);
    }

    /** Where SPARQL Update ({@code /admin/update}) and the Graph Store Protocol ({@code /admin/data}) answer. */
    public static final String ADMIN_PATH = "/admin";

    /**
     * Adds SPARQL Update, the Graph Store Protocol and queries over {@code dsg} at {@value #ADMIN_PATH}:
     * only for callers the server has authenticated (see the server's request guard).
     */
    public static FusekiServer.Builder registerAdmin(FusekiServer.Builder builder, DatasetGraph dsg) {
        DataService service = DataService.newBuilder(dsg)
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.Update, "update")
                .addEndpoint(Operation.GSP_RW, "data")
                .build();
        return builder.add(ADMIN_PATH, service);
    }
}
