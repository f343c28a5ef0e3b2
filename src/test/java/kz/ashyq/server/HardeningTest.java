package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest of the hardening: who counts as a client behind a proxy, the admin token's scheme in
 * any case, the upload cap, a limiter that forgets ended windows, the archive of releases
 * compacted, and the store's metadata replaced in one step.
 */
class HardeningTest {

    private static final String TOKEN = "a-token-of-sixteen-or-more";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void forwardedForCountsOnlyFromATrustedProxyAndTheTokenSchemeIsCaseInsensitive(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(AuditProbesTest.FIXTURE), MappingEngine.Progress.NONE);
            EndpointLimits limits = EndpointLimits.builder().maxQueued(8).pagesPerMinute(5)
                    .trustedProxies(Set.of("127.0.0.1")).maxUploadBytes(1_000).build();
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                    .port(0).queryTimeout(Duration.ofSeconds(5)).limits(limits).adminToken(TOKEN)
                    .build(), store).start();
            try {
                int port = server.port();
                // behind the trusted proxy: each client its own count
                for (int i = 1; i <= 8; i++) {
                    assertEquals(200, RawHttp.get("127.0.0.1", port, "/doc/hostile/3", "X-Forwarded-For: 192.0.2." + i));
                }
                // from anywhere else the header is the client's own word, and ignored
                int last = 0;
                for (int i = 1; i <= 6; i++) {
                    last = RawHttp.get("127.0.0.2", port, "/doc/hostile/3", "X-Forwarded-For: 198.51.100." + i);
                }
                assertEquals(429, last, "five pages a minute from 127.0.0.2, whatever it forwards");

                for (String scheme : new String[] {"bearer", "BEARER", "Bearer"}) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/admin/update")).header("Authorization", scheme + " " + TOKEN)
                            .header("Content-Type", "application/sparql-update")
                            .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { GRAPH <http://x.kz/g> "
                                    + "{ <http://x.kz/a> <http://x.kz/b> \"" + scheme + "\" } }")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertTrue(r.statusCode() < 300, scheme + ": " + r.statusCode() + " " + r.body());
                }
                assertEquals(413, RawHttp.chunked(port, "POST", "/admin/update", "application/sparql-update",
                        "INSERT DATA { <http://x.kz/a> <http://x.kz/b> \"", 1L << 20, 'x',
                        "Authorization: Bearer " + TOKEN),
                        "an upload past the cap, even with the token");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void theLimiterForgetsWindowsThatEnded() {
        RateWindows rate = new RateWindows(10, 50_000_000L);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(rate.allow("client-" + i));
        }
        assertEquals(1_000, rate.clients());
        long end = System.nanoTime() + 5_000_000_000L;
        while (rate.clients() > 1 && System.nanoTime() < end) {
            rate.allow("one-more");
        }
        assertEquals(1, rate.clients(), "only the client of the current window is held");
    }

    @Test
    void theArchiveOfReleasesIsCompactedAndKeepsEveryRelease(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        Files.copy(Path.of("src/test/resources/fixtures/units.yml"), dir.resolve("units.yml"));
        Files.copy(Path.of("src/test/resources/fixtures/other.csv"), dir.resolve("other.csv"));
        for (int i = 0; i < 6; i++) {
            StringBuilder csv = new StringBuilder("code,name_ru,name_kk,population,opened,geo\n");
            for (int r = 0; r < 2000; r++) {
                csv.append(r).append(",name ").append(i).append(",атауы ").append(i).append(',').append(r + i)
                        .append(",26.11.2025,\n");
            }
            Files.writeString(dir.resolve("units.csv"), csv.toString());
            assertEquals(0, FailedReloadTest.cli("load", "--store", store.toString(), "--base", "http://x.kz/",
                    dir.resolve("units.yml").toString()).code());
        }
        try (Store s = Store.open(store)) {
            Node first = NodeFactory.createURI("http://x.kz/graph/units/release/1");
            long kept = s.readArchive(d -> (long) d.getGraph(first).size());
            long before = s.archiveSize();
            assertTrue(s.compactArchiveIfWasteful(0), "six releases written since it was new");
            long after = s.archiveSize();
            System.out.printf("archive of 6 releases: %,d KB -> %,d KB%n", before >> 10, after >> 10);
            assertTrue(after <= before, after + " <= " + before);
            assertEquals(kept, (long) s.readArchive(d -> (long) d.getGraph(first).size()), "release 1 whole");
            assertFalse(s.compactArchiveIfWasteful(0), "just compacted: nothing to give back");
            try (var generations = Files.list(store.resolve("releases"))) {
                assertEquals(List.of("Data-0002"), generations.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("Data-")).toList(), "a new generation, the old one deleted");
            }
        }
    }

    @Test
    void theStoreMetadataIsReplacedNotRewritten(@TempDir Path dir) throws Exception {
        try (Store s = Store.open(dir.resolve("store"))) {
            s.claimBase(new BaseIri("http://data.example.kz/"));
            Path meta = dir.resolve("store").resolve("ashyq-store.properties");
            Object inode = Files.getAttribute(meta, "unix:ino");
            s.touch();
            assertNotEquals(inode, Files.getAttribute(meta, "unix:ino"), "a new file moved into place");
            assertEquals("http://data.example.kz/", s.base().orElseThrow().value());
            try (var files = Files.list(dir.resolve("store"))) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
            }
        }
    }
}
