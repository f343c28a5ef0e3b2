package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.ashyq.config.ServerConfig;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/**
 * A data.egov.kz export's own metadata (its {@code meta} cell) feeds the catalogue: titles and
 * descriptions in three languages, keywords, the agency with its e-mail and phone, and the
 * columns with their labels and types; its {@code data} cell gives the records.
 */
class PortalMetaTest {

    private static final String BASE = BundledStore.BASE;
    private static final String DCT = "http://purl.org/dc/terms/";
    private static final String CSVW = "http://www.w3.org/ns/csvw#";

    /** A value of the raw export, found with a pattern rather than by our parser. */
    private static String raw(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertTrue(m.find(), pattern);
        return m.group(1);
    }

    @Test
    void theCatalogueSaysWhatThePortalSays() throws Exception {
        String csv = Files.readString(Path.of("data/egov/medical-waste.csv"), StandardCharsets.UTF_8);
        BundledStore bundled = BundledStore.get();
        AshyqServer server = AshyqServer.create(ServerConfig.builder(bundled.store.dir())
                .port(0).build(), bundled.store)
                .start();
        try {
            Http http = new Http(server.port());
            HttpResponse<String> r = http.get("/catalog", "Accept", "application/n-triples");
            assertEquals(200, r.statusCode());
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), Lang.NTRIPLES).parse(g);
            Node ds = iri(BASE + "id/dataset/medical-waste");
            for (String[] l : new String[][] {{"Kk", "kk"}, {"Ru", "ru"}, {"En", "en"}}) {
                assertTrue(g.contains(ds, iri(DCT + "title"),
                        NodeFactory.createLiteralLang(raw(csv, "'name" + l[0] + "': '([^']+)'"), l[1])), l[1]);
                assertTrue(g.contains(ds, iri(DCT + "description"),
                        NodeFactory.createLiteralLang(raw(csv, "'description" + l[0] + "': '([^']+)'"), l[1])), l[1]);
            }
            assertTrue(g.contains(ds, iri("http://www.w3.org/ns/dcat#keyword"),
                    NodeFactory.createLiteralLang(raw(csv, "'keywords': \\['([^']+)'"), "ru")));
            String agency = raw(csv, "'fullnameRu': '([^']+)'");
            assertTrue(g.find(Node.ANY, iri("http://xmlns.com/foaf/0.1/name"), NodeFactory.createLiteralLang(agency, "ru"))
                    .hasNext(), "the responsible agency is the publisher");
            assertTrue(g.find(Node.ANY, iri("http://www.w3.org/2006/vcard/ns#hasEmail"),
                    iri("mailto:" + raw(csv, "'email': '([^']+)'"))).hasNext(), "its e-mail is the contact point's");
            String label = raw(csv, "'volume_a': \\{[^}]*'labelEn': '([^']+)'");
            Node column = g.find(Node.ANY, iri(CSVW + "name"), NodeFactory.createLiteralString("volume_a")).next().getSubject();
            assertTrue(g.contains(column, iri(CSVW + "title"), NodeFactory.createLiteralLang(label, "en")));
            assertTrue(g.contains(column, iri(CSVW + "datatype"), NodeFactory.createLiteralString("double")));
            long records = Pattern.compile("'region_ru': '").matcher(csv).results().count();
            assertEquals(records, http.count("SELECT (COUNT(DISTINCT ?r) AS ?n) { GRAPH <" + BASE + "graph/medical-waste> { "
                    + "?r <https://w3id.org/ashyq/vocab#region> ?unit } ?unit <http://www.w3.org/2004/02/skos/core#notation> ?c }"),
                    "every record of the data cell, linked to its oblast");
        } finally {
            server.stop();
        }
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
