package kz.ashyq.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.sparql.Pacing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of every request: CORS for reading, the body cap, the limits of the request's
 * {@link CostClass} (requests per client and minute; for queries, dumps and saved-query APIs a
 * slot, waited for without a thread, and a cap per client), the result cache, metrics, and one
 * access-log line per request with its status and time. The admin routes are {@link AdminGuard}'s.
 */
final class RequestGuard implements Filter {

    private static final Logger ACCESS = LoggerFactory.getLogger("kz.ashyq.access");
    /** Response buffer of pages, documents and APIs: within what Jetty's buffer pool keeps. */
    static final int FRONT_BUFFER = 32 * 1024;

    private final EndpointLimits limits;
    private final Metrics metrics;
    private final Pacing pacing;
    private final EndpointPage endpointPage;
    private final AdminGuard admin;
    private final ResultCache cache;
    private final ClientAddress clients;
    private final RateWindows queryRate;
    private final RateWindows pageRate;
    private final Slots querySlots;
    private final Slots heavySlots;

    RequestGuard(EndpointLimits limits, Metrics metrics, Pacing pacing, EndpointPage endpointPage,
            Optional<String> adminToken, Runnable changed, ResultCache cache, AdminRoutes routes) {
        this.limits = limits;
        this.cache = cache;
        this.metrics = metrics;
        this.pacing = pacing;
        this.endpointPage = endpointPage;
        this.admin = new AdminGuard(adminToken, changed, limits.maxUploadBytes(), this::refuse, routes);
        this.clients = new ClientAddress(limits.trustedProxies());
        this.queryRate = new RateWindows(limits.requestsPerMinute());
        this.pageRate = new RateWindows(limits.pagesPerMinute());
        long wait = limits.queueWaitSeconds() * 1000L;
        this.querySlots = new Slots(limits.maxConcurrentQueries(), limits.maxQueued(), limits.queriesPerClient(), wait);
        this.heavySlots = new Slots(limits.maxConcurrentHeavy(), limits.maxQueued(), limits.queriesPerClient(), wait);
    }

    /** One request on its way through: what its access-log line and metrics need at the end. */
    private record Call(HttpServletRequest request, HttpServletResponse response, String route, CostClass cost,
            String client, long started) {}

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String route = route(request.getRequestURI());
        Call call = new Call(request, response, route, CostClass.of(route, request.getRequestURI()),
                clients.of(request), System.nanoTime());
        if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")
                || request.getMethod().equals("POST") && call.cost() == CostClass.QUERY) {
            response.setHeader("Access-Control-Allow-Origin", "*");
        }
        boolean queued = false;
        Pacing.Ticket ticket = pacing.begin();
        try {
            queued = route(call, chain, ticket);
        } finally {
            pacing.end(ticket);
            if (!queued) {
                finish(call);
            }
        }
    }

    /** Applies the request's limits and answers it; true when it waits in a queue, to be answered later. */
    private boolean route(Call call, FilterChain chain, Pacing.Ticket ticket) throws IOException, ServletException {
        HttpServletRequest request = call.request();
        HttpServletResponse response = call.response();
        if (call.cost() == CostClass.ADMIN) {
            admin.handle(request, response, chain);
            return false;
        }
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            refuse(response, 413, "body", "Content Too Large", "the request body is larger than "
                    + limits.maxBodyBytes() + " bytes");
            return false;
        }
        BoundedRequest bounded = new BoundedRequest(request, limits.maxBodyBytes());
        switch (call.cost()) {
            case FREE -> chain.doFilter(bounded, response);
            case PAGE -> {
                if (within(pageRate, call)) {
                    // Fuseki sets 5 MB response buffers (for SPARQL results that fail late to still get a
                    // clean error); a page or document needs far less, and a small buffer comes from Jetty's pool
                    response.setBufferSize(FRONT_BUFFER);
                    chain.doFilter(bounded, response);
                }
            }
            default -> {
                return costly(call, bounded, chain, ticket);
            }
        }
        return false;
    }

    /** Queries, dumps and saved-query APIs: rate, body and length, then the cache, then a slot. */
    private boolean costly(Call call, BoundedRequest bounded, FilterChain chain, Pacing.Ticket ticket)
            throws IOException, ServletException {
        HttpServletResponse response = call.response();
        boolean query = call.cost() == CostClass.QUERY;
        if (query && call.route().equals("/sparql") && bounded.getMethod().equals("GET")
                && bounded.getParameter("query") == null) {
            endpointPage.write(bounded, response);
            return false;
        }
        if (!within(queryRate, call)) {
            return false;
        }
        HttpServletRequest checked = query ? QueryRequest.check(bounded, limits, this::refuse, response) : bounded;
        if (checked == null) {
            return false;
        }
        String key = cache.key(checked, call.route());
        if (key != null && cache.serve(key, cache.version(), response)) {
            metrics.cache(true);
            return false;
        }
        Slots slots = query ? querySlots : heavySlots;
        Runnable work = () -> answer(call, checked, chain, key);
        Slots.Admission a = slots.admit(call.client(), call.request(), work, async -> {
            busy(call.response(), slots);
            finish(call);
        });
        switch (a) {
            case RUN -> {
                try {
                    pacing.started(ticket);
                    run(call, checked, chain, key);
                } finally {
                    slots.release(call.client());
                }
            }
            case QUEUED -> {
                return true;
            }
            case CLIENT_BUSY -> {
                response.setHeader("Retry-After", "5");
                refuse(response, 429, "client-busy", "Too Many Requests", "this client has "
                        + limits.queriesPerClient() + " requests of this kind running or waiting; send the next when one is answered");
            }
            case BUSY -> busy(response, slots);
        }
        return false;
    }

    /** A queued request, run on a thread of its own once it has a slot. */
    private void answer(Call call, HttpServletRequest checked, FilterChain chain, String key) {
        Pacing.Ticket ticket = pacing.begin();
        try {
            pacing.started(ticket);
            run(call, checked, chain, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        } finally {
            pacing.end(ticket);
            finish(call);
        }
    }

    /**
     * Runs the request, keeping its answer when {@code key} says it may be kept: the data version
     * is taken before it runs, so an answer is never tagged with data newer than it was computed from.
     */
    private void run(Call call, HttpServletRequest checked, FilterChain chain, String key)
            throws IOException, ServletException {
        HttpServletResponse response = call.response();
        long t0 = System.nanoTime();
        try {
            if (key == null) {
                chain.doFilter(capped(call, checked, response), response);
                return;
            }
            metrics.cache(false);
            kz.ashyq.store.DataVersion now = cache.version();
            ResultCache.Capture capture = cache.capture(response);
            chain.doFilter(capped(call, checked, capture), capture);
            cache.keep(key, now, capture);
        } finally {
            if (call.cost() == CostClass.QUERY) {
                metrics.query(System.nanoTime() - t0, response.getStatus());
            }
        }
    }

    /** A query with the endpoint's cap on rows; other requests as they are. */
    private HttpServletRequest capped(Call call, HttpServletRequest checked, HttpServletResponse response)
            throws IOException {
        return call.cost() == CostClass.QUERY ? ResultCap.apply(checked, response, limits.maxResultRows()) : checked;
    }

    private void busy(HttpServletResponse response, Slots slots) {
        try {
            response.setHeader("Retry-After", "5");
            refuse(response, 503, "busy", "Service Unavailable",
                    "every slot for requests of this kind is taken and " + slots.queued()
                            + " are waiting; try again shortly");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean within(RateWindows rate, Call call) throws IOException {
        if (rate.allow(call.client())) {
            return true;
        }
        call.response().setHeader("Retry-After", "60");
        refuse(call.response(), 429, "rate", "Too Many Requests", "more than " + rate.perMinute()
                + " requests of this kind a minute from " + call.client());
        return false;
    }

    private void finish(Call call) {
        int status = call.response().getStatus();
        metrics.request(call.route(), status);
        ACCESS.info("{} {} {} {} {} ms {} B", call.client(), call.request().getMethod(), call.request().getRequestURI(),
                status, (System.nanoTime() - call.started()) / 1_000_000, bytesWritten(call.response()));
    }

    /** The bytes of the response's body, as Jetty counted them (before any compression), or -1. */
    private static long bytesWritten(HttpServletResponse response) {
        org.eclipse.jetty.ee10.servlet.ServletContextResponse r =
                org.eclipse.jetty.ee10.servlet.ServletContextResponse.getServletContextResponse(response);
        return r == null ? -1 : r.getHttpOutput().getWritten();
    }

    /** Answers a refusal as {@code application/problem+json}; the body goes through Jackson. */
    void refuse(HttpServletResponse response, int status, String reason, String title, String detail)
            throws IOException {
        metrics.rejected(reason);
        Problems.write(response, status, title, detail);
    }

    /** The first segment of a path: the route that metrics count by. */
    static String route(String path) {
        int next = path.indexOf('/', 1);
        String first = next < 0 ? path : path.substring(0, next);
        return switch (first) {
            case "/sparql", "/releases", "/id", "/doc", "/dump", "/catalog", "/static", "/health", "/metrics",
                    "/sitemap.xml", "/robots.txt", "/.well-known", "/api", "/admin", "/search", "/vocab", "/" -> first;
            default -> "other";
        };
    }

    /** How the guard answers a refusal: status, reason counted in metrics, title, detail. */
    @FunctionalInterface
    interface Refusal {
        void refuse(HttpServletResponse response, int status, String reason, String title, String detail)
                throws IOException;
    }
}
