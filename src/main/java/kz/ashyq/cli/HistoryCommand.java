package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ashyq history --store DIR DATASET}: lists a dataset's releases. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Lists the releases of a dataset: when each was published, its size, what it added and removed, "
            + "and the graph that holds it on the releases endpoint (/releases)."})
final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "the TDB2 store directory")
    Path store;

    @Parameters(paramLabel = "DATASET", description = "the dataset's id, as in its mapping")
    String dataset;

    @Override
    public Integer call() {
        try (Store s = Store.open(store)) {
            List<ReleaseHistory.Entry> releases = Releases.publisher(s).history(dataset);
            if (releases.isEmpty()) {
                throw new BadInputException("dataset " + dataset + " has no releases in " + store);
            }
            System.out.printf("%-8s %-24s %12s %10s %10s  %s%n", "release", "published", "triples", "added", "removed",
                    "graph");
            for (ReleaseHistory.Entry e : releases) {
                System.out.printf("%-8d %-24s %,12d %,10d %,10d  %s%n", e.number(), e.issued().toString().substring(0, 19) + "Z", e.triples(), e.added(),
                        e.removed(), e.graph());
                if (e.restoredFrom() > 0) {
                    System.out.printf("         restores release %d%n", e.restoredFrom());
                }
                e.confirmed().forEach(c -> System.out.printf("         %sZ  loaded again, unchanged%n", c.toString().substring(0, 19)));
            }
            return Main.OK;
        }
    }

    /** Opens a publisher on a store with the base its data was minted with. */
    static final class Releases {
        private Releases() {}

        static Publisher publisher(Store s) {
            return new Publisher(s, LoadOptions.strict(s.base().orElseThrow(
                    () -> new BadInputException("the store " + s.dir() + " holds no data"))));
        }
    }
}
