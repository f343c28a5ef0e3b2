package kz.ashyq.server;

import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.sparql.Pacing;
import org.apache.jena.fuseki.main.FusekiServer;

/**
 * The filters in front of every request, one concern each, in the order a request meets them:
 * the access log (outermost, so that every answer is logged), cross-origin reading, the admin
 * routes, the endpoint's own page, the request's size, the rate per client, small buffers for
 * pages, the result cache, the slots, pacing and the query timer (the cap on rows is the query service's own: {@code sparql.CappedQueries}). Each is mapped to
 * the routes it is about ({@link CostClass#pathSpecs}), so that a document's request meets six of
 * them, and acts only on the {@link CostClass} it is about.
 */
final class FrontFilters {

    private FrontFilters() {}

    /** The parts the filters need that the server makes. */
    record Parts(EndpointLimits limits, Metrics metrics, Pacing pacing, EndpointPage endpointPage,
            ResultCache cache, Optional<String> adminToken, Runnable changed, AdminRoutes adminRoutes) {}

    /** Adds the filters to an unstarted server, and their gauges to the metrics. */
    static void install(FusekiServer.Builder builder, Parts parts) {
        EndpointLimits limits = parts.limits();
        Metrics metrics = parts.metrics();
        Refusal refusal = Refusal.counted(metrics);
        ClientAddress clients = new ClientAddress(limits.trustedProxies());
        SlotGate slots = new SlotGate(limits, clients, refusal);
        metrics.slots(slots.queries(), slots.heavy());
        List<String> everything = List.of("/*");
        List<String> costly = CostClass.pathSpecs(EnumSet.of(CostClass.QUERY, CostClass.HEAVY));
        List<String> queries = CostClass.pathSpecs(EnumSet.of(CostClass.QUERY));
        add(builder, new AccessLog(metrics, clients), everything);
        add(builder, new Cors(), everything);
        add(builder, new AdminGuard(parts.adminToken(), parts.changed(), limits.maxUploadBytes(), refusal,
                parts.adminRoutes()), CostClass.pathSpecs(EnumSet.of(CostClass.ADMIN)));
        add(builder, parts.endpointPage(), List.of("/sparql/*"));
        add(builder, new RequestSize(limits, refusal), everything);
        add(builder, new RateLimit(limits, clients, refusal), everything);
        add(builder, new ResponseBuffers.Pages(), everything);
        add(builder, new KeptAnswers(parts.cache(), metrics), costly);
        add(builder, slots, costly);
        add(builder, new Paced(parts.pacing()), everything);
        add(builder, new QueryTimer(metrics), queries);
    }

    /** Jetty puts a filter in the chain of the requests its path specs match, in the order added. */
    private static void add(FusekiServer.Builder builder, Filter filter, List<String> pathSpecs) {
        for (String spec : pathSpecs) {
            builder.addFilter(spec, filter);
        }
    }
}
