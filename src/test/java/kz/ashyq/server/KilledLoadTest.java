package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import kz.ashyq.cli.Main;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load killed with SIGKILL part-way leaves the store consistent, with the previous release whole. */
class KilledLoadTest {

    private static final String BASE = "http://data.example.kz/";

    private static void mapping(Path dir, String csv) throws Exception {
        Files.writeString(dir.resolve("towns.yml"), """
                dataset: {id: towns, title: {en: Towns}}
                mappings:
                  town:
                    sources: [%s~csv]
                    s: id/town/$(code)
                    po:
                      - [rdfs:label, $(name), ru~lang]
                      - [ex:size, $(size), xsd:integer]
                prefixes:
                  ex: http://example.org/
                """.formatted(csv));
    }

    /** The bytes of the largest staged release under the store, 0 when none. */
    private static long stagedBytes(Path store) {
        try (java.util.stream.Stream<Path> files = Files.list(store.resolve("staging"))) {
            return files.mapToLong(f -> f.toFile().length()).max().orElse(0);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0; // the folder is being cleared or made
        }
    }

    @Test
    void aLoadKilledPartWayLeavesThePreviousReleaseServed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("small.csv"), "code,name,size\n1,Степногорск,1\n2,Макинск,2\n");
        mapping(dir, "small.csv");
        Path store = dir.resolve("store");
        assertEquals(0, Main.run("load", "--store", store.toString(), "--base", BASE, dir.resolve("towns.yml").toString()));

        StringBuilder big = new StringBuilder("code,name,size\n");
        for (int i = 0; i < 400_000; i++) {
            big.append(i).append(",город ").append(i).append(',').append(i).append('\n');
        }
        Files.writeString(dir.resolve("big.csv"), big.toString());
        mapping(dir, "big.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "load",
                "--store", store.toString(), dir.resolve("towns.yml").toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Loading")) {
                // wait until the load has started
            }
            // killed as soon as the big release is being staged (a megabyte of it), however fast the machine
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stagedBytes(store) < (1 << 20) && child.isAlive() && System.nanoTime() < end) {
                Thread.sleep(10); // polls the condition; the child needs the processor
            }
            assertTrue(child.isAlive(), "the load is still running when killed");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no abort
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        try (Store s = Store.open(store)) {
            long towns = s.read(d -> (long) d.getGraph(NodeFactory.createURI(BASE + "graph/towns")).size());
            assertEquals(4, towns, "the first release, whole: 2 towns x 2 triples");
            assertTrue(s.<Boolean>read(d -> d.getGraph(NodeFactory.createURI(BASE + "graph/catalog/towns")).find().hasNext()),
                    "its catalogue record too");
        }
    }
}
