package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.sparql.resultset.SPARQLResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The W3C SPARQL 1.1 test suites for the protocol, the Graph Store Protocol and the JSON, CSV and
 * TSV result formats, run over HTTP against the real server: queries against the public
 * {@code /sparql}, updates and the Graph Store Protocol against {@code /admin} with the token.
 * Prints the count and names every skipped case with its reason.
 */
class SparqlConformanceTest {

    private static final Path SUITE = Path.of("src/test/resources/conformance/sparql11");
    private static final String MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    private static final String HT = "http://www.w3.org/2011/http#";
    private static final String CNT = "http://www.w3.org/2011/content#";
    private static final String UT = "http://www.w3.org/2009/sparql/tests/test-update#";
    private static final String QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
    private static final String TOKEN = "conformance-token-of-some-length";
    private static final Map<String, Integer> STATUS = Map.of("OK", 200, "Created", 201, "NoContent", 204,
            "NotFound", 404, "BadRequest", 400);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String root;

    @Test
    void w3cProtocolGraphStoreAndResultFormatSuitesPass() throws Exception {
        Path storeDir = dir.resolve("store");
        try (Store store = Store.open(storeDir)) {
            EndpointLimits limits = EndpointLimits.builder().requestsPerMinute(100_000).queueWaitSeconds(0).build();
            AshyqServer server = AshyqServer.create(ServerConfig.builder(storeDir)
                    .port(0).limits(limits).adminToken(TOKEN).build(), store).start();
            root = "http://localhost:" + server.port();
            List<String> failures = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            int run = 0;
            try {
                for (String manifest : List.of("protocol/manifest.ttl", "graph-store-protocol/manifest-indirect.ttl",
                        "graph-store-protocol/manifest-direct.ttl", "json-res/manifest.ttl", "csv-tsv-res/manifest.ttl")) {
                    Model m = RDFDataMgr.loadModel(SUITE.resolve(manifest).toUri().toString());
                    for (Resource test : entries(m)) {
                        String name = test.getURI().substring(test.getURI().indexOf('#') + 1);
                        String requires = requirement(m, test);
                        if (requires != null) {
                            skipped.add(manifest.substring(0, manifest.indexOf('/')) + "/" + name + ": " + requires);
                            continue;
                        }
                        run++;
                        try {
                            reset();
                            if (test.hasProperty(m.createProperty(MF + "action"))
                                    && test.getPropertyResourceValue(m.createProperty(MF + "action")).hasProperty(
                                            m.createProperty(HT + "requests"))) {
                                exchange(m, test, name);
                            } else {
                                evaluate(m, test, manifest);
                            }
                        } catch (AssertionError | RuntimeException e) {
                            failures.add(name + ": " + e.getMessage());
                        }
                    }
                }
            } finally {
                server.stop();
            }
            System.out.printf("SPARQL 1.1 conformance (protocol, graph store protocol, result formats): %d cases run, "
                    + "%d passed, %d skipped%n", run, run - failures.size(), skipped.size());
            skipped.forEach(s -> System.out.println("  skipped " + s));
            failures.forEach(f -> System.out.println("  FAILED " + f));
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertTrue(run >= 40, "the suites ran");
        }
    }

    /** Why a test that needs an optional feature is not run, or null. */
    private static String requirement(Model m, Resource test) {
        for (Statement s : test.listProperties(m.createProperty(MF + "requires")).toList()) {
            switch (s.getResource().getLocalName()) {
                case "DirectGraphIdentification":
                    return "needs direct graph identification (the graph IRI as the request URL); Ashyq's Graph Store "
                            + "Protocol at /admin/data names graphs indirectly (?graph=), as Fuseki does";
                case "POSTGraphCreation":
                    return "needs graph creation by POST to the graph store itself (optional in the protocol)";
                default:
                    break;
            }
        }
        return null;
    }

    private static List<Resource> entries(Model m) {
        List<Resource> out = new ArrayList<>();
        m.listSubjectsWithProperty(m.createProperty(MF + "entries")).forEach(man -> {
            RDFList list = man.getPropertyResourceValue(m.createProperty(MF + "entries")).as(RDFList.class);
            list.iterator().forEach(n -> out.add(n.asResource()));
        });
        return out;
    }

    /** Empties the store through the Graph Store Protocol's own update path. */
    private void reset() throws Exception {
        HttpResponse<String> r = send("POST", "/admin/update", Map.of("Content-Type", "application/sparql-update"),
                "DROP ALL".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, r.statusCode() / 100, "reset: " + r.body());
    }

    // --- protocol and graph store protocol: a sequence of HTTP exchanges -------------------------

    private void exchange(Model m, Resource test, String name) throws Exception {
        for (Statement s : test.listProperties(m.createProperty(UT + "graphData")).toList()) {
            Resource gd = s.getResource();
            String file = gd.getPropertyResourceValue(m.createProperty(UT + "graph")).getURI();
            String label = gd.getProperty(m.createProperty("http://www.w3.org/2000/01/rdf-schema#label")).getString();
            HttpResponse<String> r = send("PUT", "/admin/data?graph=" + URLEncoder.encode(label, StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/n-triples"), Files.readAllBytes(Path.of(URI.create(file))));
            assertTrue(r.statusCode() < 300, "loading " + label + ": " + r.statusCode());
        }
        Resource action = test.getPropertyResourceValue(m.createProperty(MF + "action"));
        RDFList requests = action.getPropertyResourceValue(m.createProperty(HT + "requests")).as(RDFList.class);
        Map<String, String> vars = new HashMap<>();
        int i = 0;
        for (RDFNode n : requests.iterator().toList()) {
            i++;
            Resource req = n.asResource();
            String method = req.getProperty(m.createProperty(HT + "methodName")).getString();
            String path = substitute(req.getProperty(m.createProperty(HT + "absolutePath")).getString(), vars);
            Map<String, String> headers = headers(m, req);
            byte[] body = body(m, req, vars);
            String type = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            String text = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
            // an update test also queries what it changed: route each request by what it carries
            boolean update = type.contains("sparql-update") || text.startsWith("update=") || path.contains("update=")
                    || (name.contains("update") && !type.contains("sparql-query") && !text.startsWith("query=")
                            && !path.contains("query="));
            path = path.startsWith("/gsp") ? "/admin/data" + path.substring(4)
                    : (update ? "/admin/update" : "/sparql") + path.substring("/sparql/".length() - 1).replaceFirst("^/", "");
            HttpResponse<String> r = send(method, path, headers, body);
            check(m, req.getPropertyResourceValue(m.createProperty(HT + "resp")), r, "request " + i + " " + method + " " + path,
                    vars);
        }
    }

    private void check(Model m, Resource resp, HttpResponse<String> r, String what, Map<String, String> vars) {
        List<Resource> statuses = resp.listProperties(m.createProperty(MF + "expectedStatus")).mapWith(Statement::getResource)
                .toList();
        boolean statusOk = statuses.isEmpty() || statuses.stream().anyMatch(s -> {
            String local = s.getLocalName();
            if (local.startsWith("StatusCode")) {
                return r.statusCode() / 100 == local.charAt("StatusCode".length()) - '0';
            }
            return STATUS.containsKey(local) && STATUS.get(local) == r.statusCode();
        });
        assertTrue(statusOk, what + ": status " + r.statusCode() + ", expected one of "
                + statuses.stream().map(Resource::getLocalName).toList() + ": " + abbreviate(r.body()));
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        Statement bool = resp.getProperty(m.createProperty(MF + "expectedBoolean"));
        Statement format = resp.getProperty(m.createProperty(MF + "expectedFormat"));
        if (format != null) {
            String f = format.getString();
            if (f.equals("RDF")) {
                Lang lang = RDFLanguages.contentTypeToLang(type);
                assertTrue(lang != null, what + ": RDF expected, got " + type);
                RDFParser.fromString(r.body(), lang).parse(GraphFactory.createDefaultGraph());
            } else {
                SPARQLResult res = readAny(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)),
                        lang(type, what));
                assertEquals(f.equals("boolean"), res.isBoolean(), what + ": " + f + " result expected");
                if (bool != null) {
                    assertEquals(bool.getBoolean(), res.getBooleanResult(), what);
                }
            }
        }
        Statement location = resp.getProperty(m.createProperty(MF + "expectedLocation"));
        if (location != null) {
            vars.put(location.getString(), r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                    what + ": no Location")));
        }
        Statement expectedBody = resp.getProperty(m.createProperty(HT + "body"));
        if (expectedBody != null) {
            Lang lang = RDFLanguages.contentTypeToLang(type);
            assertTrue(lang != null, what + ": RDF expected, got " + type);
            Graph expected = GraphFactory.createDefaultGraph();
            RDFParser.fromString(expectedBody.getResource().getProperty(m.createProperty(CNT + "chars")).getString(),
                    Lang.TURTLE).parse(expected);
            Graph actual = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), lang).parse(actual);
            assertTrue(expected.isIsomorphicWith(actual), what + ": body not isomorphic:\n" + r.body());
        }
    }

    private static Map<String, String> headers(Model m, Resource req) {
        Map<String, String> out = new LinkedHashMap<>();
        Resource list = req.getPropertyResourceValue(m.createProperty(HT + "headers"));
        if (list != null) {
            list.as(RDFList.class).iterator().forEach(h -> out.put(
                    h.asResource().getProperty(m.createProperty(HT + "fieldName")).getString(),
                    h.asResource().getProperty(m.createProperty(HT + "fieldValue")).getString()));
        }
        return out;
    }

    private static byte[] body(Model m, Resource req, Map<String, String> vars) {
        Resource b = req.getPropertyResourceValue(m.createProperty(HT + "body"));
        if (b == null) {
            return null;
        }
        Statement enc = b.getProperty(m.createProperty(CNT + "characterEncoding"));
        Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc.getString());
        return substitute(b.getProperty(m.createProperty(CNT + "chars")).getString(), vars).getBytes(cs);
    }

    private static String substitute(String s, Map<String, String> vars) {
        for (Map.Entry<String, String> v : vars.entrySet()) {
            s = s.replace(v.getKey(), v.getValue());
        }
        return s;
    }

    // --- result formats: a query over data, compared with the expected results -----------------

    private void evaluate(Model m, Resource test, String manifest) throws Exception {
        Resource action = test.getPropertyResourceValue(m.createProperty(MF + "action"));
        Path query = Path.of(URI.create(action.getPropertyResourceValue(m.createProperty(QT + "query")).getURI()));
        Path data = Path.of(URI.create(action.getPropertyResourceValue(m.createProperty(QT + "data")).getURI()));
        Path result = Path.of(URI.create(test.getPropertyResourceValue(m.createProperty(MF + "result")).getURI()));
        HttpResponse<String> load = send("PUT", "/admin/data?graph=" + URLEncoder.encode("http://example/data", StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/turtle"), Files.readAllBytes(data));
        assertTrue(load.statusCode() < 300, "loading data: " + load.statusCode());
        String file = result.getFileName().toString();
        String accept = file.endsWith(".srj") ? "application/sparql-results+json"
                : file.endsWith(".tsv") ? "text/tab-separated-values" : "text/csv";
        HttpResponse<String> r = send("POST", "/sparql", Map.of("Content-Type", "application/sparql-query", "Accept", accept),
                Files.readAllBytes(query));
        assertEquals(200, r.statusCode(), r.body());
        String expected = Files.readString(result, StandardCharsets.UTF_8);
        if (file.endsWith(".csv")) {
            assertEquals(csvRows(expected), csvRows(r.body()), "CSV results");
            return;
        }
        Lang lang = file.endsWith(".srj") ? ResultSetLang.RS_JSON : ResultSetLang.RS_TSV;
        SPARQLResult want = readAny(new ByteArrayInputStream(expected.getBytes(StandardCharsets.UTF_8)), lang);
        SPARQLResult got = readAny(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), lang);
        if (want.isBoolean()) {
            assertEquals(want.getBooleanResult(), got.getBooleanResult());
            return;
        }
        ResultSetRewindable a = ResultSetFactory.makeRewindable(want.getResultSet());
        ResultSetRewindable b = ResultSetFactory.makeRewindable(got.getResultSet());
        // by value: TDB2 keeps numbers by value, so "5"^^xsd:decimal comes back as 5.0
        assertTrue(ResultSetCompare.equalsByValue(a, b), "results differ:\n" + r.body());
    }

    /**
     * CSV rows as a sorted list, blank node labels blanked and numbers written by value (TDB2
     * keeps numbers by value: 1.0E6 comes back as 1000000.0e0).
     */
    private static List<String> csvRows(String csv) {
        List<String> rows = new ArrayList<>(csv.lines().map(l -> java.util.Arrays.stream(l.split(",", -1))
                .map(f -> f.startsWith("_:") ? "_:" : number(f)).reduce((x, y) -> x + "," + y).orElse("")).toList());
        String header = rows.remove(0);
        rows.sort(null);
        rows.add(0, header);
        return rows;
    }

    private static String number(String field) {
        try {
            return field.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?") ? new java.math.BigDecimal(field).stripTrailingZeros()
                    .toPlainString() : field;
        } catch (NumberFormatException e) {
            return field;
        }
    }

    private static SPARQLResult readAny(java.io.InputStream in, Lang lang) {
        return org.apache.jena.sparql.resultset.ResultsReader.create().forceLang(lang).build().readAny(in);
    }

    private static Lang lang(String type, String what) {
        Lang l = RDFLanguages.contentTypeToLang(type);
        if (l == null) {
            throw new AssertionError(what + ": not a SPARQL results type: " + type);
        }
        return l;
    }

    // --- HTTP ----------------------------------------------------------------------------------

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase())) {
                b.header(k, v);
            }
        });
        if (path.startsWith("/admin")) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
