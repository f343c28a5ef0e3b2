package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's limits hold, and operators see /health and /metrics. */
class EndpointLimitsTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    /** KATO, loaded once for the servers of both tests, each with limits of its own. */
    private static Store store;

    @BeforeAll
    static void load() {
        store = Store.open(dir.resolve("store"));
        new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                .publish(YarrrmlReader.read(Path.of("mappings/kato.yml")), MappingEngine.Progress.NONE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private HttpResponse<String> get(int port, String path, String query) throws Exception {
        String uri = "http://localhost:" + port + path + (query == null ? "" : "?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/sparql-results+json")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void limitsRefuseWithClearAnswersAndMetricsCountThem() throws Exception {
        // a 1 s queue: the slot of a finished query is given back just after its answer is sent
        EndpointLimits limits = EndpointLimits.builder().maxQueryLength(200).maxBodyBytes(10_000).maxConcurrentQueries(1)
                .requestsPerMinute(10).maxResultRows(5).queueWaitSeconds(1).build();
        AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                .port(0).queryTimeout(Duration.ofSeconds(3)).limits(limits).build(), store).start();
        int port = server.port();
        try {
            HttpResponse<String> ok = get(port, "/sparql", "ASK { ?s ?p ?o }");
            assertEquals(200, ok.statusCode());
            assertEquals("*", ok.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(), "CORS for reading");

            HttpResponse<String> tooLong = get(port, "/sparql", "ASK { ?s ?p ?o } #" + "x".repeat(300));
            assertEquals(414, tooLong.statusCode());
            assertTrue(tooLong.body().contains("at most 200"), tooLong.body());

            // one query at a time: a second one while a slow one runs is turned away (a query not
            // answered before: a kept answer needs no slot)
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/sparql?query=" + URLEncoder.encode(
                            "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }", StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            new Http(port).awaitMetric("ashyq_requests_running{kind=\"query\"} 1");
            HttpResponse<String> busy = get(port, "/sparql", "ASK { ?x ?y ?z }");
            assertEquals(503, busy.statusCode());
            assertTrue(busy.headers().firstValue("Retry-After").isPresent());
            slow.get();

            // at most 5 rows: a query for all is capped, and says so
            HttpResponse<String> capped = get(port, "/sparql", "SELECT ?s { ?s ?p ?o }");
            assertEquals(200, capped.statusCode());
            assertEquals("5", capped.headers().firstValue("Ashyq-Result-Limit").orElseThrow());
            assertEquals(5, com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(capped.body())
                    .get("results").get("bindings").size());
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql"))
                    .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT ?s { ?s ?p ?o }")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("5", posted.headers().firstValue("Ashyq-Result-Limit").orElseThrow(), posted.body());
            assertEquals(5, com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(posted.body())
                    .get("results").get("bindings").size());
            HttpResponse<String> small = get(port, "/sparql", "SELECT ?s { ?s ?p ?o } LIMIT 2");
            assertTrue(small.headers().firstValue("Ashyq-Result-Limit").isEmpty(), "a LIMIT within the cap stays");

            // 10 a minute: this client has made 7; three more pass, then 429
            int last = 0;
            for (int i = 0; i < 6; i++) {
                last = get(port, "/sparql", "ASK { ?s ?p ?o }").statusCode();
            }
            assertEquals(429, last);

            HttpResponse<String> metrics = get(port, "/metrics", null);
            assertEquals(200, metrics.statusCode());
            String m = metrics.body();
            assertTrue(m.contains("ashyq_http_requests_total{route=\"/sparql\",status=\"200\"}"), m);
            assertTrue(m.contains("ashyq_rejected_requests_total{reason=\"rate\"}"), m);
            assertTrue(m.contains("ashyq_rejected_requests_total{reason=\"length\"} 1"), m);
            assertTrue(m.contains("ashyq_sparql_timeouts_total 1"), m);
            long katoTriples = store.read(d -> d.getGraph(org.apache.jena.graph.NodeFactory.createURI(
                    "http://data.example.kz/graph/kato")).size());
            assertTrue(m.contains("ashyq_dataset_triples{dataset=\"kato\"} " + katoTriples), m);
            assertTrue(m.contains("ashyq_sparql_query_seconds_bucket{le=\"+Inf\"}"), m);

            HttpResponse<String> health = get(port, "/health", null);
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"ok\""), health.body());
        } finally {
            server.stop();
        }
    }

    @Test
    void aQueryThatWaitedForItsSlotIsAnsweredLoggedAndKept() throws Exception {
        EndpointLimits limits = EndpointLimits.builder().maxConcurrentQueries(1).queueWaitSeconds(30).build();
        AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                .port(0).queryTimeout(Duration.ofSeconds(2)).limits(limits).build(), store).start();
        try {
            int port = server.port();
            Http http = new Http(port);
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/sparql?query=" + URLEncoder.encode(
                            "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }", StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            http.awaitMetric("ashyq_requests_running{kind=\"query\"} 1");
            String units = "SELECT ?type (COUNT(*) AS ?n) { ?s a ?type } GROUP BY ?type";
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(port, "/sparql", units);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            http.awaitMetric("ashyq_requests_waiting{kind=\"query\"} 1");
            assertEquals(503, slow.get().statusCode(), "the product is stopped at the timeout");
            HttpResponse<String> answered = waiting.get();
            assertEquals(200, answered.statusCode(), answered.body());
            assertEquals("miss", answered.headers().firstValue("Ashyq-Cache").orElseThrow());
            HttpResponse<String> again = get(port, "/sparql", units);
            assertEquals("hit", again.headers().firstValue("Ashyq-Cache").orElseThrow(),
                    "the answer computed on the slot's thread was kept");
            assertEquals(answered.body(), again.body());
            http.awaitMetric("ashyq_requests_waiting{kind=\"query\"} 0");
            String m = http.get("/metrics").body();
            assertTrue(m.contains("ashyq_http_requests_total{route=\"/sparql\",status=\"200\"} 2"), m);
            assertTrue(m.contains("ashyq_http_requests_total{route=\"/sparql\",status=\"503\"} 1"), m);
            assertTrue(m.contains("ashyq_requests_running{kind=\"query\"} 0"), m);
        } finally {
            server.stop();
        }
    }
}
