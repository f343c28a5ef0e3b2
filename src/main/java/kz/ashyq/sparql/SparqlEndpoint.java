package kz.ashyq.sparql;

import java.time.Duration;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
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
        JsonResultsWriter.register();
        AnalyticEngine.register();
        // GeoSPARQL 1.0's geof: functions, its topological relations as functions and property
        // functions, and its query rewrite (a feature's relation asked of its default geometry),
        // with Jena's bounded caches of parsed geometries
        org.apache.jena.geosparql.configuration.GeoSPARQLConfig.setupMemoryIndex(true);
    }

    private SparqlEndpoint() {}

    /**
     * Adds the read-only query service for {@code dsg} to a Fuseki builder, with a timeout after
     * which a query is cancelled (the front's own queries are bound by it too) and a cap on the rows
     * of an answer ({@link CappedQueries}). {@code SERVICE} may call the allow-listed hosts
     * ({@code host} or {@code host:port}) and no other: the check runs before any connection is made.
     */
    public static FusekiServer.Builder register(FusekiServer.Builder builder, DatasetGraph dsg, Duration timeout,
            Set<String> serviceHosts, long maxRows) {
        registerReadOnly(builder, PATH, dsg, timeout, maxRows);
        if (!serviceHosts.isEmpty()) {
            dsg.getContext().set(ARQ.httpServiceAllowed, true);
            // the query timeout does not reach the HTTP call of a SERVICE: bound it too
            dsg.getContext().set(org.apache.jena.sparql.exec.http.Service.httpQueryTimeout, Long.toString(timeout.toMillis()));
            ServiceExecutorRegistry registry = ServiceExecutorRegistry.createFrom(ServiceExecutorRegistry.get());
            registry.addSingleLink((op, original, binding, cxt, chain) -> {
                checkHost(op.getService(), serviceHosts);
                return chain.createExecution(op, original, binding, cxt);
            });
            ServiceExecutorRegistry.set(dsg.getContext(), registry);
        }
        return builder;
    }

    private static void checkHost(Node service, Set<String> hosts) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(service.isURI() ? service.getURI() : "");
        } catch (IllegalArgumentException e) {
            uri = java.net.URI.create("");
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String withPort = host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (!hosts.contains(host) && !hosts.contains(withPort)) {
            throw new QueryExecException("SERVICE " + service + " is not allowed on this endpoint (allowed hosts: "
                    + String.join(", ", new java.util.TreeSet<>(hosts)) + ")");
        }
    }

    /** Where the archive of releases answers queries: each release is a named graph. */
    public static final String RELEASES_PATH = "/releases";

    /**
     * Adds the read-only query service over the archive of releases at {@value #RELEASES_PATH},
     * with the same limits as the public endpoint.
     */
    public static FusekiServer.Builder registerReleases(FusekiServer.Builder builder, DatasetGraph archive,
            Duration timeout, long maxRows) {
        return registerReadOnly(builder, RELEASES_PATH, archive, timeout, maxRows);
    }

    private static FusekiServer.Builder registerReadOnly(FusekiServer.Builder builder, String path, DatasetGraph dsg,
            Duration timeout, long maxRows) {
        dsg.getContext().set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
        // A public endpoint makes no request to other hosts on a caller's behalf.
        dsg.getContext().set(ARQ.httpServiceAllowed, false);
        CappedQueries capped = new CappedQueries(maxRows);
        DataService service = DataService.newBuilder(dsg)
                .addEndpoint(Endpoint.create().operation(Operation.Query).endpointName("").processor(capped).build())
                .addEndpoint(Endpoint.create().operation(Operation.Query).endpointName("query").processor(capped).build())
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
