package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ashyq demo --portal}: the bundled datasets and, beside them, every data.egov.kz sample with
 * its drafted mapping (mappings/portal); at least 140 of the 143 load, and the report (rows,
 * triples, KATO links, or why not) is printed and served at {@code /portal}.
 */
class PortalSamplesTest {

    @Test
    void theSamplesLoadBesideTheBundledDataAndAreReported(@TempDir Path tmp) throws Exception {
        long samples;
        try (Stream<Path> s = Files.list(Path.of("data/egov-samples"))) {
            samples = s.filter(p -> p.toString().endsWith(".csv")).count();
        }
        try (Stream<Path> s = Files.list(Path.of("mappings/portal"))) {
            assertEquals(samples, s.filter(p -> p.toString().endsWith(".yml")).count(), "a mapping for every sample");
        }
        assertEquals(143, samples);
        Path store = tmp.resolve("store");
        FailedReloadTest.Run r = FailedReloadTest.cli("demo", "--store", store.toString(), "--portal", "--no-serve");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" of 143 loaded"), r.out());
        JsonNode report = new ObjectMapper().readTree(store.resolve("portal-report.json").toFile());
        assertEquals(143, report.path("mappings").asInt());
        assertTrue(report.path("loaded").asInt() >= 140, report.toString());
        long linked = 0;
        for (JsonNode d : report.path("datasets")) {
            assertTrue(d.has("error") || d.path("rows").asLong() >= 0 && d.has("katoLinkRate"), d.toString());
            linked += d.path("katoLinkRate").asDouble() > 0 ? 1 : 0;
        }
        assertTrue(linked >= 5, "some samples name places, linked to KATO: " + linked);
        try (Store s = Store.open(store)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store).port(0).build(), s).start();
            try {
                Http http = new Http(server.port());
                HttpResponse<String> page = http.get("/portal", "Accept", "text/html");
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("local-v25") && page.body().contains(report.path("loaded").asInt() + " of 143"),
                        page.body());
                HttpResponse<String> json = http.get("/portal", "Accept", "application/json");
                assertEquals(report, new ObjectMapper().readTree(json.body()));
                // and the portal's own record of a dataset it publishes, from the catalogue bundled beside
                assertEquals(303, http.get("/id/portal-dataset/zhurgizilgen_sot_sot-medicina", "Accept", "text/html")
                        .statusCode());
            } finally {
                server.stop();
            }
        }
    }
}
