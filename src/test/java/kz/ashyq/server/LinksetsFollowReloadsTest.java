package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kz.ashyq.catalog.CatalogBuilder;
import kz.ashyq.config.BaseIri;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset's linksets into another follow that other dataset: counted when it is loaded after
 * the dataset that links to it, and counted again when a reload types fewer of the things linked
 * to, down to none.
 */
class LinksetsFollowReloadsTest {

    private static final BaseIri BASE = new BaseIri("http://x.kz/");
    private static final String IN = "https://schema.org/containedInPlace";

    @Test
    void linksIntoADatasetAreCountedWhenItLoadsAndReloads(@TempDir Path dir) throws Exception {
        mapping(dir, "things", "code,place\n1,a\n2,a\n3,b\n4,c\n", "id/thing/$(code)",
                "[schema:containedInPlace, id/place/$(place)~iri]");
        load(dir, "things");
        assertEquals(Map.of(), linksets(dir), "nothing to link to yet");
        mapping(dir, "places", "code\na\nb\nc\n", "id/place/$(code)", "[a, schema:Place]");
        load(dir, "places");
        assertEquals(Map.of(BASE.graph("places"), Map.of(IN, 4L)), linksets(dir), "counted when places loads");
        mapping(dir, "places", "code\na\nd\n", "id/place/$(code)", "[a, schema:Place]");
        load(dir, "places");
        assertEquals(Map.of(BASE.graph("places"), Map.of(IN, 2L)), linksets(dir), "b and c are no longer places");
        mapping(dir, "places", "code\nd\n", "id/place/$(code)", "[a, schema:Place]");
        load(dir, "places");
        assertEquals(Map.of(), linksets(dir), "no link left");
    }

    private static void mapping(Path dir, String id, String csv, String subject, String po) throws Exception {
        Files.writeString(dir.resolve(id + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(id + ".yml"), """
                prefixes:
                  schema: https://schema.org/
                dataset: {id: %1$s, title: {en: %1$s}}
                sources:
                  %1$s: {access: %1$s.csv, referenceFormulation: csv}
                mappings:
                  m:
                    sources: %1$s
                    s: %2$s
                    po:
                      - %3$s
                """.formatted(id, subject, po), StandardCharsets.UTF_8);
    }

    private static void load(Path dir, String id) {
        FailedReloadTest.Run r = FailedReloadTest.cli("load", "--store", dir.resolve("store").toString(), "--base",
                BASE.value(), "--allow-shrink", dir.resolve(id + ".yml").toString());
        assertEquals(0, r.code(), r.err());
    }

    private static Map<String, Map<String, Long>> linksets(Path dir) {
        try (Store store = Store.open(dir.resolve("store"))) {
            return store.read(d -> {
                var copy = GraphFactory.createDefaultGraph();
                d.getGraph(NodeFactory.createURI(CatalogBuilder.catalogGraph(BASE, "things"))).find().forEach(copy::add);
                return CatalogBuilder.readLinksets(BASE, "things", copy);
            });
        }
    }
}
