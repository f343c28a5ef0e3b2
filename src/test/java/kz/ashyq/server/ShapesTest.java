package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.server.FailedReloadTest.Run;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapping's SHACL shapes are checked on load: a violation stops the load with the CSV file,
 * row and column, and the previous release stays; --warn-shapes loads and lists instead.
 */
class ShapesTest {

    private static final String BASE = "https://data.example.kz/";

    @TempDir
    Path dir;

    @Test
    void swappedCoordinatesStopTheLoadNamingRowAndColumn() throws Exception {
        // the shipped mapping and shapes, over a copy of the shipped CSV in the same layout
        Files.createDirectories(dir.resolve("mappings"));
        Files.createDirectories(dir.resolve("data/egov"));
        Files.createDirectories(dir.resolve("vocab/shapes"));
        Files.copy(Path.of("mappings/forensic-centres.yml"), dir.resolve("mappings/forensic-centres.yml"));
        Files.copy(Path.of("vocab/shapes/places.ttl"), dir.resolve("vocab/shapes/places.ttl"));
        String good = Files.readString(Path.of("data/egov/forensic-centres.csv"), StandardCharsets.UTF_8);
        Path csv = dir.resolve("data/egov/forensic-centres.csv");
        Files.writeString(csv, good, StandardCharsets.UTF_8);
        Path mapping = dir.resolve("mappings/forensic-centres.yml");
        Path storeDir = dir.resolve("store");

        Run first = FailedReloadTest.cli("load", "--store", storeDir.toString(), "--base", BASE, mapping.toString());
        assertEquals(0, first.code(), first.err());

        String swapped = good.replace("\"51.160252, 71.409022\"", "\"71.409022, 51.160252\"");
        assertFalse(swapped.equals(good), "the fixture has the coordinates to swap");
        Files.writeString(csv, swapped, StandardCharsets.UTF_8);
        Run bad = FailedReloadTest.cli("load", "--store", storeDir.toString(), mapping.toString());
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("1 violation of places.ttl"), bad.err());
        assertTrue(bad.err().contains("forensic-centres.csv row 1, column 'geoposition'"), bad.err());
        assertTrue(bad.err().contains("latitude must be in Kazakhstan"), bad.err());
        assertTrue(bad.err().contains("previous version"), bad.err());
        Node lat = NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#lat");
        try (Store store = Store.open(storeDir)) {
            String served = store.read(d -> d.find(Node.ANY, Node.ANY, lat, Node.ANY).next().getObject().getLiteralLexicalForm());
            assertTrue(served.startsWith("51.16"), "the previous release is served: " + served);
        }

        Run warned = FailedReloadTest.cli("load", "--store", storeDir.toString(), "--warn-shapes", mapping.toString());
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.out().contains("1 violation of its shapes, loaded as told"), warned.out());
        assertTrue(warned.out().contains("row 1, column 'geoposition'"), warned.out());
        try (Store store = Store.open(storeDir)) {
            String served = store.read(d -> d.find(Node.ANY, Node.ANY, lat, Node.ANY).next().getObject().getLiteralLexicalForm());
            assertTrue(served.startsWith("71.4"), served);
            assertFalse((boolean) store.read(d -> d.containsGraph(NodeFactory.createURI(BASE + "graph/forensic-centres/provenance"))),
                    "provenance taken for the check is not kept unless asked for");
        }
    }
}
