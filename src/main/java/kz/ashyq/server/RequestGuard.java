package kz.ashyq.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.sparql.Pacing;
import kz.ashyq.sparql.SparqlEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of every request: CORS for reading, limits on the SPARQL endpoint (query length,
 * body size, queries at once, requests per client and minute), metrics, and one access-log line
 * per request with its status and time.
 */
final class RequestGuard implements Filter {

    private static final Logger ACCESS = LoggerFactory.getLogger("kz.ashyq.access");
    /** Response buffer of pages, documents and APIs: within what Jetty's buffer pool keeps. */
    static final int FRONT_BUFFER = 32 * 1024;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final EndpointLimits limits;
    private final Metrics metrics;
    private final Pacing pacing;
    private final EndpointPage endpointPage;
    private final Semaphore running;
    private final Map<String, Window> clients = new ConcurrentHashMap<>();

    private final Optional<String> adminToken;
    private final Runnable changed;
    private final ResultCache cache;

    RequestGuard(EndpointLimits limits, Metrics metrics, Pacing pacing,
            EndpointPage endpointPage, Optional<String> adminToken,
            Runnable changed, ResultCache cache) {
        this.limits = limits;
        this.cache = cache;
        this.metrics = metrics;
        this.pacing = pacing;
        this.endpointPage = endpointPage;
        this.adminToken = adminToken;
        this.changed = changed;
        this.running = new Semaphore(limits.maxConcurrentQueries());
    }

    /** Requests of one client in the current minute. */
    private static final class Window {
        long start;
        int count;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long t0 = System.nanoTime();
        String path = request.getRequestURI();
        String route = route(path);
        boolean sparql = route.equals("/sparql") || route.equals(SparqlEndpoint.RELEASES_PATH);
        if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD") || request.getMethod().equals("POST")
                && sparql) {
            response.setHeader("Access-Control-Allow-Origin", "*");
        }
        Pacing.Ticket ticket = pacing.begin();
        try {
            if (route.equals("/admin")) {
                admin(request, response, chain);
                return;
            }
            if (route.equals("/sparql") && request.getMethod().equals("GET") && request.getParameter("query") == null) {
                endpointPage.write(request, response);
                return;
            }
            if (sparql && !admit(request, response)) {
                return;
            }
            if (sparql) {
                try {
                    query(request, response, chain, ticket, route.equals("/sparql") ? cache.key(request) : null);
                } finally {
                    running.release();
                    metrics.query(System.nanoTime() - t0, response.getStatus());
                }
            } else {
                // Fuseki sets 5 MB response buffers (for SPARQL results that fail late to still get a
                // clean error); a page or document needs far less, and a small buffer comes from Jetty's pool
                response.setBufferSize(FRONT_BUFFER);
                chain.doFilter(req, res);
            }
        } finally {
            pacing.end(ticket);
            int status = response.getStatus();
            metrics.request(route, status);
            ACCESS.info("{} {} {} {} {} ms {} B", request.getRemoteAddr(), request.getMethod(), path, status,
                    (System.nanoTime() - t0) / 1_000_000, bytesWritten(response));
        }
    }

    /**
     * Runs a query, or answers it from the cache when the same request was answered on the same
     * data; {@code key} is null when the answer is not to be kept.
     */
    private void query(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            Pacing.Ticket ticket, String key) throws IOException, ServletException {
        if (key == null) {
            pacing.started(ticket);
            chain.doFilter(ResultCap.apply(request, response, limits.maxResultRows()), response);
            return;
        }
        // taken before the query runs: an answer is never tagged with data newer than it was computed from
        kz.ashyq.store.DataVersion now = cache.version();
        if (cache.serve(key, now, response)) {
            metrics.cache(true);
            return;
        }
        metrics.cache(false);
        pacing.started(ticket);
        ResultCache.Capture capture = cache.capture(response);
        chain.doFilter(ResultCap.apply(request, capture, limits.maxResultRows()), capture);
        cache.keep(key, now, capture);
    }

    /** The bytes of the response's body, as Jetty counted them (before any compression), or -1. */
    private static long bytesWritten(HttpServletResponse response) {
        org.eclipse.jetty.ee10.servlet.ServletContextResponse r =
                org.eclipse.jetty.ee10.servlet.ServletContextResponse.getServletContextResponse(response);
        return r == null ? -1 : r.getHttpOutput().getWritten();
    }

    /**
     * Update and the Graph Store Protocol: only with the bearer token, compared in constant time;
     * a write that succeeds moves the store's Last-Modified, so that caches see the change.
     */
    private void admin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (adminToken.isEmpty()) {
            refuse(response, 404, "admin", "Not Found", "updates are not enabled on this server (no ASHYQ_ADMIN_TOKEN)");
            return;
        }
        String auth = request.getHeader("Authorization");
        boolean allowed = auth != null && auth.startsWith("Bearer ")
                && MessageDigest.isEqual(auth.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                        adminToken.get().getBytes(StandardCharsets.UTF_8));
        if (!allowed) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ashyq admin\"");
            refuse(response, 401, "credential", "Unauthorized",
                    "updates need the admin token: Authorization: Bearer <token> (ASHYQ_ADMIN_TOKEN of the server)");
            return;
        }
        HttpServletRequest checked = UpdateDataset.check(request, limits.maxBodyBytes());
        if (checked == null) {
            refuse(response, 400, "update", "Bad Request", "the request names the update's dataset with "
                    + "using-graph-uri or using-named-graph-uri, and the update names it too with USING or WITH");
            return;
        }
        chain.doFilter(checked, response);
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD") && response.getStatus() < 300) {
            changed.run();
        }
    }

    /** Checks the limits; when one refuses, answers and returns false. Holds a query slot when true. */
    private boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!withinRate(request.getRemoteAddr())) {
            response.setHeader("Retry-After", "60");
            return refuse(response, 429, "rate", "Too Many Requests",
                    "more than " + limits.requestsPerMinute() + " requests a minute from " + request.getRemoteAddr());
        }
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            return refuse(response, 413, "body", "Content Too Large",
                    "the request body is larger than " + limits.maxBodyBytes() + " bytes");
        }
        String query = request.getMethod().equals("GET") ? request.getParameter("query") : null;
        if (query != null && query.length() > limits.maxQueryLength()) {
            return refuse(response, 414, "length", "Query Too Long",
                    "the query has " + query.length() + " characters; at most " + limits.maxQueryLength() + " are taken");
        }
        boolean slot;
        try {
            slot = running.tryAcquire(limits.queueWaitSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot = false;
        }
        if (!slot) {
            response.setHeader("Retry-After", "5");
            return refuse(response, 503, "busy", "Service Unavailable",
                    limits.maxConcurrentQueries() + " queries are running; try again shortly");
        }
        return true;
    }

    private boolean withinRate(String client) {
        long now = System.nanoTime();
        Window w = clients.computeIfAbsent(client, k -> new Window());
        synchronized (w) {
            if (now - w.start > MINUTE_NANOS) {
                w.start = now;
                w.count = 0;
            }
            return ++w.count <= limits.requestsPerMinute();
        }
    }

    private boolean refuse(HttpServletResponse response, int status, String reason, String title, String detail)
            throws IOException {
        metrics.rejected(reason);
        response.setStatus(status);
        // A refused request's body is left unread, and Jetty drops a connection with unread
        // content: saying so lets a client open a new one rather than send its next request on
        // this one and get no answer (the JDK's client did, now and then, after a 401).
        response.setHeader("Connection", "close");
        response.setContentType("application/problem+json");
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return false;
    }

    /** The first segment of a path: the route that metrics count by. */
    static String route(String path) {
        int next = path.indexOf('/', 1);
        String first = next < 0 ? path : path.substring(0, next);
        return switch (first) {
            case "/sparql", "/id", "/doc", "/dump", "/catalog", "/static", "/health", "/metrics", "/sitemap.xml",
                    "/robots.txt", "/.well-known", "/api", "/admin", "/" -> first;
            default -> "other";
        };
    }
}
