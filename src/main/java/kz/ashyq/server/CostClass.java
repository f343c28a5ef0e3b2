package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a route costs, and so which limits it is under. Every route has a class: pages cost
 * milliseconds and are limited per client and minute; queries, dumps, sitemaps and saved-query
 * APIs can cost seconds, and also wait for one of a few slots; static files, health and metrics
 * are cheap and free.
 */
enum CostClass {
    /** Static files, {@code /health}, {@code /metrics}, {@code /robots.txt}: no limit. */
    FREE,
    /** Pages, documents, search, the catalogue: requests per client and minute. */
    PAGE,
    /** Dumps, the sitemap, saved-query APIs: per client and minute, and a few at once. */
    HEAVY,
    /** {@code /sparql} and {@code /releases}: per client and minute, and the query slots. */
    QUERY,
    /** {@code /admin}: the token holder's, under the token and the upload cap. */
    ADMIN;

    private static final String ATTRIBUTE = "kz.ashyq.cost";

    /** The class of each route that is not a page ({@code /api} is a page for its index and description). */
    private static final Map<String, CostClass> ROUTES = Map.ofEntries(
            Map.entry("/sparql", QUERY), Map.entry("/releases", QUERY), Map.entry("/admin", ADMIN),
            Map.entry("/static", FREE), Map.entry("/health", FREE), Map.entry("/metrics", FREE),
            Map.entry("/robots.txt", FREE), Map.entry("/.well-known", FREE),
            Map.entry("/dump", HEAVY), Map.entry("/sitemap.xml", HEAVY), Map.entry("/api", HEAVY));
    /** The routes of pages that metrics count by name; any other path is counted as {@code other}. */
    private static final Set<String> PAGES = Set.of("/", "/id", "/doc", "/catalog", "/search", "/vocab");

    /** The class of a request, worked out once and kept on it for the filters after the first. */
    static CostClass of(HttpServletRequest request) {
        Object kept = request.getAttribute(ATTRIBUTE);
        if (kept instanceof CostClass c) {
            return c;
        }
        CostClass c = of(route(request.getRequestURI()), request.getRequestURI());
        request.setAttribute(ATTRIBUTE, c);
        return c;
    }

    /** Queries, dumps and saved-query APIs: what waits for a slot and may have its answer kept. */
    boolean costly() {
        return this == QUERY || this == HEAVY;
    }

    /** The class of a request, by its route (see {@link #route}) and path. */
    static CostClass of(String route, String path) {
        if (route.equals("/api") && (path.equals("/api") || path.equals("/api/openapi.json"))) {
            return PAGE;
        }
        return ROUTES.getOrDefault(route, PAGE);
    }

    /** The first segment of a path: the route that metrics count by. */
    static String route(String path) {
        int next = path.indexOf('/', 1);
        String first = next < 0 ? path : path.substring(0, next);
        return ROUTES.containsKey(first) || PAGES.contains(first) ? first : "other";
    }

    /**
     * The servlet path specs of every route whose class may be one of {@code classes}, for a
     * filter that acts on those classes only: Jetty then leaves it out of every other request's chain.
     */
    static List<String> pathSpecs(Set<CostClass> classes) {
        return ROUTES.entrySet().stream().filter(e -> classes.contains(e.getValue())).map(Map.Entry::getKey)
                .sorted().map(r -> r.lastIndexOf('.') > 1 ? r : r + "/*").toList();
    }
}
