package kz.ashyq.config;

/**
 * What one client may ask of the public endpoint.
 *
 * @param maxQueryLength characters of SPARQL a query may have
 * @param maxBodyBytes bytes a request body may have
 * @param maxConcurrentQueries queries run at once; more wait for a slot up to {@code queueWaitSeconds}, then get 503
 * @param requestsPerMinute requests one client address may make per minute; more get 429
 * @param maxResultRows rows a query returns at most; a query asking for more (or for all) is
 *     capped, and the answer says so in an {@code Ashyq-Result-Limit} header
 * @param queueWaitSeconds how long a query waits for a free slot before it is turned away: a
 *     short burst queues instead of failing
 * @param backgroundAfterMillis CPU time a request's query uses before it goes to the background,
 *     where background queries compute one at a time, in slices, while other requests are served
 * @param resultCacheBytes bytes of answers the endpoint keeps for the same request on the same
 *     data; 0 keeps none
 * @param queriesPerClient requests of the costly kinds (queries, dumps, saved-query APIs) one
 *     client may have running or waiting at once; more get 429
 * @param maxQueued requests that may wait for a slot at once, without holding a thread; more get 503
 * @param pagesPerMinute requests for pages, documents and search one client may make per minute;
 *     more get 429
 * @param maxConcurrentHeavy dumps, sitemaps and saved-query APIs answered at once; more wait
 *     like queries
 * @param maxUploadBytes bytes a body sent with the admin token may have (updates, uploads)
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the client;
 *     from any other address the header is ignored, as anyone can send it
 */
public record EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
        long maxResultRows, int queueWaitSeconds, long backgroundAfterMillis, long resultCacheBytes,
        int queriesPerClient, int maxQueued, int pagesPerMinute, int maxConcurrentHeavy, long maxUploadBytes,
        java.util.Set<String> trustedProxies) {

    /** Bytes of answers kept unless told otherwise. */
    public static final long DEFAULT_RESULT_CACHE_BYTES = 64L << 20;

    /** Limits a public endpoint can start with. */
    public static final EndpointLimits DEFAULTS = new EndpointLimits(20_000, 1 << 20, 8, 600, 10_000, 10, 1_000,
            DEFAULT_RESULT_CACHE_BYTES);

    /** Limits with the default limits per client, the default queue and no trusted proxy. */
    public EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
            long maxResultRows, int queueWaitSeconds, long backgroundAfterMillis, long resultCacheBytes) {
        this(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows, queueWaitSeconds,
                backgroundAfterMillis, resultCacheBytes, 4, 64, 3_000, 2, 256L << 20, java.util.Set.of());
    }

    /** These limits with other limits per client and another queue. */
    public EndpointLimits withClientLimits(int queriesPerClient, int maxQueued, int pagesPerMinute,
            int maxConcurrentHeavy) {
        return new EndpointLimits(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows,
                queueWaitSeconds, backgroundAfterMillis, resultCacheBytes, queriesPerClient, maxQueued, pagesPerMinute,
                maxConcurrentHeavy, maxUploadBytes, trustedProxies);
    }

    /** These limits, with {@code X-Forwarded-For} believed from these addresses. */
    public EndpointLimits withTrustedProxies(java.util.Set<String> proxies) {
        return new EndpointLimits(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows,
                queueWaitSeconds, backgroundAfterMillis, resultCacheBytes, queriesPerClient, maxQueued, pagesPerMinute,
                maxConcurrentHeavy, maxUploadBytes, proxies);
    }

    /** These limits with another cap on bodies sent with the admin token. */
    public EndpointLimits withMaxUploadBytes(long bytes) {
        return new EndpointLimits(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows,
                queueWaitSeconds, backgroundAfterMillis, resultCacheBytes, queriesPerClient, maxQueued, pagesPerMinute,
                maxConcurrentHeavy, bytes, trustedProxies);
    }

    /** Limits with the default result cache. */
    public EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
            long maxResultRows, int queueWaitSeconds, long backgroundAfterMillis) {
        this(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows, queueWaitSeconds,
                backgroundAfterMillis, DEFAULT_RESULT_CACHE_BYTES);
    }

    /** These limits with another result cache budget (0 keeps none). */
    public EndpointLimits withResultCacheBytes(long bytes) {
        return new EndpointLimits(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows,
                queueWaitSeconds, backgroundAfterMillis, bytes, queriesPerClient, maxQueued, pagesPerMinute,
                maxConcurrentHeavy, maxUploadBytes, trustedProxies);
    }

    /** Limits with the default background threshold. */
    public EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
            long maxResultRows, int queueWaitSeconds) {
        this(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows, queueWaitSeconds,
                1_000);
    }

    /** Limits where a query finding every slot taken is turned away at once. */
    public EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
            long maxResultRows) {
        this(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows, 0, 1_000);
    }

    /** Validates at once. */
    public EndpointLimits {
        if (maxQueryLength < 1) {
            throw new IllegalArgumentException("maxQueryLength " + maxQueryLength + " must be at least 1");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " must be at least 1");
        }
        if (maxConcurrentQueries < 1) {
            throw new IllegalArgumentException("maxConcurrentQueries " + maxConcurrentQueries + " must be at least 1");
        }
        if (maxResultRows < 1) {
            throw new IllegalArgumentException("maxResultRows " + maxResultRows + " must be at least 1");
        }
        if (queueWaitSeconds < 0 || queueWaitSeconds > 300) {
            throw new IllegalArgumentException("queueWaitSeconds " + queueWaitSeconds + " must be 0 to 300");
        }
        if (backgroundAfterMillis < 1) {
            throw new IllegalArgumentException("backgroundAfterMillis " + backgroundAfterMillis + " must be at least 1");
        }
        if (resultCacheBytes < 0) {
            throw new IllegalArgumentException("resultCacheBytes " + resultCacheBytes + " must be 0 (none) or more");
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute " + requestsPerMinute + " must be at least 1");
        }
        if (queriesPerClient < 1) {
            throw new IllegalArgumentException("queriesPerClient " + queriesPerClient + " must be at least 1");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued " + maxQueued + " must be 0 (no queue) or more");
        }
        if (pagesPerMinute < 1) {
            throw new IllegalArgumentException("pagesPerMinute " + pagesPerMinute + " must be at least 1");
        }
        if (maxConcurrentHeavy < 1) {
            throw new IllegalArgumentException("maxConcurrentHeavy " + maxConcurrentHeavy + " must be at least 1");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes " + maxUploadBytes + " must be at least 1");
        }
        trustedProxies = java.util.Set.copyOf(trustedProxies);
        for (String p : trustedProxies) {
            if (!p.matches("[0-9A-Fa-f.:]+")) {
                throw new IllegalArgumentException("trusted proxy '" + p + "' is not an IP address");
            }
        }
    }
}
