package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
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
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Updates need the admin token and a separate path; the endpoint describes itself. */
class AdminAndDescriptionTest {

    private static final String TOKEN = "a-long-enough-admin-token";
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void updatesNeedTheTokenAndTheAdminPath(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("src/test/resources/fixtures/units.yml")), MappingEngine.Progress.NONE);
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir())
                    .port(0).adminToken(TOKEN).build(), store).start();
            String root = "http://localhost:" + server.port();
            Http http = new Http(server.port());
            try {
                String update = "INSERT DATA { GRAPH <http://data.example.kz/graph/notes> { "
                        + "<http://data.example.kz/id/unit/1> <http://example.org/note> \"checked\" } }";
                HttpRequest.Builder publicUpdate = HttpRequest.newBuilder(URI.create(root + "/sparql"))
                        .header("Content-Type", "application/sparql-update").POST(HttpRequest.BodyPublishers.ofString(update));
                int publicStatus = send(publicUpdate).statusCode();
                assertTrue(publicStatus == 400 || publicStatus == 403 || publicStatus == 405 || publicStatus == 415,
                        "the public path refuses updates: " + publicStatus);
                HttpRequest.Builder adminUpdate = HttpRequest.newBuilder(URI.create(root + "/admin/update"))
                        .header("Content-Type", "application/sparql-update").POST(HttpRequest.BodyPublishers.ofString(update));
                HttpResponse<String> refused = send(adminUpdate);
                assertEquals(401, refused.statusCode(), "no token");
                // its body unread, the connection closes, and says so: no request is sent on it again
                assertEquals(Optional.of("close"), refused.headers().firstValue("Connection"));
                assertEquals(401, send(adminUpdate.copy().header("Authorization", "Bearer wrong-token-of-some-length"))
                        .statusCode());
                assertEquals(0, http.count("SELECT (COUNT(*) AS ?n) { ?s <http://example.org/note> ?o }"));

                String etag = http.get("/doc/unit/1", "Accept", "text/turtle").headers().firstValue("ETag").orElseThrow();
                int ok = send(adminUpdate.copy().header("Authorization", "Bearer " + TOKEN)).statusCode();
                assertTrue(ok < 300, "the token opens updates: " + ok);
                assertEquals(1, http.count("SELECT (COUNT(*) AS ?n) { ?s <http://example.org/note> ?o }"));
                HttpResponse<String> after = http.get("/doc/unit/1", "Accept", "text/turtle", "If-None-Match", etag);
                assertEquals(200, after.statusCode(), "caches see the change");
                assertTrue(after.body().contains("checked"));

                HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(root + "/admin/data?graph="
                        + java.net.URLEncoder.encode("http://data.example.kz/graph/notes", java.nio.charset.StandardCharsets.UTF_8)))
                        .header("Content-Type", "text/turtle").header("Authorization", "Bearer " + TOKEN)
                        .PUT(HttpRequest.BodyPublishers.ofString("<http://data.example.kz/id/unit/2> <http://example.org/note> \"new\" ."));
                assertTrue(send(put).statusCode() < 300, "the Graph Store Protocol replaces a graph");
                assertEquals(1, http.count("SELECT (COUNT(*) AS ?n) { ?s <http://example.org/note> ?o }"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void withoutATokenThereIsNoAdminPathAndTheEndpointDescribesItself(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store")); Listener listener = new Listener()) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(Path.of("src/test/resources/fixtures/units.yml")), MappingEngine.Progress.NONE);
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir()).port(0).build(), store).start();
            Http http = new Http(server.port());
            try {
                assertEquals(404, http.get("/admin/update").statusCode());
                HttpResponse<String> sd = http.get("/sparql", "Accept", "text/turtle");
                assertEquals(200, sd.statusCode());
                Graph g = GraphFactory.createDefaultGraph();
                RDFParser.fromString(sd.body(), Lang.TURTLE).parse(g);
                String sdNs = "http://www.w3.org/ns/sparql-service-description#";
                Node service = NodeFactory.createURI("http://data.example.kz/sparql");
                assertTrue(g.contains(service, NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        NodeFactory.createURI(sdNs + "Service")));
                assertTrue(g.contains(service, NodeFactory.createURI(sdNs + "feature"), NodeFactory.createURI(sdNs + "UnionDefaultGraph")));
                assertTrue(g.contains(Node.ANY, NodeFactory.createURI(sdNs + "name"),
                        NodeFactory.createURI("http://data.example.kz/graph/units")));
                HttpResponse<String> page = http.get("/sparql", "Accept", "text/html");
                assertTrue(page.body().contains("<textarea name=\"query\""), "a query box for people");

                // FROM a remote graph makes no request either: graphs come from the store only
                String q = "SELECT * FROM <http://127.0.0.1:" + listener.port() + "/g> { ?s ?p ?o }";
                HttpResponse<String> from = http.get("/sparql?query=" + java.net.URLEncoder.encode(q,
                        java.nio.charset.StandardCharsets.UTF_8), "Accept", "application/sparql-results+json");
                assertNotEquals(500, from.statusCode());
                assertFalse(listener.called(), "no request to " + q);
            } finally {
                server.stop();
            }
        }
    }
}
