package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kz.ashyq.cli.Main;
import kz.ashyq.store.Store;

/**
 * Every bundled dataset loaded once per test run with the real CLI ({@code ashyq load}) into an
 * on-disk TDB2 store under a production base IRI, shared by the classes that only read it. It
 * is deleted when the JVM ends.
 */
final class BundledStore {

    static final String BASE = "https://data.example.kz/";

    private static BundledStore instance;

    final Store store;
    final String loadOutput;

    private BundledStore(Store store, String loadOutput) {
        this.store = store;
        this.loadOutput = loadOutput;
    }

    private AshyqServer server;

    /**
     * A server of the bundled store with the default configuration, started once for every test
     * class that only reads through it, and stopped when the tests end.
     */
    synchronized AshyqServer server() {
        if (server == null) {
            server = AshyqServer.create(kz.ashyq.config.ServerConfig.builder(store.dir()).port(0).build(), store).start();
            AshyqServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return server;
    }

    static synchronized BundledStore get() {
        if (instance == null) {
            instance = load();
        }
        return instance;
    }

    private static BundledStore load() {
        try {
            Path dir = Files.createTempDirectory("ashyq-bundled");
            List<String> args = new ArrayList<>(List.of("load", "--store", dir.resolve("store").toString(), "--base", BASE));
            try (Stream<Path> s = Files.list(Path.of("mappings"))) {
                s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> args.add(p.toString()));
            }
            PrintStream stdout = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Main.run(args.toArray(String[]::new));
            } finally {
                System.setOut(stdout);
            }
            String output = captured.toString(StandardCharsets.UTF_8);
            System.out.print(output);
            assertEquals(0, code, "ashyq load exits 0");
            Store store = Store.open(dir.resolve("store"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                store.close();
                delete(dir);
            }));
            return new BundledStore(store, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is not worth failing a run for
        }
    }
}
