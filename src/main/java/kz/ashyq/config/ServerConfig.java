package kz.ashyq.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to serve a store.
 *
 * @param store the TDB2 directory
 * @param port the HTTP port; 0 picks a free one (tests)
 * @param base the base IRI that request URLs map onto; empty means the base the store was
 *     loaded with
 * @param queryTimeout how long a SPARQL query may run before it is stopped
 * @param limits what one client may ask of the endpoint
 */
public record ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits) {

    /** The default query timeout of a public endpoint. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** Validates at once. */
    public ServerConfig {
        Objects.requireNonNull(store, "store directory");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query timeout " + queryTimeout + " must be positive");
        }
    }

    /** A config with the default query timeout and limits. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base) {
        this(store, port, base, DEFAULT_QUERY_TIMEOUT, EndpointLimits.DEFAULTS);
    }

    /** A config with the default limits. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout) {
        this(store, port, base, queryTimeout, EndpointLimits.DEFAULTS);
    }
}
