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

/**
 * {@code ashyq load --store DIR MAPPING...}: publishes datasets into a store; {@code ashyq load
 * --server URL MAPPING...}: through the server that serves it.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Maps each dataset and loads it into its named graph of a TDB2 store, replacing the previous "
            + "version atomically: if a mapping fails, the previous version stays in place. With --server, sends each "
            + "mapping and the files it reads to a running server, which publishes them one at a time while it "
            + "serves (the admin token in ASHYQ_ADMIN_TOKEN, or --token-file)."})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", description = "the TDB2 store directory (when no server holds it)")
    Path store;

    @Option(names = "--server", paramLabel = "URL", description = "a running ashyq serve to publish through, such as "
            + "http://localhost:8080/")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding the server's admin token "
            + "(default: the ASHYQ_ADMIN_TOKEN environment variable)")
    Path tokenFile;

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

    @Option(names = "--allow-shrink", description = "publish a release that removes more than half of a dataset's "
            + "triples; without it such a load (a truncated or header-only file, most often) stops with exit code 2 "
            + "and the release served stays")
    boolean allowShrink;

    @Parameters(paramLabel = "MAPPING", arity = "1..*", description = "mappings: YARRRML (.yml) or RML (.ttl)")
    List<Path> mappings;

    @Override
    public Integer call() {
        if ((store == null) == (server == null)) {
            throw new BadInputException("give --store DIR (a store no server holds) or --server URL (a running server)");
        }
        if (server != null) {
            if (base != null) {
                throw new BadInputException("--base is the server's: it publishes under the base it serves");
            }
            return new RemoteLoader(server, RemoteLoader.token(tokenFile), System.out, System.err)
                    .load(mappings, lenient, warnShapes, allowShrink, provenance);
        }
        try (Store s = Store.open(store)) {
            BaseIri b = base != null ? Mappings.base(base) : s.base().orElse(BaseIri.localhost(8080));
            Loader loader = new Loader(s, new LoadOptions(b, lenient, 20, warnShapes, allowShrink), provenance, System.out, System.err);
            return loader.load(mappings);
        }
    }
}
