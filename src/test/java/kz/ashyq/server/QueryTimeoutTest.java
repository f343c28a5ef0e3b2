package kz.ashyq.server;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.MappingEngine;
import kz.ashyq.mapping.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query that would run for hours is stopped at the timeout, and others are answered meanwhile. */
class QueryTimeoutTest {

    @Test
    void aCartesianProductIsStoppedAtTheTimeoutWhileOtherQueriesAreAnswered(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("mappings/kato.yml")), MappingEngine.Progress.NONE);
            Duration timeout = Duration.ofSeconds(2);
            AshyqServer server = AshyqServer.create(new ServerConfig(store.dir(), 0, Optional.empty(), timeout), store)
                    .start();
            try {
                HttpClient client = HttpClient.newHttpClient();
                String root = "http://localhost:" + server.port() + "/sparql?query=";
                // 140,000 triples squared: hours of work
                String huge = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . FILTER(?c != ?f) }";
                long t0 = System.nanoTime();
                CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                        HttpRequest.newBuilder(URI.create(root + URLEncoder.encode(huge, StandardCharsets.UTF_8)))
                                .header("Accept", "application/sparql-results+json").build(),
                        HttpResponse.BodyHandlers.ofString());
                Thread.sleep(300);
                HttpResponse<String> quick = client.send(HttpRequest.newBuilder(URI.create(root
                        + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8)))
                        .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, quick.statusCode());
                assertFalse(slow.isDone(), "the other query answered while the big one runs");
                HttpResponse<String> stopped = slow.get();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("cartesian product stopped after %.1f s (timeout %d s): HTTP %d%n", seconds,
                        timeout.toSeconds(), stopped.statusCode());
                assertTrue(stopped.statusCode() >= 500 || !stopped.body().contains("\"n\""), stopped.body());
                assertTrue(seconds < timeout.toSeconds() + 5, "ended within the timeout and a small margin: " + seconds);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void serviceCallsToOtherHostsAreRefused(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store")); Listener listener = new Listener()) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("src/test/resources/fixtures/units.yml")), MappingEngine.Progress.NONE);
            AshyqServer server = AshyqServer.create(new ServerConfig(store.dir(), 0, Optional.empty()), store).start();
            try {
                String q = "SELECT * { SERVICE <http://127.0.0.1:" + listener.port() + "/sparql> { ?s ?p ?o } }";
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + server.port() + "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                        .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() >= 400, "refused: " + r.statusCode() + " " + r.body());
                assertFalse(listener.called(), "the endpoint made no request on the caller's behalf");
            } finally {
                server.stop();
            }
        }
    }
}
