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
import java.util.concurrent.CompletableFuture;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
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
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                    .port(0).queryTimeout(timeout).build(), store)
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
                new Http(server.port()).awaitMetric("ashyq_requests_running{kind=\"query\"} 1");
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
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir()).port(0).build(), store).start();
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

    @Test
    void serviceCallsGoOnlyToAllowListedHosts(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store")); Listener allowed = new Listener(); Listener other = new Listener()) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("src/test/resources/fixtures/units.yml")), MappingEngine.Progress.NONE);
            ServerConfig config = ServerConfig.builder(store.dir())
                    .port(0).queryTimeout(Duration.ofSeconds(5))
                    .serviceHosts(java.util.Set.of("127.0.0.1:" + allowed.port())).build();
            AshyqServer server = AshyqServer.create(config, store).start();
            try {
                HttpResponse<String> refused = service(server, other.port());
                assertTrue(refused.statusCode() >= 400, refused.statusCode() + " " + refused.body());
                assertTrue(refused.body().contains("not allowed"), refused.body());
                assertFalse(other.called(), "a host not on the list is never contacted");
                try {
                    // the listener answers nothing: only the call matters here
                    service(server, allowed.port());
                } catch (java.net.http.HttpTimeoutException e) {
                    // expected when the listener holds the connection
                }
                assertTrue(allowed.called(), "the allow-listed host is called");
            } finally {
                server.stop();
            }
        }
    }

    private static HttpResponse<String> service(AshyqServer server, int port) throws Exception {
        String q = "SELECT * { SERVICE <http://127.0.0.1:" + port + "/sparql> { ?s ?p ?o } }";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
