package kz.ashyq.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.Harvesting;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.harvest.Harvester;
import kz.ashyq.harvest.PortalClient;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ashyq harvest DATASET [--version N] (--store DIR | --server URL)}: fetches a dataset from
 * data.egov.kz's API, keeps its files, drafts a mapping when there is none, and publishes a release
 * when the data changed since the last one.
 */
@Command(name = "harvest",
        description = {"Fetches a dataset from data.egov.kz's API (v4, page by page, the API key from "
            + "ASHYQ_EGOV_API_KEY or --api-key-file, never stored or logged), keeps it as DIR/DATASET/DATASET.csv with "
            + "the portal's description, drafts a mapping when it has none, and publishes it (--store or --server) "
            + "when it changed since the last publication. Exit 2 when the portal has no such dataset or refuses the "
            + "key; 1 when the portal fails after every attempt: nothing is published then, the release before stays."})
final class HarvestCommand implements Callable<Integer> {

    // no mixinStandardHelpOptions: its --version would take the dataset's
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "DATASET", description = "the dataset's name on the portal (its API name, such as ps_centers)")
    String dataset;

    @Option(names = "--version", paramLabel = "N", description = "the version to harvest (default: the latest)")
    String version;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "harvest",
            description = "where harvested files are kept (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "the mapping that publishes it (default: DIR/DATASET/DATASET.yml, drafted when missing)")
    Path mapping;

    @Option(names = "--store", paramLabel = "DIR", description = "the TDB2 store to publish into (when no server holds it)")
    Path store;

    @Option(names = "--server", paramLabel = "URL", description = "a running ashyq serve to publish through")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", description = "the server's admin token (default: ASHYQ_ADMIN_TOKEN)")
    Path tokenFile;

    @Option(names = "--force", description = "publish even when the data is the same as last published")
    boolean force;

    @Option(names = "--lenient", description = "skip cells that do not fit their datatype, with a warning")
    boolean lenient;

    @Option(names = "--allow-shrink", description = "publish a release that removes more than half of the dataset")
    boolean allowShrink;

    @picocli.CommandLine.Mixin
    PortalOptions portal;

    @Override
    public Integer call() {
        if (store != null && server != null) {
            throw new BadInputException("give --store DIR or --server URL, not both");
        }
        if (mapping != null && !Files.isRegularFile(mapping)) {
            throw new BadInputException("--mapping " + mapping + ": no such file");
        }
        Optional<String> v = Optional.ofNullable(version).map(s -> s.matches("\\d+") ? "v" + s : s);
        Harvester harvester = new Harvester(new PortalClient(portal.settings(), portal.apiKey(), System.err::println),
                dir, kz.ashyq.mapping.draft.Drafter.bundledKato(), System.err::println);
        Harvester.Result r = harvester.harvest(dataset, v, Optional.ofNullable(mapping));
        System.out.printf("Harvested %s %s: %,d records (%d page%s) into %s%n", r.dataset(), r.version(), r.rows(),
                r.pages(), r.pages() == 1 ? "" : "s", r.csv());
        if (store == null && server == null) {
            System.out.println("Not published (no --store or --server): the mapping is " + r.mapping());
            return Main.OK;
        }
        if (!r.changed() && !force) {
            System.out.println("Unchanged since the last publication: nothing published.");
            return Main.OK;
        }
        int code = publish(r.mapping());
        if (code == Main.OK) {
            harvester.published(r);
        }
        return code;
    }

    private int publish(Path m) {
        if (server != null) {
            return new RemoteLoader(server, RemoteLoader.token(tokenFile), System.out, System.err)
                    .load(List.of(m), lenient, false, allowShrink, false);
        }
        try (Store s = Store.open(store)) {
            BaseIri b = s.base().orElse(BaseIri.localhost(8080));
            return new Loader(s, new LoadOptions(b, lenient, 20, false, allowShrink), false, System.out, System.err)
                    .load(List.of(m));
        }
    }

    /** How to reach the portal: shared by {@code harvest} and {@code serve --harvest}. */
    static final class PortalOptions {

        @Option(names = "--portal-url", paramLabel = "URL", defaultValue = "https://data.egov.kz/",
                description = "the portal's address (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--api-key-file", paramLabel = "FILE",
                description = "a file holding the portal's API key (default: the ASHYQ_EGOV_API_KEY environment variable)")
        Path apiKeyFile;

        @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000", description = "records a request (default: ${DEFAULT-VALUE})")
        int pageSize;

        @Option(names = "--pause-ms", paramLabel = "MS", defaultValue = "1000",
                description = "the least time between two requests to the portal (default: ${DEFAULT-VALUE})")
        long pauseMs;

        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "60000",
                description = "how long one request may take (default: ${DEFAULT-VALUE})")
        long timeoutMs;

        @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
                description = "tries of a request before giving up, the waits between doubling from --backoff-ms "
                        + "(default: ${DEFAULT-VALUE})")
        int attempts;

        @Option(names = "--backoff-ms", paramLabel = "MS", defaultValue = "2000",
                description = "the wait before the second try (default: ${DEFAULT-VALUE})")
        long backoffMs;

        Harvesting settings() {
            try {
                return new Harvesting(URI.create(url), Duration.ofMillis(pauseMs), Duration.ofMillis(timeoutMs), attempts,
                        Duration.ofMillis(backoffMs), pageSize);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }

        /** The key, from the file given or the environment; null without one. */
        String apiKey() {
            if (apiKeyFile == null) {
                return System.getenv("ASHYQ_EGOV_API_KEY");
            }
            try {
                return Files.readString(apiKeyFile).strip();
            } catch (IOException e) {
                throw new BadInputException("--api-key-file " + apiKeyFile + ": " + e.getMessage());
            }
        }
    }
}
