package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * A long query goes to the background and pauses while short requests are served, and still
 * gives the right answer; /metrics counts both.
 */
class PacingTest {

    private static final String UNITS = "?%s <https://w3id.org/ashyq/vocab#oblast> <http://data.example.kz/id/kato/110000000> . ";
    private static final String PAIRS = "SELECT (COUNT(*) AS ?n) { " + UNITS.formatted("a") + UNITS.formatted("b")
            + "FILTER(STRLEN(STR(?a)) != STRLEN(STR(?b)) || STR(?a) <= STR(?b) || STR(?a) > STR(?b)) }";
    private static final String ONE_SIDE = "SELECT (COUNT(*) AS ?n) { " + UNITS.formatted("a") + "}";

    @Test
    void aLongQueryPausesForShortOnesAndStillAnswersRight(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("mappings/kato.yml")), MappingEngine.Progress.NONE);
            EndpointLimits limits = EndpointLimits.builder().requestsPerMinute(100_000).backgroundAfterMillis(200).build();
            ServerConfig config = ServerConfig.builder(store.dir())
                    .port(0).queryTimeout(Duration.ofSeconds(120)).limits(limits).build();
            AshyqServer server = AshyqServer.create(config, store).start();
            try {
                Http http = new Http(server.port());
                long side = count(http, ONE_SIDE);
                long t0 = System.nanoTime();
                count(http, PAIRS);
                System.out.printf("pacing: the product alone takes %.1f s%n", (System.nanoTime() - t0) / 1e9);
                assertTrue(side > 900, "enough units for a long product: " + side);
                long backgrounded = metric(http.get("/metrics").body(), "ashyq_background_requests_total");
                // other text, so that the result cache does not answer it at once
                CompletableFuture<Long> pairs = CompletableFuture.supplyAsync(() -> count(http, PAIRS + " # again"));
                // short requests from the moment the product has gone to the background
                http.awaitMetric("ashyq_background_requests_total " + (backgrounded + 1));
                int answered = 0;
                while (!pairs.isDone() && answered < 40) {
                    HttpResponse<String> quick = http.get("/doc/kato/710000000", "Accept", "text/turtle");
                    assertEquals(200, quick.statusCode());
                    answered++;
                }
                assertFalse(pairs.isDone() && answered < 5, "the product ran long enough to be paced");
                assertEquals(side * side, pairs.get(), "a paced query loses nothing");
                String metrics = http.get("/metrics", "Accept", "text/plain").body();
                assertTrue(metric(metrics, "ashyq_background_requests_total") >= 1, metrics);
                assertTrue(metric(metrics, "ashyq_background_pauses_total") >= 1, metrics);
                System.out.printf("pacing: %d short requests answered while the product ran; %d pauses%n", answered,
                        metric(metrics, "ashyq_background_pauses_total"));
            } finally {
                server.stop();
            }
        }
    }

    private static long count(Http http, String query) {
        try {
            HttpResponse<String> r = http.get("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    "Accept", "application/sparql-results+json");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode n = new ObjectMapper().readTree(r.body()).at("/results/bindings/0/n/value");
            return Long.parseLong(n.asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long metric(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElse(-1);
    }
}
