package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import kz.ashyq.browser.Chromium;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.PublishResult;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes of the hardening audit, each of which once succeeded: markup in CSV cells run as
 * script from map tooltips and {@code javascript:} links (in a real Chromium), chunked bodies
 * past the cap, queries waiting for a slot starving every other route of threads, the result
 * cache keeping far more than it counted, routes without limits, client input answered with
 * 500, files of mixed encodings published garbled, and a truncated file emptying a dataset.
 * Clients are told apart by {@code X-Forwarded-For} from the trusted loopback proxy, with
 * documentation addresses (TEST-NET); every request goes to 127.0.0.1.
 */
class AuditProbesTest {

    static final String BASE = "http://data.example.kz/";
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/hostile/places.yml");

    static Path dir;
    static Store store;
    static AshyqServer server;
    static PublishResult published;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("ashyq-audit");
        store = Store.open(dir.resolve("store"));
        published = new Publisher(store, LoadOptions.strict(new BaseIri(BASE)))
                .publish(YarrrmlReader.read(FIXTURE), MappingEngine.Progress.NONE);
        // a javascript: IRI that came another way than a mapping (an update, an older release)
        store.write(session -> session.replaceGraph(BASE + "graph/injected", out -> out.triple(Triple.create(
                NodeFactory.createURI(BASE + "id/hostile/2"), NodeFactory.createURI("https://schema.org/sameAs"),
                NodeFactory.createURI("javascript:window.__xss=4")))));
        EndpointLimits limits = EndpointLimits.builder().maxQueryLength(2_000).maxBodyBytes(64 * 1024)
                .maxConcurrentQueries(1).requestsPerMinute(30).resultCacheBytes(1L << 20).pagesPerMinute(60)
                .trustedProxies(Set.of("127.0.0.1")).build();
        server = AshyqServer.create(ServerConfig.builder(store.dir())
                .port(0).queryTimeout(Duration.ofSeconds(3)).limits(limits).build(),
                store).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A GET as the client at a documentation address, through the trusted loopback proxy. */
    private static HttpResponse<String> get(String client, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("X-Forwarded-For", client)
                .header("Accept", "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theMappingWarnsAboutAJavascriptIriAndPublishesNoneOfIt() {
        assertTrue(published.report().warnings().stream().anyMatch(w -> w.contains("javascript")
                && w.contains("row 2")), published.report().warnings().toString());
        long scripts = store.read(d -> d.stream().filter(q -> q.getObject().isURI()
                && q.getObject().getURI().startsWith("javascript:") && !q.getGraph().getURI().endsWith("injected"))
                .count());
        assertEquals(0, scripts, "no javascript: IRI mapped from a cell");
    }

    @Test
    void chunkedBodiesAreCutAtTheCap() throws Exception {
        long t0 = System.nanoTime();
        assertEquals(413, RawHttp.chunked(server.port(), "POST", "/sparql", "application/sparql-query",
                "ASK {} #", 5L << 20, 'x'), "a 5 MB chunked query");
        assertEquals(413, RawHttp.chunked(server.port(), "POST", "/sparql", "application/x-www-form-urlencoded",
                "query=ASK%20%7B%7D%20%23", 5L << 20, 'x'), "a 5 MB chunked form");
        int page = RawHttp.chunked(server.port(), "POST", "/doc/hostile/1", "text/plain", "", 5L << 20, 'x');
        assertTrue(page == 404 || page == 405 || page == 413, "a body sent to a page is never read: " + page);
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused while reading, not after");
        // a POSTed query is held to the length a GET one is
        String longQuery = "ASK {} #" + "x".repeat(3_000);
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sparql")))
                .header("Content-Type", "application/sparql-query").header("X-Forwarded-For", "192.0.2.10")
                .POST(HttpRequest.BodyPublishers.ofString(longQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(414, posted.statusCode(), posted.body());
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sparql")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "192.0.2.10")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + q(longQuery))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(414, form.statusCode(), form.body());
        assertEquals(200, get("192.0.2.11", "/sparql?query=" + q("ASK { ?s ?p ?o }")).statusCode(), "still serving");
    }

    @Test
    void queriesWaitingForASlotTakeNoThreadFromPages() throws Exception {
        String slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
        CompletableFuture<HttpResponse<String>> hog = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(
                url("/sparql?query=" + q(slow)))).header("X-Forwarded-For", "192.0.2.20").build(),
                HttpResponse.BodyHandlers.ofString());
        // more waiting queries than Jetty has threads (200), each from a client of its own
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String client = i < 254 ? "198.51.100." + (i + 1) : "203.0.113." + (i - 253);
            waiting.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url("/sparql?query="
                    + q("ASK { ?s ?p " + i + " }")))).header("X-Forwarded-For", client).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long t0 = System.nanoTime();
        HttpResponse<String> page = get("192.0.2.21", "/doc/hostile/3");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, page.statusCode());
        assertTrue(millis < 2_500, "a page answered in " + millis + " ms while queries wait");
        int ok = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> f : waiting) {
            int s = f.get().statusCode();
            assertTrue(s == 200 || s == 503, "a waiting query gets its answer or 503, not " + s);
            ok += s == 200 ? 1 : 0;
            busy += s == 503 ? 1 : 0;
        }
        // how many find the queue full depends on how fast the slot frees: some always do
        assertTrue(busy > 0, "the queue of 64 is bounded: " + busy + " turned away");
        assertTrue(ok > 0, "the queue is served once the slot frees");
        assertTrue(List.of(200, 503).contains(hog.get().statusCode()));
    }

    @Test
    void theResultCacheCountsWhatItKeeps() throws Exception {
        int before = server.resultCache().size();
        long keysBefore = server.resultCache().keyChars();
        String pad = "p".repeat(400_000);
        for (int i = 0; i < 150; i++) {
            // a client each, as under the per-minute limit: a few clients do it in a minute
            HttpResponse<String> r = get("203.0.113." + (i + 1), "/sparql?query=" + q("ASK { ?s ?p ?o }") + "&pad="
                    + pad + i);
            assertEquals(200, r.statusCode(), r.body());
        }
        int kept = server.resultCache().size() - before;
        long keys = server.resultCache().keyChars() - keysBefore;
        assertTrue(kept > 100, "the answers are kept: " + kept);
        // kept by their whole request line, 150 keys held 60 MB the cache never counted
        assertTrue(keys <= 100L * kept, kept + " answers kept under keys of " + keys + " characters");
        String metrics = get("192.0.2.31", "/metrics").body();
        long counted = metrics.lines().filter(l -> l.startsWith("ashyq_result_cache_bytes "))
                .mapToLong(l -> Long.parseLong(l.split(" ")[1])).findFirst().orElseThrow();
        assertTrue(counted <= 1L << 20, "within its budget: " + counted);
    }

    @Test
    void everyRouteHasALimitAndExpensiveAnswersAreMadeOnce() throws Exception {
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            refused += get("192.0.2.40", "/api/datasets").statusCode() == 429 ? 1 : 0;
        }
        assertEquals(10, refused, "a saved-query API: 30 a minute");
        refused = 0;
        for (int i = 0; i < 70; i++) {
            refused += get("192.0.2.41", "/doc/hostile/3").statusCode() == 429 ? 1 : 0;
        }
        assertEquals(10, refused, "pages: 60 a minute");
        HttpResponse<String> first = get("192.0.2.42", "/dump/hostile.jsonld");
        HttpResponse<String> again = get("192.0.2.42", "/dump/hostile.jsonld");
        assertEquals(200, first.statusCode());
        assertEquals(first.body(), again.body());
        try (Stream<Path> made = Files.walk(store.dir().resolve("derived"))) {
            assertEquals(1, made.filter(p -> p.getFileName().toString().equals("dump-hostile.jsonld")).count(),
                    "the dump is made once for the data served, as a file");
        }
        assertTrue(get("192.0.2.42", "/sitemap.xml").body().contains("/doc/hostile/1"));
        assertEquals(404, get("192.0.2.42", "/sitemap.xml?page=99999").statusCode(), "no page past the end");
    }

    @Test
    void clientInputNeverGives500() throws Exception {
        HttpResponse<String> near = get("192.0.2.50", "/api/near?lat=91&lon=0");
        assertEquals(400, near.statusCode(), near.body());
        assertTrue(near.body().contains("latitude"), near.body());
        HttpResponse<String> words = get("192.0.2.51", "/search?q=" + q("слово ".repeat(1_100)));
        assertEquals(400, words.statusCode(), words.body());
        assertTrue(words.body().contains("at most"), words.body());
    }

    @Test
    void cellsNeverReachThePageAsHtmlOrScript() throws Exception {
        boolean present = Files.isExecutable(Chromium.executable());
        if (!present && "1".equals(System.getenv("ASHYQ_REQUIRE_BROWSER"))) {
            throw new AssertionError("Chromium is required (ASHYQ_REQUIRE_BROWSER=1) but missing");
        }
        Assumptions.assumeTrue(present, "browser probe skipped: no Chromium at " + Chromium.executable());
        // pages as a browser sees them: no client address of its own, so a page limit of its own
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/doc/hostile/1"));
            hoverEveryMarker(browser);
            browser.waitUntil("document.querySelector('.leaflet-tooltip')", Duration.ofSeconds(10));
            assertSafe(browser, "<img src=x");

            browser.open(url("/doc/dataset/hostile"));
            hoverEveryMarker(browser);
            browser.waitUntil("document.querySelector('.leaflet-tooltip')", Duration.ofSeconds(10));
            assertSafe(browser, null);

            browser.open(url("/doc/hostile/2"));
            assertEquals(0, browser.eval("document.querySelectorAll('a[href^=\"javascript:\" i]').length").asInt(),
                    "a javascript: IRI is never a link");
            assertTrue(browser.eval("document.body.textContent").asText().contains("javascript:window.__xss=4"),
                    "it is shown as text");

            // the query page's map: results hold the same cells
            browser.open(url("/sparql"));
            browser.waitUntil("window.ashyqYasgui", Duration.ofSeconds(20));
            browser.eval("(function(){ var t = window.ashyqYasgui.getTab(); t.setQuery('PREFIX rdfs: "
                    + "<http://www.w3.org/2000/01/rdf-schema#> PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> "
                    + "SELECT ?label ?lat ?long { ?s rdfs:label ?label ; geo:lat ?lat ; geo:long ?long } LIMIT 3'); "
                    + "t.query(); return true; })()");
            browser.waitUntil("window.ashyqYasgui.getTab().getYasr().results", Duration.ofSeconds(20));
            browser.eval("(function(){ window.ashyqYasgui.getTab().getYasr().selectPlugin('map'); return true; })()");
            browser.waitUntil("document.querySelector('.yasr path.leaflet-interactive')", Duration.ofSeconds(20));
            hoverEveryMarker(browser);
            browser.waitUntil("document.querySelector('.leaflet-tooltip')", Duration.ofSeconds(10));
            assertSafe(browser, null);
            browser.takeErrors();
        }
    }

    /** Moves the mouse over every circle marker, as a reader would. */
    private static void hoverEveryMarker(Chromium browser) {
        browser.waitUntil("document.querySelector('path.leaflet-interactive')", Duration.ofSeconds(20));
        int markers = browser.eval("document.querySelectorAll('path.leaflet-interactive').length").asInt();
        for (int i = 0; i < markers; i++) {
            // the map may be below the fold (the query page lists its examples above it): the reader scrolls to it
            var p = browser.eval("(function(){ var p = document.querySelectorAll('path.leaflet-interactive')[" + i + "];"
                    + " p.scrollIntoView({block: 'center'}); var r = p.getBoundingClientRect();"
                    + " return [r.x + r.width / 2, r.y + r.height / 2]; })()");
            browser.send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", p.get(0).asDouble(),
                    "y", p.get(1).asDouble()));
        }
    }

    private static void assertSafe(Chromium browser, String shownAsText) {
        assertTrue(browser.eval("typeof window.__xss === 'undefined'").asBoolean(), "a cell ran as script");
        assertEquals(0, browser.eval("document.querySelectorAll('.leaflet-tooltip *:not(span)').length").asInt(),
                "a tooltip holds text only");
        if (shownAsText != null) {
            assertTrue(browser.eval("Array.from(document.querySelectorAll('.leaflet-tooltip')).map(function(t){"
                    + "return t.textContent; }).join(' ')").asText().contains(shownAsText), "the markup shows as text");
        }
    }

    @Test
    void aFileOfMixedEncodingsIsRefusedNamingItsLine(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("mixed.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("id,name\n1,Алматы\n2,Астана\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("3,".getBytes(StandardCharsets.UTF_8));
        bytes.write("Шымкент\n".getBytes(java.nio.charset.Charset.forName("windows-1251")));
        // the stray bytes are past the first 64 KB that a sample would look at
        for (int i = 4; i < 5_000; i++) {
            bytes.write((i + ",Қарағанды " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(csv, bytes.toByteArray());
        Path mapping = writeMapping(tmp, "mixed");
        FailedReloadTest.Run r = FailedReloadTest.cli("map", mapping.toString(), "-o", tmp.resolve("out.nt").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("mixed.csv") && r.err().contains("line 4") && r.err().contains("encoding"), r.err());
        assertFalse(Files.exists(tmp.resolve("out.nt")) && Files.readString(tmp.resolve("out.nt")).contains("Р"),
                "nothing garbled written");
    }

    @Test
    void aTruncatedFileDoesNotEmptyADataset(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("truncated.csv");
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int i = 1; i <= 50; i++) {
            rows.append(i).append(",Пункт ").append(i).append('\n');
        }
        Files.writeString(csv, rows);
        Path mapping = writeMapping(tmp, "truncated");
        String storeDir = tmp.resolve("store").toString();
        assertEquals(0, FailedReloadTest.cli("load", "--store", storeDir, mapping.toString()).code());
        long before = triples(storeDir);
        Files.writeString(csv, "id,name\n");
        FailedReloadTest.Run r = FailedReloadTest.cli("load", "--store", storeDir, mapping.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("removing all of it") && r.err().contains("--allow-shrink"), r.err());
        assertEquals(before, triples(storeDir), "the release served stays whole");
        assertEquals(0, FailedReloadTest.cli("load", "--store", storeDir, "--allow-shrink", mapping.toString()).code());
        assertEquals(0, triples(storeDir));
    }

    private static long triples(String storeDir) {
        try (Store s = Store.open(Path.of(storeDir))) {
            return s.read(d -> d.getGraph(NodeFactory.createURI("http://localhost:8080/graph/units")).size());
        }
    }

    private static Path writeMapping(Path tmp, String file) throws IOException {
        Path m = tmp.resolve(file + ".yml");
        Files.writeString(m, "dataset:\n  id: units\n  title:\n    en: Units\nsources:\n  units:\n    access: " + file
                + ".csv\n    referenceFormulation: csv\nmappings:\n  unit:\n    sources: units\n    s: id/unit/$(id)\n"
                + "    po:\n      - [rdfs:label, $(name), ru~lang]\n");
        return m;
    }
}
