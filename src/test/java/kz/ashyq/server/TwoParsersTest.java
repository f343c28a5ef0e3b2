package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of RDF answer the server gives, in every format it offers, read by two independent
 * parsers, Jena's RIOT and RDF4J's Rio: both must accept it and read the same graph (Rio's
 * reading is written out and compared with Jena's as isomorphic graphs). What we serve must work
 * for clients of either toolkit.
 */
class TwoParsersTest {

    static AshyqServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void serve() {
        BundledStore b = BundledStore.get();
        server = BundledStore.get().server();
    }


    static Stream<Arguments> answers() {
        java.util.Map<String, String> rate = BundledData.rows("kato-2025/rates.csv").get(0);
        List<String> documents = List.of("/id/kato/710000000", "/id/kato/101000000",
                "/id/tax-rate/" + rate.get("kato") + "-" + rate.get("valid_from"),
                "/id/forensic-centre/1", "/id/population/710000000-2024", "/id/dataset/kato", "/catalog", "/vocab",
                "/sparql", "/.well-known/void");
        Stream<Arguments> negotiated = documents.stream().flatMap(path -> Stream.of(
                Arguments.of(path, "text/turtle", Lang.TURTLE, RDFFormat.TURTLE),
                Arguments.of(path, "application/n-triples", Lang.NTRIPLES, RDFFormat.NTRIPLES),
                Arguments.of(path, "application/ld+json", Lang.JSONLD, RDFFormat.JSONLD),
                Arguments.of(path, "application/rdf+xml", Lang.RDFXML, RDFFormat.RDFXML)));
        Stream<Arguments> dumps = Stream.of("forensic-centres", "population", "tax-rates").flatMap(id -> Stream.of(
                Arguments.of("/dump/" + id + ".ttl", "*/*", Lang.TURTLE, RDFFormat.TURTLE),
                Arguments.of("/dump/" + id + ".nt", "*/*", Lang.NTRIPLES, RDFFormat.NTRIPLES),
                Arguments.of("/dump/" + id + ".nt.gz", "*/*", Lang.NTRIPLES, RDFFormat.NTRIPLES),
                Arguments.of("/dump/" + id + ".jsonld", "*/*", Lang.JSONLD, RDFFormat.JSONLD)));
        return Stream.concat(negotiated, dumps);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("answers")
    void jenaAndRioReadTheSameGraph(String path, String accept, Lang jenaLang, RDFFormat rioFormat) throws Exception {
        String base = "http://localhost:" + server.port();
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        byte[] body = path.endsWith(".gz") ? gunzip(r.body()) : r.body();

        Graph jena = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(body)).lang(jenaLang).base(base + path).parse(jena);
        Model rio = Rio.parse(new ByteArrayInputStream(body), base + path, rioFormat);

        assertTrue(jena.size() > 0, path + " is not empty");
        assertEquals(jena.size(), rio.size(), "Jena and Rio count the same triples in " + path + " as " + accept);
        ByteArrayOutputStream nt = new ByteArrayOutputStream();
        Rio.write(rio, nt, RDFFormat.NTRIPLES);
        Graph viaRio = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(nt.toByteArray())).lang(Lang.NTRIPLES).parse(viaRio);
        assertTrue(jena.isIsomorphicWith(viaRio), "Jena and Rio read the same graph from " + path + " as " + accept);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
