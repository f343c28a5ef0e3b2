package kz.ashyq.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.config.TileServer;
import picocli.CommandLine.Option;

/** The options of the commands that serve: {@code serve} and {@code demo}. */
final class ServeOptions {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "stop a SPARQL query after this many seconds (default: ${DEFAULT-VALUE})")
    long queryTimeout;

    @Option(names = "--queries", paramLabel = "DIR", defaultValue = "queries/api",
            description = "folder of saved queries served as APIs under /api (default: ${DEFAULT-VALUE}, or, when "
                    + "there is no such folder here, the ones shipped with Ashyq)")
    Path queries;

    @Option(names = "--tiles", paramLabel = "URL",
            description = "map tile server, as https://tile.example.org/{z}/{x}/{y}.png (default: none; maps "
                    + "draw points on a plain background)")
    String tiles;

    @Option(names = "--tiles-attribution", paramLabel = "TEXT", defaultValue = "",
            description = "the credit the tile server asks for, shown on maps")
    String tilesAttribution;

    @Option(names = "--max-concurrent-queries", paramLabel = "N", defaultValue = "8",
            description = "SPARQL queries run at once; more wait (see --queue-wait), then get 503 (default: ${DEFAULT-VALUE})")
    int maxConcurrent;

    @Option(names = "--queue-wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long a query waits for a free slot (default: ${DEFAULT-VALUE})")
    int queueWait;

    @Option(names = "--requests-per-minute", paramLabel = "N", defaultValue = "600",
            description = "requests one client address may make to /sparql per minute; more get 429 (default: ${DEFAULT-VALUE})")
    int perMinute;

    @Option(names = "--max-result-rows", paramLabel = "N", defaultValue = "10000",
            description = "rows a query returns at most; the answer says when it was cut (default: ${DEFAULT-VALUE})")
    long maxRows;

    @Option(names = "--max-query-length", paramLabel = "CHARS", defaultValue = "20000",
            description = "characters a query may have (default: ${DEFAULT-VALUE})")
    int maxQueryLength;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "bytes a request body may have (default: ${DEFAULT-VALUE})")
    long maxBody;

    @Option(names = "--background-after-ms", paramLabel = "MS", defaultValue = "1000",
            description = "CPU time a query uses before it goes to the background, where such queries compute one "
                    + "at a time, in slices, while other requests are served (default: ${DEFAULT-VALUE})")
    long backgroundAfter;

    @Option(names = "--result-cache-mb", paramLabel = "MB", defaultValue = "64",
            description = "answers of /sparql kept for the same request while the data stays the same; 0 keeps none "
                    + "(default: ${DEFAULT-VALUE})")
    long resultCacheMb;

    @Option(names = "--analytic-memory-mb", paramLabel = "MB", defaultValue = "160",
            description = "what the query engine keeps between queries of the same data (predicates' columns, reads "
                    + "left partway, value filters' objects); 0 keeps none (default: ${DEFAULT-VALUE})")
    long analyticMemoryMb;

    @Option(names = "--pages-per-minute", paramLabel = "N", defaultValue = "3000",
            description = "requests for pages, documents and search one client address may make per minute; more get "
                    + "429 (default: ${DEFAULT-VALUE})")
    int pagesPerMinute;

    @Option(names = "--queries-per-client", paramLabel = "N", defaultValue = "4",
            description = "queries, dumps and saved-query APIs one client may have running or waiting at once; more "
                    + "get 429 (default: ${DEFAULT-VALUE})")
    int queriesPerClient;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "64",
            description = "requests that may wait for a slot at once, holding no thread; more get 503 "
                    + "(default: ${DEFAULT-VALUE})")
    int maxQueued;

    @Option(names = "--max-concurrent-heavy", paramLabel = "N", defaultValue = "2",
            description = "dumps, sitemaps and saved-query APIs worked out at once (default: ${DEFAULT-VALUE})")
    int maxHeavy;

    @Option(names = "--max-upload-bytes", paramLabel = "BYTES", defaultValue = "268435456",
            description = "bytes a request with the admin token may send (default: ${DEFAULT-VALUE})")
    long maxUpload;

    @Option(names = "--trusted-proxy", paramLabel = "IP",
            description = "the address of a reverse proxy in front of the server (repeatable): requests from it count "
                    + "against the client its X-Forwarded-For names; from any other address that header is ignored")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--allow-service", paramLabel = "HOST[:PORT]",
            description = "a host that SPARQL SERVICE may call for a caller (repeatable; default: none, every SERVICE "
                    + "is refused)")
    java.util.List<String> serviceHosts = new java.util.ArrayList<>();

    @Option(names = "--publish-to", paramLabel = "BROKERS/TOPIC",
            description = "append every change committed to this store (releases, admin updates) to a Kafka topic, as "
                    + "RDF Patch, for replicas to follow; as in localhost:9092/ashyq")
    String publishTo;

    @Option(names = "--follow", paramLabel = "BROKERS/TOPIC",
            description = "run as a read replica of the publisher that appends to this Kafka topic: apply its changes "
                    + "to this store, each exactly once, and refuse updates of its own")
    String follow;

    @Option(names = "--snapshot", paramLabel = "URL",
            description = "with --follow, start an empty store from the publisher's snapshot (its /admin/snapshot, "
                    + "asked with ASHYQ_ADMIN_TOKEN) instead of the topic's first record")
    String snapshot;

    @Option(names = "--harvest", paramLabel = "FILE", description = "a list of data.egov.kz datasets to harvest and "
            + "publish when they change, one a line: NAME [vN] [MAPPING] (the API key from ASHYQ_EGOV_API_KEY)")
    Path harvest;

    @Option(names = "--harvest-every", paramLabel = "PERIOD", defaultValue = "1d",
            description = "how often the list is harvested, the first time as the server starts: 1d, 12h, 30m, 90s "
                    + "(default: ${DEFAULT-VALUE})")
    String harvestEvery;

    @Option(names = "--harvest-dir", paramLabel = "DIR", defaultValue = "harvest",
            description = "where harvested files and drafted mappings are kept (default: ${DEFAULT-VALUE})")
    Path harvestDir;

    @picocli.CommandLine.Mixin
    HarvestCommand.PortalOptions portal;

    /** The harvest schedule, its list read once now so that a mistake in it stops the server from starting. */
    private Optional<kz.ashyq.config.HarvestSchedule> harvest() {
        if (harvest == null) {
            return Optional.empty();
        }
        kz.ashyq.harvest.HarvestList.read(harvest);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([dhms])").matcher(harvestEvery);
        if (!m.matches()) {
            throw new BadInputException("--harvest-every " + harvestEvery + ": give a number and d, h, m or s (1d, 12h)");
        }
        long n = Long.parseLong(m.group(1));
        Duration every = switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        return Optional.of(new kz.ashyq.config.HarvestSchedule(harvest, harvestDir, every, portal.settings()));
    }

    private kz.ashyq.config.Replication replication() {
        return new kz.ashyq.config.Replication(Optional.ofNullable(publishTo).map(kz.ashyq.config.Replication.Topic::parse),
                Optional.ofNullable(follow).map(kz.ashyq.config.Replication.Topic::parse), Optional.ofNullable(snapshot));
    }

    /** The server's config; a value it refuses is bad input (exit 2). */
    ServerConfig config(Path store, Optional<BaseIri> base) {
        // a token on the command line would show in process lists: it comes from the environment
        Optional<String> token = Optional.ofNullable(System.getenv("ASHYQ_ADMIN_TOKEN")).filter(t -> !t.isBlank());
        if (resultCacheMb < 0 || resultCacheMb > 1 << 20) {
            throw new BadInputException("--result-cache-mb " + resultCacheMb + ": must be 0 (none) to 1048576");
        }
        if (analyticMemoryMb < 0 || analyticMemoryMb > 1 << 20) {
            throw new BadInputException("--analytic-memory-mb " + analyticMemoryMb + ": must be 0 (none) to 1048576");
        }
        if (!queries.equals(ServerConfig.DEFAULT_QUERIES) && !java.nio.file.Files.isDirectory(queries)) {
            throw new BadInputException("--queries " + queries + ": no such folder");
        }
        try {
            Optional<TileServer> tileServer = Optional.ofNullable(tiles).map(t -> new TileServer(t, tilesAttribution));
            EndpointLimits limits = EndpointLimits.builder().maxQueryLength(maxQueryLength).maxBodyBytes(maxBody)
                    .maxConcurrentQueries(maxConcurrent).requestsPerMinute(perMinute).maxResultRows(maxRows)
                    .queueWaitSeconds(queueWait).backgroundAfterMillis(backgroundAfter)
                    .resultCacheBytes((long) resultCacheMb << 20).analyticMemoryBytes(analyticMemoryMb << 20).queriesPerClient(queriesPerClient).maxQueued(maxQueued)
                    .pagesPerMinute(pagesPerMinute).maxConcurrentHeavy(maxHeavy).maxUploadBytes(maxUpload)
                    .trustedProxies(new java.util.HashSet<>(trustedProxies)).build();
            return ServerConfig.builder(store)
                    .port(port).base(base).queryTimeout(Duration.ofSeconds(queryTimeout)).limits(limits)
                    .queries(queries).adminToken(token).tiles(tileServer)
                    .serviceHosts(new java.util.HashSet<>(serviceHosts)).replication(replication())
                    .harvest(harvest()).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
