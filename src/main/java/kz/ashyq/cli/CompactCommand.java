package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ashyq compact --store DIR}: gives back the space of replaced releases. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Compacts a store and its archive of releases: TDB2 keeps replaced graphs on disk until compacted. "
            + "Loads compact on their own once the triples they replaced outnumber the live ones (and 100,000)."})
final class CompactCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "the TDB2 store directory")
    Path store;

    @Override
    public Integer call() {
        try (Store s = Store.open(store)) {
            long before = s.diskSize();
            s.compact();
            s.compactArchive();
            s.writeStatistics();
            System.out.printf("Compacted %s: %,d KB -> %,d KB%n", store, before >> 10, s.diskSize() >> 10);
            return Main.OK;
        }
    }
}
