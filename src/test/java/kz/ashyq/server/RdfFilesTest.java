package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RDF files published as they are, beside mappings ({@code ashyq load data.nt.gz}), and
 * GeoSPARQL's RDFS entailments materialised in every release.
 */
class RdfFilesTest {

    private static final String GEO = "http://www.opengis.net/ont/geosparql#";
    private static final String SF = "http://www.opengis.net/ont/sf#";

    private static final String PLACES = """
            @prefix ex: <http://example.org/> .
            @prefix geo: <http://www.opengis.net/ont/geosparql#> .
            @prefix sf: <http://www.opengis.net/ont/sf#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix schema: <https://schema.org/> .
            ex:site rdfs:subPropertyOf geo:hasGeometry .
            ex:Park rdfs:subClassOf schema:Place .
            ex:park ex:site ex:parkShape ; a ex:Park ; rdfs:label "Саябақ"@kk .
            ex:parkShape a sf:Polygon ;
                geo:asWKT "POLYGON((76.9 43.2, 77.0 43.2, 77.0 43.3, 76.9 43.3, 76.9 43.2))"^^geo:wktLiteral .
            """;

    @Test
    void anRdfFileIsADatasetOfItsOwnWithGeoSparqlEntailments(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("parks.ttl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(PLACES.getBytes(StandardCharsets.UTF_8));
        }
        Path storeDir = tmp.resolve("store");
        FailedReloadTest.Run r = FailedReloadTest.cli("load", "--store", storeDir.toString(), file.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("parks") && r.out().contains("release 1"), r.out());
        try (Store store = Store.open(storeDir)) {
            Node graph = NodeFactory.createURI("http://localhost:8080/graph/parks");
            Set<String> parkTypes = types(store, graph, "http://example.org/park");
            // ex:site is a sub-property of geo:hasGeometry, whose domain is geo:Feature
            assertEquals(Set.of("http://example.org/Park", GEO + "Feature", GEO + "SpatialObject"), parkTypes,
                    "entailed GeoSPARQL classes only: schema:Place is not GeoSPARQL's");
            assertEquals(Set.of(SF + "Polygon", SF + "Surface", SF + "Geometry", GEO + "Geometry", GEO + "SpatialObject"),
                    types(store, graph, "http://example.org/parkShape"));
            assertTrue((boolean) store.<Boolean>read(d -> d.contains(graph, NodeFactory.createURI("http://example.org/park"),
                    NodeFactory.createURI(GEO + "hasGeometry"), NodeFactory.createURI("http://example.org/parkShape"))));
        }
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLineAndPublishesNothing(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("broken.nt");
        Files.writeString(file, "<http://example.org/a> <http://example.org/p> \"one\" .\n"
                + "<http://example.org/b> <http://example.org/p> \"two\" \"three\" .\n");
        Path storeDir = tmp.resolve("store");
        FailedReloadTest.Run r = FailedReloadTest.cli("load", "--store", storeDir.toString(), file.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        String said = r.out() + r.err();
        assertTrue(said.contains("broken.nt") && said.contains("line 2"), said);
        try (Store store = Store.open(storeDir)) {
            assertFalse((boolean) store.<Boolean>read(d -> d.containsGraph(NodeFactory.createURI("http://localhost:8080/graph/broken"))));
        }
    }

    private static Set<String> types(Store store, Node graph, String iri) {
        return store.read(d -> d.stream(graph, NodeFactory.createURI(iri), RDF.Nodes.type, Node.ANY)
                .map(q -> q.getObject().getURI()).collect(Collectors.toSet()));
    }

    @Test
    void aGeometryThatCannotBeReadIsLeftOutOfTheSpatialIndexNotTheServer(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sites.ttl");
        Files.writeString(file, """
                @prefix geo: <http://www.opengis.net/ont/geosparql#> .
                <http://example.org/bad> geo:hasDefaultGeometry <http://example.org/bad/g> .
                <http://example.org/bad/g> geo:asWKT "POINT(abc def)"^^geo:wktLiteral .
                <http://example.org/good> geo:hasDefaultGeometry <http://example.org/good/g> .
                <http://example.org/good/g> geo:asWKT "POINT(71 51)"^^geo:wktLiteral .
                """);
        Path storeDir = tmp.resolve("store");
        assertEquals(0, FailedReloadTest.cli("load", "--store", storeDir.toString(), file.toString()).code());
        try (Store store = Store.open(storeDir)) {
            AshyqServer server = AshyqServer.create(kz.ashyq.config.ServerConfig.builder(store.dir())
                    .port(0).build(), store).start();
            try {
                Http http = new Http(server.port());
                var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        http.get("/health", "Accept", "application/json").body());
                assertEquals(1, health.get("spatialIndexGeometries").asInt(), health.toString());
                Set<String> within = http.select("PREFIX geo: <http://www.opengis.net/ont/geosparql#> SELECT ?f { ?f "
                        + "geo:sfWithin \"POLYGON((70 50, 72 50, 72 52, 70 52, 70 50))\"^^geo:wktLiteral }").stream()
                        .map(r -> r.getResource("f").getURI()).collect(Collectors.toSet());
                assertTrue(within.contains("http://example.org/good"), within.toString());
            } finally {
                server.stop();
            }
        }
    }
}
