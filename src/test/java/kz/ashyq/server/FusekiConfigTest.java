package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.apache.jena.fuseki.main.FusekiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped fuseki-config/ashyq.ttl opens an Ashyq store in a standalone Fuseki. */
class FusekiConfigTest {

    @Test
    void standaloneFusekiServesTheStoreWithTheUnionDefaultGraph(@TempDir Path dir) throws Exception {
        Path storeDir = dir.resolve("store");
        try (Store store = Store.open(storeDir)) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("src/test/resources/fixtures/units.yml")), MappingEngine.Progress.NONE);
        }
        String config = Files.readString(Path.of("fuseki-config/ashyq.ttl"), StandardCharsets.UTF_8)
                .replace("tdb2:location \"store", "tdb2:location \"" + storeDir.toAbsolutePath());
        Path configFile = dir.resolve("ashyq.ttl");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        FusekiServer fuseki = FusekiServer.create().port(0).parseConfigFile(configFile.toString()).build().start();
        try {
            Http http = new Http(fuseki.getHttpPort());
            // no GRAPH clause: the default graph is the union of the named graphs
            assertEquals(3, http.count("SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a <http://example.org/Unit> }"));
            // the archive of releases, by graph name: release 1's catalogue record
            assertEquals(1, http.select("/releases", "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH "
                    + "<http://data.example.kz/graph/units/release/1/catalog> { ?s a <http://www.w3.org/ns/dcat#Dataset> } }")
                    .get(0).getLiteral("n").getLong());
        } finally {
            fuseki.stop();
        }
    }
}
