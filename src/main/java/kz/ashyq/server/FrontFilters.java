package kz.ashyq.server;

import jakarta.servlet.Filter;
import java.util.List;
import java.util.Optional;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.sparql.Pacing;
import org.apache.jena.fuseki.main.FusekiServer;

/**
 * The filters in front of every request, one concern each, in the order a request meets them:
 * the access log (outermost, so that every answer is logged), cross-origin reading, the admin
 * routes, the endpoint's own page, the request's size, the rate per client, small buffers for
 * pages, the result cache, the slots, pacing, the cap on rows and the query timer. Each acts
 * only on the {@link CostClass} it is about and hands the rest on.
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
        List<Filter> filters = List.of(
                new AccessLog(metrics, clients),
                new Cors(),
                new AdminGuard(parts.adminToken(), parts.changed(), limits.maxUploadBytes(), refusal, parts.adminRoutes()),
                parts.endpointPage(),
                new RequestSize(limits, refusal),
                new RateLimit(limits, clients, refusal),
                new ResponseBuffers.Pages(),
                new KeptAnswers(parts.cache(), metrics),
                slots,
                new Paced(parts.pacing()),
                new ResultCap(limits.maxResultRows()),
                new QueryTimer(metrics));
        for (Filter f : filters) {
            builder.addFilter("/*", f);
        }
    }
}
