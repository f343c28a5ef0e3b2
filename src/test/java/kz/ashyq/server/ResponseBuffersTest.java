package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.ashyq.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Response buffers are kept and reused across requests ({@link ResponseBuffers}): answers large
 * and small, many at once, come out whole and the same as one at a time.
 */
class ResponseBuffersTest {

    private static AshyqServer server;
    private static Http http;

    @BeforeAll
    static void serve() {
        BundledStore b = BundledStore.get();
        // no result cache: every answer goes through Fuseki's writers and the pooled buffers
        kz.ashyq.config.EndpointLimits noCache = kz.ashyq.config.EndpointLimits.builder().resultCacheBytes(0)
                .queriesPerClient(16).build(); // eight clients at once from one address
        server = AshyqServer.create(ServerConfig.builder(b.store.dir())
                .port(0).limits(noCache).build(), b.store).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void reusedBuffersGiveWholeAnswers() throws Exception {
        // larger than a pooled front buffer and than Jetty's default largest pooled one (64 KB); in the
        // order of the index it is read from, the same for every request on the same data (sorting the
        // whole store for each of twenty requests at once tested the query timeout, not the buffers)
        String big = "/sparql?query=" + URLEncoder.encode(
                "SELECT ?s ?p ?o { ?s ?p ?o } LIMIT 4000", StandardCharsets.UTF_8);
        String small = "/sparql?query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8);
        String page = "/doc/dataset/forensic-centres";
        List<String> paths = List.of(big, small, page);
        List<String> alone = new ArrayList<>();
        for (String p : paths) {
            HttpResponse<String> r = http.get(p, "Accept", p.equals(page) ? "text/turtle" : "text/csv");
            assertEquals(200, r.statusCode(), p);
            alone.add(r.body());
        }
        assertTrue(alone.get(0).length() > 100_000, "the big answer is " + alone.get(0).length() + " chars");
        assertEquals(4001, alone.get(0).lines().count(), "a header and 4000 rows");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String p = paths.get(i % 3);
                answers.add(pool.submit(() -> http.get(p, "Accept", p.equals(page) ? "text/turtle" : "text/csv").body()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(alone.get(i % 3), answers.get(i).get(), "answer " + i + " to " + paths.get(i % 3));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
