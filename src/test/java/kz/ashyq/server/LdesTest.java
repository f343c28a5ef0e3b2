package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The releases as Linked Data Event Streams, replayed by a third-party client: the npm package
 * {@code ldes-client} (rdf-connect), materialising the latest version of every thing, must give
 * back the dataset as served after three releases that add, change and remove things.
 */
class LdesTest {

    static Path dir;
    static Store store;
    static AshyqServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("ashyq-ldes");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the stream's IRIs are the pages' addresses: the base is where the server answers
        base = "http://127.0.0.1:" + port + "/";
        store = Store.open(dir.resolve("store"));
        Publisher publisher = new Publisher(store, LoadOptions.strict(new BaseIri(base)));
        // release 1: 2,500 towns (two pages); release 2: 100 renamed, 200 gone, 50 new; release 3: one more renamed
        publisher.publish(YarrrmlReader.read(towns(0, 2_500, -1)), MappingEngine.Progress.NONE);
        publisher.publish(YarrrmlReader.read(towns(200, 2_550, 100)), MappingEngine.Progress.NONE);
        publisher.publish(YarrrmlReader.read(towns(200, 2_550, 101)), MappingEngine.Progress.NONE);
        server = AshyqServer.create(ServerConfig.builder(store.dir()).port(port).build(), store).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        store.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Towns {@code from} to {@code to} (exclusive), those below {@code renamedBelow} renamed. */
    private static Path towns(int from, int to, int renamedBelow) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i < to; i++) {
            csv.append(i).append(',').append(i < renamedBelow + from ? "жаңа қала " : "қала ").append(i).append(',')
                    .append(1000 + i).append('\n');
        }
        return Towns.write(dir, csv);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/turtle").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesAreLinkedInTimeAndFullOnesNeverChange() throws Exception {
        HttpResponse<String> stream = get(base + "ldes/towns");
        assertEquals(200, stream.statusCode());
        Graph g = parse(stream.body());
        Node view = g.find(NodeFactory.createURI(base + "ldes/towns"), NodeFactory.createURI("https://w3id.org/tree#view"),
                Node.ANY).next().getObject();
        assertEquals(base + "ldes/towns/1/1", view.getURI());
        HttpResponse<String> first = get(view.getURI());
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("immutable"), "a full page");
        long onFirst = members(parse(first.body()));
        long onSecond = members(parse(get(base + "ldes/towns/1/2").body()));
        assertTrue(onFirst > onSecond && onSecond > 0, onFirst + " and " + onSecond);
        assertEquals(2_500, onFirst + onSecond, "release 1: a version of every town, over two pages");
        assertEquals(350, members(parse(get(base + "ldes/towns/2/1").body())), "release 2: 100 renamed, 200 gone, 50 new");
        HttpResponse<String> newest = get(base + "ldes/towns/3/1");
        assertFalse(newest.headers().firstValue("Cache-Control").orElse("").contains("immutable"), "the newest page");
        assertEquals(1, members(parse(newest.body())), "release 3 changed one town");
        assertEquals(404, get(base + "ldes/towns/3/2").statusCode());
        assertEquals(404, get(base + "ldes/towns/9/1").statusCode());
        assertTrue(get(base + "catalog").body().contains(base + "ldes/towns"), "the catalogue names the stream");
        Graph all = parse(get(base + "ldes").body());
        assertTrue(all.contains(NodeFactory.createURI(base + "ldes"), RDF.Nodes.type,
                NodeFactory.createURI("https://w3id.org/ldes#EventStream")), "the stream of every dataset");
        assertTrue(all.find(Node.ANY, NodeFactory.createURI("https://w3id.org/tree#node"),
                NodeFactory.createURI(base + "ldes/towns/1/1")).hasNext(), "which links to each dataset's first page");
        assertTrue(parse(first.body()).contains(NodeFactory.createURI(base + "ldes"),
                NodeFactory.createURI("https://w3id.org/tree#member"), Node.ANY), "and whose members are on them");
    }

    @Test
    void aThirdPartyClientReplaysTheStreamIntoTheDatasetAsServed() throws Exception {
        Path client = ldesClient();
        Process p = new ProcessBuilder(client.toString(), base + "ldes/towns", "--materialize", "--last-version-only",
                "--ordered", "ascending").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the client finished");
        assertEquals(0, p.exitValue());
        Graph replayed = GraphFactory.createDefaultGraph();
        RDFParser.fromString(new String(out, StandardCharsets.UTF_8), Lang.TRIG).parse(
                new org.apache.jena.riot.system.StreamRDFBase() {
                    @Override
                    public void triple(Triple t) {
                        replayed.add(t);
                    }

                    @Override
                    public void quad(org.apache.jena.sparql.core.Quad q) {
                        replayed.add(q.asTriple());
                    }
                });
        // a thing whose last version is a deletion is gone; the version's date is not the thing's
        Node time = NodeFactory.createURI("http://www.w3.org/ns/prov#generatedAtTime");
        Node delete = NodeFactory.createURI("https://www.w3.org/ns/activitystreams#Delete");
        Set<Node> deleted = new HashSet<>();
        replayed.find(Node.ANY, RDF.Nodes.type, delete).forEach(t -> deleted.add(t.getSubject()));
        assertEquals(200, deleted.size(), "the towns release 2 removed");
        Set<Triple> got = new HashSet<>();
        replayed.find().forEach(t -> {
            if (!deleted.contains(t.getSubject()) && !t.getPredicate().equals(time)) {
                got.add(t);
            }
        });
        Set<Triple> served = new HashSet<>();
        store.read(d -> {
            d.find(NodeFactory.createURI(base + "graph/towns"), Node.ANY, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> served.add(q.asTriple()));
            return null;
        });
        assertEquals(2_350 * 3, served.size());
        assertEquals(served, got);
    }

    private static long members(Graph g) {
        return g.find(NodeFactory.createURI(base + "ldes/towns"), NodeFactory.createURI("https://w3id.org/tree#member"),
                Node.ANY).toList().size();
    }

    private static Graph parse(String turtle) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(turtle, Lang.TURTLE).parse(g);
        return g;
    }

    /**
     * The client, installed by {@code .ci/run} ({@code npm install --prefix target/tools ldes-client});
     * without it the test is skipped with a message, unless {@code ASHYQ_REQUIRE_LDES_CLIENT=1}.
     */
    private static Path ldesClient() {
        String env = System.getenv("ASHYQ_LDES_CLIENT");
        Path client = env != null && !env.isBlank() ? Path.of(env) : Path.of("target/tools/node_modules/.bin/ldes-client");
        boolean present = Files.isExecutable(client);
        if (!present && "1".equals(System.getenv("ASHYQ_REQUIRE_LDES_CLIENT"))) {
            throw new AssertionError("ldes-client is required (ASHYQ_REQUIRE_LDES_CLIENT=1) but missing at " + client);
        }
        Assumptions.assumeTrue(present, "LDES replay skipped: no ldes-client at " + client
                + " (npm install --prefix target/tools ldes-client@0.3.0)");
        return client.toAbsolutePath();
    }
}
