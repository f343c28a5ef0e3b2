package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset reloaded 20 times keeps the store's disk use bounded, and the data whole. */
class CompactionTest {

    @Test
    void twentyReloadsKeepDiskUseBounded(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        Files.copy(Path.of("src/test/resources/fixtures/other.csv"), dir.resolve("other.csv"));
        Files.copy(Path.of("src/test/resources/fixtures/units.yml"), dir.resolve("units.yml"));
        long firstSize = 0;
        long largest = 0;
        for (int i = 0; i < 20; i++) {
            StringBuilder csv = new StringBuilder("code,name_ru,name_kk,population,opened,geo\n");
            for (int r = 0; r < 2000; r++) {
                csv.append(r).append(",name ").append(i).append(',').append("атауы ").append(i).append(',')
                        .append(r + i).append(",26.11.2025,\n");
            }
            Files.writeString(dir.resolve("units.csv"), csv.toString());
            FailedReloadTest.Run r = FailedReloadTest.cli("load", "--store", store.toString(), "--base", "http://x.kz/",
                    dir.resolve("units.yml").toString());
            assertEquals(0, r.code(), r.err());
            try (Store s = Store.open(store)) {
                long size = s.diskSize();
                firstSize = i == 0 ? size : firstSize;
                largest = Math.max(largest, size);
            }
        }
        System.out.printf("20 reloads: %,d KB after the first, %,d KB at most%n", firstSize >> 10, largest >> 10);
        assertTrue(largest <= 4 * firstSize, "disk use stays within 4x the first load's: " + largest + " vs " + firstSize);
        try (var generations = Files.list(store)) {
            java.util.List<String> data = generations.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Data-")).toList();
            assertEquals(1, data.size(), "old generations are deleted: " + data);
            assertTrue(!data.get(0).equals("Data-0001"), "the loads compacted the store: " + data);
        }
        try (Store s = Store.open(store)) {
            assertEquals(Long.valueOf(2000), s.read(d -> (long) d.getGraph(org.apache.jena.graph.NodeFactory.createURI(
                    "http://x.kz/graph/units")).find(org.apache.jena.graph.Node.ANY, org.apache.jena.graph.NodeFactory
                    .createURI("http://example.org/population"), org.apache.jena.graph.Node.ANY).toList().size()));
        }
    }
}
