package kz.ashyq.config;

/**
 * What one client may ask of the public endpoint.
 *
 * @param maxQueryLength characters of SPARQL a query may have
 * @param maxBodyBytes bytes a request body may have
 * @param maxConcurrentQueries queries run at once; more wait for none and get 503
 * @param requestsPerMinute requests one client address may make per minute; more get 429
 */
public record EndpointLimits(int maxQueryLength, long maxBodyBytes, int maxConcurrentQueries, int requestsPerMinute) {

    /** Limits a public endpoint can start with. */
    public static final EndpointLimits DEFAULTS = new EndpointLimits(20_000, 1 << 20, 8, 600);

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
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute " + requestsPerMinute + " must be at least 1");
        }
    }
}
