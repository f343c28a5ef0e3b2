package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.server.AshyqServer;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ashyq serve --store DIR}: serves a store. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a store: entity pages and documents, the catalogue, dumps, and SPARQL at /sparql.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "the TDB2 store directory")
    Path store;

    @Option(names = "--base", paramLabel = "IRI",
            description = "base IRI that request URLs map onto (default: the one the store was loaded with)")
    String base;

    @Mixin
    ServeOptions serving;

    @Override
    public Integer call() {
        // the options are checked before the store is opened (and locked)
        ServerConfig config = serving.config(store, Optional.ofNullable(base).map(Mappings::base));
        Store opened = Store.open(store);
        if (config.replication().replica() && config.base().isEmpty() && opened.base().isEmpty()) {
            opened.close();
            throw new BadInputException("a new replica serves the publisher's data under the publisher's base IRI: "
                    + "give it with --base (the IRI its pages and documents answer for, as on the publisher)");
        }
        return serve(opened, config);
    }

    /** Starts the server and blocks until the process is stopped. */
    static int serve(Store store, ServerConfig config) {
        AshyqServer server = AshyqServer.create(config, store);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            store.close();
        }));
        System.out.printf("Ashyq serves %s at http://localhost:%d/ (IRIs under %s); SPARQL at http://localhost:%d/sparql%n",
                store.dir(), server.port(), server.base(), server.port());
        System.out.println("Stop with Ctrl+C.");
        server.join();
        return Main.OK;
    }
}
