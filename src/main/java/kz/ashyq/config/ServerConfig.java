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
 * @param queries the folder of saved queries served as APIs under {@code /api} (it may not exist)
 * @param adminToken the bearer token that opens SPARQL Update and the Graph Store Protocol at
 *     {@code /admin}; without one, they are not served at all
 * @param tiles the map tile server; without one, maps are drawn on a plain background
 * @param serviceHosts the hosts ({@code host} or {@code host:port}) that SPARQL {@code SERVICE}
 *     may call on a caller's behalf; empty (the default) refuses every {@code SERVICE}
 * @param replication whether it publishes its changes to a topic, or follows one as a replica
 */
public record ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits,
        Path queries, Optional<String> adminToken, Optional<TileServer> tiles, java.util.Set<String> serviceHosts,
        Replication replication) {

    /** A server on its own. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits,
            Path queries, Optional<String> adminToken, Optional<TileServer> tiles, java.util.Set<String> serviceHosts) {
        this(store, port, base, queryTimeout, limits, queries, adminToken, tiles, serviceHosts, Replication.NONE);
    }

    /** The same server, taking part in replication as {@code r} says. */
    public ServerConfig withReplication(Replication r) {
        return new ServerConfig(store, port, base, queryTimeout, limits, queries, adminToken, tiles, serviceHosts, r);
    }

    /** A server whose endpoint calls no other host. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits,
            Path queries, Optional<String> adminToken, Optional<TileServer> tiles) {
        this(store, port, base, queryTimeout, limits, queries, adminToken, tiles, java.util.Set.of());
    }

    /** Where saved queries are by default: {@code queries/api} under the working directory. */
    public static final Path DEFAULT_QUERIES = Path.of("queries", "api");

    /** The default query timeout of a public endpoint. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** Validates at once. */
    public ServerConfig {
        Objects.requireNonNull(store, "store directory");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(tiles, "tiles");
        Objects.requireNonNull(replication, "replication");
        serviceHosts = java.util.Set.copyOf(serviceHosts);
        for (String h : serviceHosts) {
            if (!h.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("service host '" + h + "' is not host or host:port");
            }
        }
        if (adminToken.isPresent() && adminToken.get().length() < 16) {
            throw new IllegalArgumentException("the admin token must have at least 16 characters");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query timeout " + queryTimeout + " must be positive");
        }
    }

    /** A config without a tile server. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits,
            Path queries, Optional<String> adminToken) {
        this(store, port, base, queryTimeout, limits, queries, adminToken, Optional.empty());
    }

    /** A config with the default query timeout and limits. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base) {
        this(store, port, base, DEFAULT_QUERY_TIMEOUT, EndpointLimits.DEFAULTS, DEFAULT_QUERIES, Optional.empty());
    }

    /** A config with the given limits and the default saved queries. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits) {
        this(store, port, base, queryTimeout, limits, DEFAULT_QUERIES, Optional.empty());
    }

    /** A config with the default limits. */
    public ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout) {
        this(store, port, base, queryTimeout, EndpointLimits.DEFAULTS, DEFAULT_QUERIES, Optional.empty());
    }
}
