package kz.ashyq.server;

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

    /** The class of a request, by its route (see {@link RequestGuard#route}) and path. */
    static CostClass of(String route, String path) {
        return switch (route) {
            case "/sparql", "/releases" -> QUERY;
            case "/admin" -> ADMIN;
            case "/static", "/health", "/metrics", "/robots.txt", "/.well-known" -> FREE;
            case "/dump", "/sitemap.xml" -> HEAVY;
            case "/api" -> path.equals("/api") || path.equals("/api/openapi.json") ? PAGE : HEAVY;
            default -> PAGE;
        };
    }
}
