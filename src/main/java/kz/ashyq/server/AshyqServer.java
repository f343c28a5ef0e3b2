package kz.ashyq.server;

import io.javalin.Javalin;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.search.GeoIndex;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.sparql.Pacing;
import kz.ashyq.sparql.ServiceDescription;
import kz.ashyq.sparql.SparqlEndpoint;
import kz.ashyq.store.Store;
import kz.ashyq.web.QueryPage;
import kz.ashyq.web.WebApp;
import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server for everything: Fuseki answers {@code /sparql}, the Javalin front answers
 * every other path, both in Fuseki's Jetty.
 */
public final class AshyqServer {

    private static final Logger LOG = LoggerFactory.getLogger(AshyqServer.class);

    private final FusekiServer fuseki;
    private final BaseIri base;
    private final SearchIndex search;
    private final ResultCache cache;
    private final ReplicationRole replication;
    private final java.util.Optional<Harvests> harvests;

    private AshyqServer(FusekiServer fuseki, BaseIri base, SearchIndex search, ResultCache cache,
            ReplicationRole replication, java.util.Optional<Harvests> harvests) {
        this.harvests = harvests;
        this.fuseki = fuseki;
        this.base = base;
        this.search = search;
        this.cache = cache;
        this.replication = replication;
    }

    /** The endpoint's result cache: for the tests of what it keeps. */
    ResultCache resultCache() {
        return cache;
    }

    /**
     * Builds the server, unstarted. The base IRI that request paths map onto is the config's, else
     * the store's, else {@code http://localhost:PORT/}.
     */
    public static AshyqServer create(ServerConfig config, Store store) {
        BaseIri base = config.base().or(store::base)
                .orElseGet(() -> BaseIri.localhost(config.port() == 0 ? 8080 : config.port()));
        store.base().filter(b -> !b.equals(base)).ifPresent(b -> LOG.warn(
                "serving with base {} but the store's IRIs are under {}: entity URLs will not resolve", base, b));
        SearchIndex search = SearchIndex.open(store);
        search.update(store, base);
        // saved queries and the endpoint find places near a point, and labels' words, through the search index
        kz.ashyq.search.NearFunction.register();
        kz.ashyq.search.TextSearchFunction.register();
        store.datasetGraph().getContext().set(kz.ashyq.search.NearFunction.INDEX, search);
        // GeoSPARQL's property functions find their candidates through it
        GeoIndex geo = GeoIndex.build(store);
        ReplicationRole replication = new ReplicationRole(config.replication(), config.adminToken(), store, base,
                search, geo);
        Javalin app = WebApp.create(store, base, config.queries(), search, config.tiles());
        FusekiServer.Builder builder = FusekiServer.create()
                .port(config.port())
                .enablePing(false)
                .enableStats(false)
                .verbose(false);
        SparqlEndpoint.register(builder, store.datasetGraph(), config.queryTimeout(), config.serviceHosts(),
                config.limits().maxResultRows());
        SparqlEndpoint.registerReleases(builder, store.archiveGraph(), config.queryTimeout(),
                config.limits().maxResultRows());
        Pacing pacing = new Pacing(config.limits().backgroundAfterMillis(), config.queryTimeout());
        pacing.install(store.datasetGraph());
        pacing.install(store.archiveGraph());
        Metrics metrics = new Metrics(pacing);
        String endpoint = base.sparql();
        config.adminToken().ifPresent(t -> SparqlEndpoint.registerAdmin(builder, store.changes().updatable()));
        kz.ashyq.sparql.AnalyticEngine.keepMemory(config.limits().analyticMemoryBytes());
        ResultCache cache = new ResultCache(config.limits().resultCacheBytes(),
                () -> kz.ashyq.store.DataVersion.now(store.datasetGraph()));
        metrics.cacheBytes(cache::used);
        Publications publications = new Publications(store, base, search, geo);
        metrics.publicationsWaiting(publications::waiting);
        java.util.Optional<Harvests> harvests = config.harvest().map(h -> new Harvests(h, publications, base,
                kz.ashyq.mapping.draft.Drafter.bundledKato()));
        PublishEndpoint publish = new PublishEndpoint(store, base, publications, config.limits().maxUploadBytes());
        EndpointPage endpointPage = new EndpointPage(() -> ServiceDescription.describe(endpoint,
                store.read(d -> org.apache.jena.atlas.iterator.Iter.toList(d.listGraphNodes()))),
                new QueryPage(config.tiles()));
        Runnable changed = () -> {
            store.touch();
            search.rebuild(store, base);
            geo.rebuild(store);
        };
        AdminRoutes adminRoutes = new AdminRoutes(publish, replication.snapshot(store),
                config.replication().follow().map(Object::toString).or(store.changes()::replicaOf));
        FrontFilters.install(builder, new FrontFilters.Parts(config.limits(), metrics, pacing, endpointPage, cache,
                config.adminToken(), changed, adminRoutes));
        OpsServlet ops = new OpsServlet(store, base, metrics, search, geo, replication.state(),
                harvests);
        builder.addServlet("/health", ops);
        builder.addServlet("/metrics", ops);
        builder.addServlet("/*", (jakarta.servlet.http.HttpServlet) app.javalinServlet());
        FusekiServer fuseki = builder.build();
        // Javalin's servlet is a Jetty WebSocket servlet: its context needs the WebSocket
        // components before it starts.
        ServletContextHandler context = fuseki.getJettyServer().getDescendant(ServletContextHandler.class);
        JettyWebSocketServletContainerInitializer.configure(context, null);
        // forms are read by Jetty, not through the filters' counting stream: the same cap applies
        context.setMaxFormContentSize((int) Math.min(Integer.MAX_VALUE, config.limits().maxBodyBytes()));
        ResponseBuffers.install(fuseki.getJettyServer());
        return new AshyqServer(fuseki, base, search, cache, replication, harvests);
    }

    /** Starts listening. */
    public AshyqServer start() {
        fuseki.start();
        replication.start();
        harvests.ifPresent(Harvests::start);
        return this;
    }

    /** The port it listens on (useful after starting on port 0). */
    public int port() {
        return fuseki.getHttpPort();
    }

    /** The base IRI that request paths map onto. */
    public BaseIri base() {
        return base;
    }

    /** Stops listening. */
    public void stop() {
        harvests.ifPresent(Harvests::stop);
        replication.stop();
        fuseki.stop();
        search.close();
    }

    /** Waits until the server stops. */
    public void join() {
        fuseki.join();
    }
}
