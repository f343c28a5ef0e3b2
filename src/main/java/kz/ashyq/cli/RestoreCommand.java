package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kz.ashyq.publish.Publisher;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ashyq restore --store DIR DATASET RELEASE}: serves an older release again. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Serves an older release of a dataset again, with the catalogue description it had. "
            + "The restore is itself a release, which names the one it restores; the history keeps everything."})
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "the TDB2 store directory")
    Path store;

    @Parameters(index = "0", paramLabel = "DATASET", description = "the dataset's id, as in its mapping")
    String dataset;

    @Parameters(index = "1", paramLabel = "RELEASE", description = "the release to restore (see ashyq history)")
    int release;

    @Override
    public Integer call() {
        try (Store s = Store.open(store)) {
            Publisher publisher = HistoryCommand.Releases.publisher(s);
            Publisher.Outcome o;
            try {
                o = publisher.restore(dataset, release);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            if (o.unchanged()) {
                System.out.printf("%s: release %d is what is served already (release %d)%n", dataset, release, o.number());
            } else {
                System.out.printf("%s: release %d restores release %d (+%,d / -%,d triples)%n", dataset, o.number(),
                        release, o.diff().added(), o.diff().removed());
            }
            try (SearchIndex index = SearchIndex.open(s)) {
                index.update(s, s.base().orElseThrow());
            }
            return Main.OK;
        }
    }
}
