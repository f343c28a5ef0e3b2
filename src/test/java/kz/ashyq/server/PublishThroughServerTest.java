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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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

/**
 * Publishing into a running server: {@code ashyq load --server} sends a mapping and its files to
 * {@code POST /admin/publish}, and the server publishes them as a release while it serves, with
 * the command line's exit codes and located errors, reading nothing but what was sent.
 */
class PublishThroughServerTest {

    static final String BASE = "http://data.example.kz/";
    static final String TOKEN = "a-token-of-sixteen-or-more";

    static Path dir;
    static Store store;
    static AshyqServer server;
    static Path tokenFile;
    static String url;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("ashyq-publish");
        store = Store.open(dir.resolve("store"));
        new Publisher(store, LoadOptions.strict(new BaseIri(BASE)))
                .publish(YarrrmlReader.read(AuditProbesTest.FIXTURE), MappingEngine.Progress.NONE);
        server = AshyqServer.create(ServerConfig.builder(store.dir()).port(0)
                // the readers below are one client asking as fast as it can
                .limits(EndpointLimits.builder().requestsPerMinute(1_000_000).resultCacheBytes(0)
                        .pagesPerMinute(1_000_000).build())
                .adminToken(TOKEN).build(), store).start();
        url = "http://127.0.0.1:" + server.port() + "/";
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        store.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static FailedReloadTest.Run load(String... mappings) {
        List<String> args = new ArrayList<>(List.of("load", "--server", url, "--token-file", tokenFile.toString()));
        args.addAll(List.of(mappings));
        return FailedReloadTest.cli(args.toArray(String[]::new));
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path.substring(1))).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String graph) throws Exception {
        String q = "SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/" + graph + "> { ?s ?p ?o } }";
        return Long.parseLong(select(q).lines().skip(1).findFirst().orElseThrow().strip());
    }

    /** A query's answer as CSV. */
    private static String select(String q) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "sparql")).header("Accept", "text/csv")
                .header("Content-Type", "application/sparql-query").POST(HttpRequest.BodyPublishers.ofString(q)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void aMappingSentToTheServerIsPublishedAndSeenEverywhereAtOnce() throws Exception {
        FailedReloadTest.Run r = load("mappings/forensic-centres.yml");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("forensic-centres") && r.out().contains("release 1"), r.out());
        assertEquals(200, get("/doc/forensic-centre/1", "text/turtle").statusCode(), "its pages");
        assertTrue(get("/search?format=json&q=" + URLEncoder.encode("судебных", StandardCharsets.UTF_8),
                "application/json").body().contains("/id/forensic-centre/1"), "search, updated for the dataset");
        assertTrue(get("/api/near?lat=51.16&lon=71.41&radius=5", "application/sparql-results+json").body()
                .contains("forensic-centre/1"), "the spatial index");
        assertTrue(select("PREFIX geo: <http://www.opengis.net/ont/geosparql#> SELECT ?s { ?s geo:sfWithin "
                + "\"POLYGON((71.3 51.1, 71.5 51.1, 71.5 51.2, 71.3 51.2, 71.3 51.1))\"^^geo:wktLiteral }")
                .contains("/id/forensic-centre/1"), "GeoSPARQL's spatial index, updated for the dataset");
        long triples = count("forensic-centres");
        assertTrue(triples >= 10, "the endpoint: the mapped triples and what GeoSPARQL entails of them");
        assertTrue(get("/metrics", "text/plain").body().contains("ashyq_dataset_triples{dataset=\"forensic-centres\"} "
                + triples));
        var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/health", "application/json").body());
        assertTrue(health.get("searchIndexInStep").asBoolean(), health.toString());
        assertEquals("open", health.get("store").asText());
        assertTrue(health.get("spatialIndexGeometries").asLong() >= 1, "the forensic centre's geometry: " + health);
        assertTrue(get("/metrics", "text/plain").body().contains("ashyq_spatial_index_geometries " + health.get(
                "spatialIndexGeometries").asLong()));
        assertTrue(get("/doc/dataset/forensic-centres", "text/html").body().contains("Forensic expertise centres")
                || get("/doc/dataset/forensic-centres", "text/html").body().contains("судебн"), "its catalogue page");
        String openapi = get("/api/openapi.json", "application/json").body();
        assertTrue(openapi.contains("\"/admin/publish\"") && openapi.contains("multipart/form-data")
                && openapi.contains("application/x-ndjson"), "the admin API is described for tools");
        // the same again: recorded on that release, not a new one
        FailedReloadTest.Run again = load("mappings/forensic-centres.yml");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("unchanged: same triples as release 1"), again.out());
    }

    @Test
    void readersSeeTheReleaseBeforeOrTheNewOneNeverAMix(@TempDir Path tmp) throws Exception {
        Path mapping = towns(tmp, 20_000);
        assertEquals(0, load(mapping.toString()).code());
        long first = count("towns");
        towns(tmp, 30_000);
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<FailedReloadTest.Run> publishing = CompletableFuture.supplyAsync(() -> {
            try {
                return load(mapping.toString());
            } finally {
                done.set(true);
            }
        });
        List<Long> seen = new ArrayList<>();
        while (!done.get()) {
            seen.add(count("towns"));
        }
        assertEquals(0, publishing.get().code(), publishing.get().err());
        long second = count("towns");
        assertEquals(first * 3 / 2, second);
        assertFalse(seen.isEmpty());
        for (long n : seen) {
            assertTrue(n == first || n == second, "a reader saw " + n + " triples: neither " + first + " nor " + second);
        }
        System.out.printf("%d reads during the publication, every one of release 1 or 2%n", seen.size());
    }

    static Path towns(Path tmp, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("code,name\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",город ").append(i).append('\n');
        }
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/towns.csv"), csv);
        Files.createDirectories(tmp.resolve("mappings"));
        Path m = tmp.resolve("mappings/towns.yml");
        Files.writeString(m, """
                dataset: {id: towns, title: {en: Towns}}
                sources:
                  towns:
                    access: ../data/towns.csv
                    referenceFormulation: csv
                mappings:
                  town:
                    sources: towns
                    s: id/town/$(code)
                    po:
                      - [rdfs:label, $(name), ru~lang]
                """);
        return m;
    }

    @Test
    void badInputIsLocatedAndNothingOfItIsPublished(@TempDir Path tmp) throws Exception {
        Path m = towns(tmp, 10);
        Files.writeString(m, Files.readString(m).replace("$(name)", "$(nmae)").replace("id: towns", "id: broken"));
        FailedReloadTest.Run r = load(m.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nmae") && r.err().contains("towns.yml"), r.err());
        assertEquals(0, count("broken"), "nothing of it published");

        Files.writeString(m, Files.readString(m).replace("../data/towns.csv", "/etc/hostname").replace("$(nmae)", "$(1)"));
        FailedReloadTest.Run outside = load(m.toString());
        assertEquals(2, outside.code(), outside.err());
        assertTrue(outside.err().contains("not sent with it"), outside.err());

        Files.writeString(tokenFile.resolveSibling("wrong"), "not-the-token-at-all-0000");
        FailedReloadTest.Run wrong = FailedReloadTest.cli("load", "--server", url, "--token-file",
                tokenFile.resolveSibling("wrong").toString(), "mappings/forensic-centres.yml");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("ASHYQ_ADMIN_TOKEN"), wrong.err());

        // a part named to climb out of the upload's folder
        HttpResponse<String> climbing = HTTP.send(HttpRequest.newBuilder(URI.create(url + "admin/publish"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"mapping\"; "
                        + "filename=\"x.yml\"\r\n\r\ndataset: {id: x}\r\n--b\r\nContent-Disposition: form-data; "
                        + "name=\"data/../../../x.csv\"; filename=\"x.csv\"\r\n\r\na\r\n--b--\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, climbing.statusCode(), climbing.body());
    }
}
