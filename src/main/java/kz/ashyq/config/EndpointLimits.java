package kz.ashyq.config;

/**
 * What one client may ask of the public endpoint.
 *
 * @param maxQueryLength characters of SPARQL a query may have
 * @param maxBodyBytes bytes a request body may have
 * @param maxConcurrentQueries queries run at once; more wait for none and get 503
 * @param requestsPerMinute requests one client address may make per minute; more get 429
 * @param maxResultRows rows a query returns at most; a query asking for more (or for all) is
 *     capped, and the answer says so in an {@code Ashyq-Result-Limit} header
 */
public record EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute,
        long maxResultRows) {

    /** Limits a public endpoint can start with. */
    public static final EndpointLimits DEFAULTS = new EndpointLimits(20_000, 1 << 20, 8, 600, 10_000);

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
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute " + requestsPerMinute + " must be at least 1");
        }
    }
}
