package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue, as served at /catalog, and the portal's catalogue as linked data (the dataset
 * {@code portal-catalogue}: every dataset data.egov.kz lists), validate against the official
 * DCAT-AP 3.0.0 SHACL shapes.
 */
class DcatApTest {

    @Test
    void theCatalogueHasNoViolationsOfDcatAp3(@TempDir Path dir) throws Exception {
        Path storeDir = dir.resolve("store");
        String[] args;
        try (Stream<Path> s = java.nio.file.Files.list(Path.of("mappings"))) {
            args = Stream.concat(Stream.of("load", "--store", storeDir.toString(), "--base", "https://data.example.kz/"),
                    s.filter(p -> p.toString().endsWith(".yml")).sorted().map(Path::toString)).toArray(String[]::new);
        }
        assertEquals(0, FailedReloadTest.cli(args).code());
        Graph catalog = GraphFactory.createDefaultGraph();
        Graph portal = GraphFactory.createDefaultGraph();
        try (Store store = Store.open(storeDir)) {
            store.read(d -> {
                d.getGraph(org.apache.jena.graph.NodeFactory.createURI("https://data.example.kz/graph/portal-catalogue"))
                        .find().forEachRemaining(portal::add);
                return null;
            });
            AshyqServer server = AshyqServer.create(ServerConfig.builder(storeDir).port(0).build(), store).start();
            try {
                HttpResponse<String> r = new Http(server.port()).get("/catalog", "Accept", "text/turtle");
                assertEquals(200, r.statusCode());
                RDFParser.fromString(r.body(), Lang.TURTLE).parse(catalog);
            } finally {
                server.stop();
            }
        }
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("src/main/resources/shapes/dcat-ap-3.0.0-SHACL.ttl"));
        assertEquals(0, violations(shapes, catalog), "violations of DCAT-AP 3.0.0 in /catalog");
        assertEquals(0, violations(shapes, portal), "violations of DCAT-AP 3.0.0 in the portal's catalogue");
        PortalCatalogueTest.check(portal, catalog);
    }

    private static int violations(Shapes shapes, Graph catalog) {
        ValidationReport report = ShaclValidator.get().validate(shapes, catalog);
        List<ReportEntry> violations = report.getEntries().stream()
                .filter(e -> e.severity() == Severity.Violation).toList();
        List<ReportEntry> others = report.getEntries().stream()
                .filter(e -> e.severity() != Severity.Violation).toList();
        System.out.printf("DCAT-AP 3.0.0: %d violations, %d warnings and notes%n", violations.size(), others.size());
        others.forEach(e -> System.out.println("  " + e.severity().level().getLocalName() + ": " + e.focusNode() + " "
                + e.resultPath() + ": " + e.message()));
        violations.stream().limit(20).forEach(e -> System.out.println("  VIOLATION: " + e.focusNode() + " "
                + e.resultPath() + ": " + e.message()));
        return violations.size();
    }
}
