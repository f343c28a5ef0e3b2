package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint answers a repeated request from its cache only while the data is the one the
 * answer was computed from: a publication or a compaction is seen by the very next request.
 */
class ResultCacheTest {

    private static final String COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";
    private static final String JSON = "application/sparql-results+json";
    private static final String XML = "application/sparql-results+xml";

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(int port, String query, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String cache(HttpResponse<?> r) {
        return r.headers().firstValue("Ashyq-Cache").orElse("none");
    }

    private static Publisher publisher(Store store) {
        return new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")));
    }

    @Test
    void repeatsAreServedUntilTheDataChanges(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            publisher(store).publish(YarrrmlReader.read(Path.of("mappings/kato.yml")), MappingEngine.Progress.NONE);
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                    .port(0).queryTimeout(Duration.ofSeconds(10)).build(), store).start();
            int port = server.port();
            try {
                HttpResponse<byte[]> first = get(port, COUNT, JSON);
                HttpResponse<byte[]> again = get(port, COUNT, JSON);
                assertEquals("miss", cache(first));
                assertEquals("hit", cache(again));
                assertEquals(200, again.statusCode());
                assertArrayEquals(first.body(), again.body());
                assertEquals(first.headers().firstValue("Content-Type"), again.headers().firstValue("Content-Type"));
                assertEquals("*", again.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                assertTrue(again.headers().firstValue("Fuseki-Request-Id").isEmpty(), "no other request's id");

                HttpResponse<byte[]> xml = get(port, COUNT, XML);
                assertEquals("miss", cache(xml), "another format is another answer");
                assertTrue(new String(xml.body(), StandardCharsets.UTF_8).contains("<sparql"));

                // a capped answer keeps saying it was capped
                String all = "SELECT ?s { ?s ?p ?o }";
                get(port, all, JSON);
                HttpResponse<byte[]> capped = get(port, all, JSON);
                assertEquals("hit", cache(capped));
                assertEquals("10000", capped.headers().firstValue("Ashyq-Result-Limit").orElseThrow());

                HttpResponse<byte[]> bad = get(port, "SELECT nonsense", JSON);
                HttpResponse<byte[]> badAgain = get(port, "SELECT nonsense", JSON);
                assertEquals(400, bad.statusCode());
                assertEquals(400, badAgain.statusCode());
                assertEquals("miss", cache(badAgain), "an error is not kept");

                publisher(store).publish(YarrrmlReader.read(Path.of("mappings/tax-rates.yml")),
                        MappingEngine.Progress.NONE);
                HttpResponse<byte[]> afterLoad = get(port, COUNT, JSON);
                assertEquals("miss", cache(afterLoad), "a publication makes the kept answer unusable");
                assertFalse(new String(afterLoad.body(), StandardCharsets.UTF_8)
                        .equals(new String(first.body(), StandardCharsets.UTF_8)), "the count grew");
                assertEquals("hit", cache(get(port, COUNT, JSON)));

                store.compact();
                HttpResponse<byte[]> afterCompaction = get(port, COUNT, JSON);
                assertEquals("miss", cache(afterCompaction), "compaction starts new storage");
                assertArrayEquals(afterLoad.body(), afterCompaction.body());

                assertEquals("hit", cache(get(port, COUNT, JSON)));
                HttpResponse<String> m = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(m.body().contains("ashyq_sparql_cache_total{outcome=\"hit\"} 4"), m.body());
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aZeroBudgetKeepsNothing(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            // a small fixture: what is checked is that nothing is kept
            publisher(store).publish(YarrrmlReader.read(Path.of("src/test/resources/fixtures/units.yml")),
                    MappingEngine.Progress.NONE);
            EndpointLimits none = EndpointLimits.builder().resultCacheBytes(0).build();
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                    .port(0).queryTimeout(Duration.ofSeconds(10)).limits(none).build(), store).start();
            try {
                get(server.port(), COUNT, JSON);
                HttpResponse<byte[]> again = get(server.port(), COUNT, JSON);
                assertEquals(200, again.statusCode());
                assertEquals("none", cache(again));
            } finally {
                server.stop();
            }
        }
    }
}
