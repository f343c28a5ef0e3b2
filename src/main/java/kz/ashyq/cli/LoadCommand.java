package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ashyq load --store DIR MAPPING...}: publishes datasets into a store. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Maps each dataset and loads it into its named graph of a TDB2 store, replacing the previous "
            + "version atomically: if a mapping fails, the previous version stays in place."})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "the TDB2 store directory")
    Path store;

    @Option(names = "--base", paramLabel = "IRI",
            description = "base IRI of minted IRIs (default: the store's, else http://localhost:8080/)")
    String base;

    @Option(names = "--lenient", description = "skip cells that do not fit their datatype, with a warning, instead of failing")
    boolean lenient;

    @Option(names = "--provenance", description = "record, for every subject, the CSV file, its SHA-256 and the row "
            + "(PROV-O, in the dataset's graph graph/{id}/provenance)")
    boolean provenance;

    @Option(names = "--warn-shapes", description = "load data that violates its mapping's SHACL shapes, listing the "
            + "violations, instead of failing")
    boolean warnShapes;

    @Parameters(paramLabel = "MAPPING", arity = "1..*", description = "mappings: YARRRML (.yml) or RML (.ttl)")
    List<Path> mappings;

    @Override
    public Integer call() {
        try (Store s = Store.open(store)) {
            BaseIri b = base != null ? Mappings.base(base) : s.base().orElse(BaseIri.localhost(8080));
            Loader loader = new Loader(s, new LoadOptions(b, lenient, 20, warnShapes), provenance, System.out, System.err);
            return loader.load(mappings);
        }
    }
}
