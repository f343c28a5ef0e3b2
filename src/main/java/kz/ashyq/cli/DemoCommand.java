package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ashyq demo}: loads the bundled datasets (once) and serves them. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Maps every bundled dataset, loads it into a store (reused on the next run), and serves it."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "store directory (default: ${DEFAULT-VALUE})")
    Path store;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "mappings",
            description = "folder of the mappings to load (default: ${DEFAULT-VALUE})")
    Path mappings;

    @Option(names = "--portal", description = "also load the 143 samples of data.egov.kz (mappings/portal, drafted by "
            + "ashyq draft) and report, for each, its rows, triples and KATO links, or why it did not load (also at /portal)")
    boolean portal;

    @Option(names = "--rebuild", description = "reload every dataset even if the store has them")
    boolean rebuild;

    @Option(names = "--no-serve", description = "load, then exit without serving")
    boolean noServe;

    @Mixin
    ServeOptions serving;

    @Override
    public Integer call() {
        Store s = Store.open(store);
        try {
            if (rebuild || s.isEmpty()) {
                BaseIri base = s.base().orElse(BaseIri.localhost(serving.port));
                int code = new Loader(s, LoadOptions.strict(base), false, System.out, System.err)
                        .load(Mappings.inFolder(mappings));
                if (code != Main.OK) {
                    s.close();
                    return code;
                }
            } else {
                System.out.println("Reusing the store in " + store + " (--rebuild reloads it)");
            }
            if (portal && (rebuild || !java.nio.file.Files.exists(PortalReport.file(store)))) {
                // drafts: a sample that is not usable as it is stays out, and the report says why
                BaseIri base = s.base().orElse(BaseIri.localhost(serving.port));
                Loader samples = new Loader(s, LoadOptions.strict(base), false, System.out, System.err);
                samples.load(Mappings.inFolder(mappings.resolve("portal")));
                PortalReport.write(s, base, samples.outcomes(), System.out);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (noServe) {
            s.close();
            return Main.OK;
        }
        return ServeCommand.serve(s, serving.config(store, Optional.empty()));
    }
}
