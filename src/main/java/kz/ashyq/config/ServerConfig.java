package kz.ashyq.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to serve a store; built with {@link #builder(Path)}, with named settings.
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
 * @param harvest datasets it harvests from data.egov.kz on a schedule and publishes when they change
 */
public record ServerConfig(Path store, int port, Optional<BaseIri> base, Duration queryTimeout, EndpointLimits limits,
        Path queries, Optional<String> adminToken, Optional<TileServer> tiles, java.util.Set<String> serviceHosts,
        Replication replication, Optional<HarvestSchedule> harvest) {

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
        Objects.requireNonNull(harvest, "harvest");
        if (harvest.isPresent() && replication.replica()) {
            throw new IllegalArgumentException("a replica publishes nothing of its own: it cannot harvest");
        }
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

    /** A server of the store in {@code store}, on port 8080, with every other setting at its default: see {@link Builder}. */
    public static Builder builder(Path store) {
        return new Builder(store);
    }

    /** The same settings, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder(store);
        b.port = port;
        b.base = base;
        b.queryTimeout = queryTimeout;
        b.limits = limits;
        b.queries = queries;
        b.adminToken = adminToken;
        b.tiles = tiles;
        b.serviceHosts = serviceHosts;
        b.replication = replication;
        b.harvest = harvest;
        return b;
    }

    /** Named settings of a {@link ServerConfig}, each at its default until set; {@link #build()} checks them. */
    public static final class Builder {
        private final Path store;
        private int port = 8080;
        private Optional<BaseIri> base = Optional.empty();
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private EndpointLimits limits = EndpointLimits.DEFAULTS;
        private Path queries = DEFAULT_QUERIES;
        private Optional<String> adminToken = Optional.empty();
        private Optional<TileServer> tiles = Optional.empty();
        private java.util.Set<String> serviceHosts = java.util.Set.of();
        private Replication replication = Replication.NONE;
        private Optional<HarvestSchedule> harvest = Optional.empty();

        private Builder(Path store) {
            this.store = store;
        }

        /** The HTTP port; 0 picks a free one. */
        public Builder port(int p) {
            port = p;
            return this;
        }

        /** The base IRI that request URLs map onto, instead of the one the store was loaded with. */
        public Builder base(BaseIri b) {
            base = Optional.of(b);
            return this;
        }

        /** As {@link #base(BaseIri)}; empty for the store's. */
        public Builder base(Optional<BaseIri> b) {
            base = b;
            return this;
        }

        /** How long a SPARQL query may run. */
        public Builder queryTimeout(Duration d) {
            queryTimeout = d;
            return this;
        }

        /** What one client may ask of the endpoint. */
        public Builder limits(EndpointLimits l) {
            limits = l;
            return this;
        }

        /** The folder of saved queries served under {@code /api}. */
        public Builder queries(Path dir) {
            queries = dir;
            return this;
        }

        /** The bearer token that opens {@code /admin}. */
        public Builder adminToken(String token) {
            adminToken = Optional.of(token);
            return this;
        }

        /** As {@link #adminToken(String)}; empty serves no {@code /admin}. */
        public Builder adminToken(Optional<String> token) {
            adminToken = token;
            return this;
        }

        /** The map tile server. */
        public Builder tiles(Optional<TileServer> t) {
            tiles = t;
            return this;
        }

        /** The hosts SPARQL {@code SERVICE} may call. */
        public Builder serviceHosts(java.util.Set<String> hosts) {
            serviceHosts = hosts;
            return this;
        }

        /** Whether it publishes its changes to a topic or follows one. */
        public Builder replication(Replication r) {
            replication = r;
            return this;
        }

        /** Datasets it harvests from data.egov.kz on a schedule. */
        public Builder harvest(Optional<HarvestSchedule> h) {
            harvest = h;
            return this;
        }

        /** The configuration, checked. */
        public ServerConfig build() {
            return new ServerConfig(store, port, base, queryTimeout, limits, queries, adminToken, tiles, serviceHosts,
                    replication, harvest);
        }
    }
}
