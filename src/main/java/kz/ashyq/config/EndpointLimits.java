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
 * @param analyticMemoryBytes bytes the analytic query engine keeps between queries of the same
 *     data, for the whole process (predicates' columns, reads left partway, value filters' objects);
 *     0 keeps none
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the client;
 *     from any other address the header is ignored, as anyone can send it
 */
public record EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
        long maxResultRows, int queueWaitSeconds, long backgroundAfterMillis, long resultCacheBytes,
        int queriesPerClient, int maxQueued, int pagesPerMinute, int maxConcurrentHeavy, long maxUploadBytes,
        long analyticMemoryBytes, java.util.Set<String> trustedProxies) {

    /** Bytes of answers kept unless told otherwise. */
    public static final long DEFAULT_RESULT_CACHE_BYTES = 64L << 20;
    /** Bytes the analytic engine keeps unless told otherwise (the engine's own default, sparql.AnalyticEngine). */
    public static final long DEFAULT_ANALYTIC_MEMORY_BYTES = 160L << 20;

    /** Limits a public endpoint can start with: {@link #builder()} with nothing set. */
    public static final EndpointLimits DEFAULTS = builder().build();

    /** Named settings, each at the default of {@link #DEFAULTS} until set; {@link Builder#build()} checks them. */
    public static Builder builder() {
        return new Builder();
    }

    /** These limits, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxQueryLength = maxQueryLength;
        b.maxBodyBytes = maxBodyBytes;
        b.maxConcurrentQueries = maxConcurrentQueries;
        b.requestsPerMinute = requestsPerMinute;
        b.maxResultRows = maxResultRows;
        b.queueWaitSeconds = queueWaitSeconds;
        b.backgroundAfterMillis = backgroundAfterMillis;
        b.resultCacheBytes = resultCacheBytes;
        b.queriesPerClient = queriesPerClient;
        b.maxQueued = maxQueued;
        b.pagesPerMinute = pagesPerMinute;
        b.maxConcurrentHeavy = maxConcurrentHeavy;
        b.maxUploadBytes = maxUploadBytes;
        b.analyticMemoryBytes = analyticMemoryBytes;
        b.trustedProxies = trustedProxies;
        return b;
    }

    /** The settings of {@link EndpointLimits}, by name. */
    public static final class Builder {
        private int maxQueryLength = 20_000;
        private long maxBodyBytes = 1 << 20;
        private int maxConcurrentQueries = 8;
        private int requestsPerMinute = 600;
        private long maxResultRows = 10_000;
        private int queueWaitSeconds = 10;
        private long backgroundAfterMillis = 1_000;
        private long resultCacheBytes = DEFAULT_RESULT_CACHE_BYTES;
        private long analyticMemoryBytes = DEFAULT_ANALYTIC_MEMORY_BYTES;
        private int queriesPerClient = 4;
        private int maxQueued = 64;
        private int pagesPerMinute = 3_000;
        private int maxConcurrentHeavy = 2;
        private long maxUploadBytes = 256L << 20;
        private java.util.Set<String> trustedProxies = java.util.Set.of();

        private Builder() {}

        /** Characters of SPARQL a query may have. */
        public Builder maxQueryLength(int v) {
            maxQueryLength = v;
            return this;
        }

        /** Bytes a request body may have. */
        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        /** Queries run at once. */
        public Builder maxConcurrentQueries(int v) {
            maxConcurrentQueries = v;
            return this;
        }

        /** Requests one client address may make per minute. */
        public Builder requestsPerMinute(int v) {
            requestsPerMinute = v;
            return this;
        }

        /** Rows a query returns at most. */
        public Builder maxResultRows(long v) {
            maxResultRows = v;
            return this;
        }

        /** How long a query waits for a free slot (0: turned away at once). */
        public Builder queueWaitSeconds(int v) {
            queueWaitSeconds = v;
            return this;
        }

        /** CPU time before a query goes to the background. */
        public Builder backgroundAfterMillis(long v) {
            backgroundAfterMillis = v;
            return this;
        }

        /** Bytes of answers kept (0: none). */
        public Builder analyticMemoryBytes(long v) {
            analyticMemoryBytes = v;
            return this;
        }

        public Builder resultCacheBytes(long v) {
            resultCacheBytes = v;
            return this;
        }

        /** Costly requests one client may have running or waiting. */
        public Builder queriesPerClient(int v) {
            queriesPerClient = v;
            return this;
        }

        /** Requests that may wait for a slot at once. */
        public Builder maxQueued(int v) {
            maxQueued = v;
            return this;
        }

        /** Pages, documents and searches one client may ask per minute. */
        public Builder pagesPerMinute(int v) {
            pagesPerMinute = v;
            return this;
        }

        /** Dumps, sitemaps and saved-query APIs answered at once. */
        public Builder maxConcurrentHeavy(int v) {
            maxConcurrentHeavy = v;
            return this;
        }

        /** Bytes a body sent with the admin token may have. */
        public Builder maxUploadBytes(long v) {
            maxUploadBytes = v;
            return this;
        }

        /** Reverse proxies whose X-Forwarded-For is believed. */
        public Builder trustedProxies(java.util.Set<String> v) {
            trustedProxies = v;
            return this;
        }

        /** The limits, checked. */
        public EndpointLimits build() {
            return new EndpointLimits(maxQueryLength, maxBodyBytes, maxConcurrentQueries, requestsPerMinute, maxResultRows, queueWaitSeconds, backgroundAfterMillis, resultCacheBytes, queriesPerClient, maxQueued, pagesPerMinute, maxConcurrentHeavy, maxUploadBytes, analyticMemoryBytes, trustedProxies);
        }
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
        if (analyticMemoryBytes < 0) {
            throw new IllegalArgumentException("analyticMemoryBytes " + analyticMemoryBytes + " must be 0 (none) or more");
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
