package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.cli.Main;
import kz.ashyq.config.BaseIri;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL at random moments of a large publication: each time the store
 * opens cleanly, and serves the release before whole (or, killed after the commit, the new one
 * whole), with the triple count its history records.
 */
class KilledPublicationTest {

    private static final String TOKEN = "a-token-of-sixteen-or-more";
    private static final String BASE = "http://localhost:8080/";

    @Test
    void aServerKilledWhilePublishingKeepsAWholeRelease(@TempDir Path dir) throws Exception {
        Path mapping = PublishThroughServerTest.towns(dir, 10);
        Path store = dir.resolve("store");
        assertEquals(0, Main.run("load", "--store", store.toString(), mapping.toString()));
        Files.writeString(dir.resolve("token"), TOKEN);
        // one whole publication, to know how long one takes: the kills fall anywhere within it
        PublishThroughServerTest.towns(dir, 30_000);
        Process first = serve(store);
        long t0 = System.nanoTime();
        try {
            FailedReloadTest.Run r = FailedReloadTest.cli("load", "--server", url, "--token-file",
                    dir.resolve("token").toString(), mapping.toString());
            assertEquals(0, r.code(), r.out() + r.err());
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
        long whole = (System.nanoTime() - t0) / 1_000_000;
        long served = triples(store);
        assertEquals(30_000, served);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 3; round++) {
            int rows = 30_000 + 1_000 * (round + 1);
            PublishThroughServerTest.towns(dir, rows);
            long delay = whole / 4 + (long) (random.nextDouble() * whole);
            Process server = serve(store);
            try {
                CompletableFuture<Integer> publishing = CompletableFuture.supplyAsync(() -> publish(dir, mapping));
                Thread.sleep(delay);
                server.destroyForcibly(); // SIGKILL: no shutdown hook, no abort
                assertTrue(server.waitFor(30, TimeUnit.SECONDS));
                publishing.get(60, TimeUnit.SECONDS);
            } finally {
                server.destroyForcibly();
            }
            long now = triples(store);
            System.out.printf("round %d (seed %d): killed after %d ms of a %d ms publication: %s%n", round, seed, delay,
                    whole, now == rows ? "the new release, whole" : "the release before, whole");
            assertTrue(now == served || now == rows, "a whole release, not " + now + " (seed " + seed + ")");
            try (Store s = Store.open(store)) {
                List<ReleaseHistory.Entry> history = s.read(d -> ReleaseHistory.read(new BaseIri(BASE), "towns",
                        d.getGraph(NodeFactory.createURI(ReleaseHistory.historyGraph(new BaseIri(BASE), "towns"))))
                        .entries());
                assertEquals(now, history.get(history.size() - 1).triples(), "the history records what is served");
            }
            served = now;
        }
    }

    private int publish(Path dir, Path mapping) {
        return FailedReloadTest.cli("load", "--server", url, "--token-file", dir.resolve("token").toString(),
                mapping.toString()).code();
    }

    private String url;

    private Process serve(Path store) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port + "/";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--store", store.toString(), "--port", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ASHYQ_ADMIN_TOKEN", TOKEN);
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertTrue(p.isAlive(), "the server started");
            Thread.onSpinWait();
        }
        throw new AssertionError("the server did not answer within a minute");
    }

    private static long triples(Path store) {
        try (Store s = Store.open(store)) {
            return s.read(d -> d.getGraph(NodeFactory.createURI(BASE + "graph/towns")).size());
        }
    }
}
