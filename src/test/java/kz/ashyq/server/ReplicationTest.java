package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Optional;
import java.util.function.BooleanSupplier;
import kz.ashyq.cli.Main;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.Replication;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Part;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read replicas on a real Kafka broker (KRaft, one node, in a process of its own): a publisher in
 * this JVM and replicas in processes of their own follow 20 releases, while one replica is killed
 * with {@code kill -9} mid-stream and started again and the broker is restarted; then a third starts
 * from a snapshot. Afterwards every store holds the same quads, graph by graph (counts and hashes,
 * blank node labels included), in both parts (served data and archive), at the same change number.
 */
class ReplicationTest {

    static final String BASE = "http://data.example.kz/";
    static final String TOKEN = "a-token-of-sixteen-or-more";
    static final String TOPIC = "ashyq-test";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static int kafkaPort;
    static Process broker;
    static Store store;
    static AshyqServer publisher;
    static String url;
    static final List<Process> replicas = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("ashyq-replication");
        kafkaPort = freePortPair();
        broker = startBroker();
        store = Store.open(dir.resolve("publisher"));
        publisher = AshyqServer.create(ServerConfig.builder(store.dir())
                .port(0).base(new BaseIri(BASE)).adminToken(TOKEN)
                .replication(new Replication(Optional.of(topic()), Optional.empty(), Optional.empty()))
                .build(), store)
                .start();
        url = "http://127.0.0.1:" + publisher.port() + "/";
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        replicas.forEach(Process::destroyForcibly);
        if (publisher != null) {
            publisher.stop();
        }
        if (store != null) {
            store.close();
        }
        if (broker != null) {
            broker.destroyForcibly().waitFor();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void replicasFollowTwentyReleasesThroughAKilledReplicaAndABrokerRestart() throws Exception {
        Replica a = new Replica("a", Optional.empty()).start();
        Replica b = new Replica("b", Optional.empty()).start();
        for (int release = 1; release <= 20; release++) {
            assertEquals(0, publish(release), "release " + release + " published");
            if (release == 2) {
                // while it takes in the first releases' changes, some of them in several records
                a.kill();
            } else if (release == 8) {
                broker.destroy();
                broker.waitFor();
                broker = startBroker();
            } else if (release == 12) {
                a.start();
            }
        }
        // an admin update is a change like a release
        assertEquals(200, post(url + "admin/update", "update=" + URLEncoder.encode("INSERT DATA { GRAPH <" + BASE
                + "graph/towns> { <" + BASE + "id/town/x> <http://www.w3.org/2000/01/rdf-schema#label> \"Ауыл X\"@kk } }",
                StandardCharsets.UTF_8), TOKEN).statusCode());
        Replica c = new Replica("c", Optional.of(url + "admin/snapshot")).start();
        long last = store.changes().lastChange(Part.DATA);
        for (Replica r : List.of(a, b, c)) {
            await(() -> r.dataVersion() == last, "replica " + r.name + " reaches change " + last);
        }
        // what follows the store follows too: the renamed town of the last release is found by search
        for (Replica r : List.of(a, b, c)) {
            await(() -> r.get("search?q=" + URLEncoder.encode("жаңа-20", StandardCharsets.UTF_8)).contains("id/town/"),
                    "replica " + r.name + " finds the last release's names");
            assertTrue(r.get("search?q=" + URLEncoder.encode("Ауыл", StandardCharsets.UTF_8)).contains("id/town/x"),
                    "and the admin update's");
        }
        HttpResponse<String> refused = post(b.url + "admin/update", "update=" + URLEncoder.encode(
                "INSERT DATA { GRAPH <" + BASE + "graph/towns> { <urn:a> <urn:b> <urn:c> } }", StandardCharsets.UTF_8), TOKEN);
        assertEquals(403, refused.statusCode(), "a replica refuses updates");
        assertTrue(refused.body().contains("replica"), refused.body());
        assertTrue(b.get("metrics").contains("ashyq_replica_lag_records 0"), "lag in /metrics");
        Map<Part, Map<String, String>> expected = Map.of(Part.DATA, StoreDigest.of(store, Part.DATA),
                Part.ARCHIVE, StoreDigest.of(store, Part.ARCHIVE));
        assertTrue(expected.get(Part.DATA).size() >= 4 && expected.get(Part.ARCHIVE).size() >= 20,
                "the stores hold graphs to compare: " + expected);
        for (Replica r : List.of(a, b, c)) {
            r.stop();
            try (Store replica = Store.open(r.store)) {
                for (Part part : Part.values()) {
                    assertEquals(expected.get(part), StoreDigest.of(replica, part), "replica " + r.name + ", " + part);
                    assertEquals(store.changes().lastChange(part), replica.changes().lastChange(part), "replica " + r.name + ", " + part);
                }
            }
        }
    }

    /** Release {@code n} of the towns: 3,000 rows, 25 gone and 25 new at each, and a few renamed. */
    private static int publish(int n) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = n * 25; i < 3_000 + n * 25; i++) {
            csv.append(i).append(',').append(i % 97 == n ? "жаңа-" + n + " қала " : "қала ").append(i).append(',')
                    .append(1000 + i).append('\n');
        }
        Path m = Towns.write(dir, csv);
        return FailedReloadTest.cli("load", "--server", url, "--token-file", dir.resolve("token").toString(),
                m.toString()).code();
    }

    private static Replication.Topic topic() {
        return new Replication.Topic("localhost:" + kafkaPort, TOPIC);
    }

    /** A replica in a process of its own, which can be killed and started again on the same store. */
    private static final class Replica {
        final String name;
        final Path store;
        final Optional<String> snapshot;
        Process process;
        String url;

        Replica(String name, Optional<String> snapshot) {
            this.name = name;
            this.store = dir.resolve("replica-" + name);
            this.snapshot = snapshot;
        }

        Replica start() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            url = "http://127.0.0.1:" + port + "/";
            List<String> args = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "serve", "--store", store.toString(), "--port", Integer.toString(port),
                    "--base", BASE, "--follow", topic().toString()));
            snapshot.ifPresent(s -> args.addAll(List.of("--snapshot", s)));
            ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("replica-" + name + ".log").toFile()));
            pb.environment().put("ASHYQ_ADMIN_TOKEN", TOKEN);
            process = pb.start();
            replicas.add(process);
            await(() -> {
                assertTrue(process.isAlive(), "replica " + name + " runs (see its log " + dir + ")");
                return health() != null;
            }, "replica " + name + " answers");
            return this;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        JsonNode health() {
            try {
                return JSON.readTree(get("health"));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        long dataVersion() {
            JsonNode h = health();
            return h == null ? -1 : h.path("replication").path("dataVersion").asLong(-1);
        }

        String get(String path) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static HttpResponse<String> post(String to, String form, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(to)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The broker, in a process of its own, on {@link #kafkaPort} (its controller on the next port). */
    private static Process startBroker() throws Exception {
        Process p = new ProcessBuilder(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Main.class.getName(), "broker",
                "--dir", dir.resolve("broker").toString(), "--port", Integer.toString(kafkaPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                .start();
        await(() -> {
            assertTrue(p.isAlive(), "the broker runs (see " + dir.resolve("broker.log") + ")");
            try (Socket s = new Socket("127.0.0.1", kafkaPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "the broker listens");
        return p;
    }

    /** Two free ports in a row: the broker's and its controller's. */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no two free ports in a row");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for a condition, up to two minutes, checking every 100 ms. */
    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited two minutes for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
