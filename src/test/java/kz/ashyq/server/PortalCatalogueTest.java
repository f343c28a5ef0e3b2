package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * What {@code mappings/portal-catalogue.yml} makes of the portal's list, against the list read by
 * Commons CSV: one dcat:Dataset per dataset the list names (by its portal page), published by the
 * kind of agency whose file lists it, with the portal page as landing page and the API, without a
 * key, as a distribution; and the datasets Ashyq publishes from the portal linked both ways with
 * their records. Run from {@link DcatApTest}, which loads every mapping.
 */
final class PortalCatalogueTest {

    private static final String BASE = "https://data.example.kz/";
    private static final String DCAT = "http://www.w3.org/ns/dcat#";
    private static final String DCT = "http://purl.org/dc/terms/";

    private PortalCatalogueTest() {}

    static void check(Graph portal, Graph catalog) throws IOException {
        Map<String, String> kindOf = new HashMap<>();
        Map<String, String> apiOf = new HashMap<>();
        for (String kind : new String[] {"central-government", "local-executive", "quasi-public"}) {
            try (Reader r = Files.newBufferedReader(Path.of("data/egov-catalog", kind + ".csv"), StandardCharsets.UTF_8)) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    String page = row.get(3);
                    String index = page.substring(page.indexOf("index=") + "index=".length());
                    kindOf.put(index, kind);
                    if (!row.get(1).isEmpty()) {
                        apiOf.put(index, row.get(1).replaceAll("\\?.*$", ""));
                    }
                }
            }
        }
        Set<String> datasets = new TreeSet<>();
        portal.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(DCAT + "Dataset"))
                .forEachRemaining(t -> datasets.add(t.getSubject().getURI().substring((BASE + "id/portal-dataset/").length())));
        assertEquals(new TreeSet<>(kindOf.keySet()), datasets, "one dataset for each the portal's list names");
        assertEquals(2_556, datasets.size());
        assertEquals(2_552, apiOf.size(), "four services of the list have no API link");
        for (String index : datasets) {
            Node ds = NodeFactory.createURI(BASE + "id/portal-dataset/" + index);
            assertEquals(Set.of(BASE + "id/agency/" + Map.of("central-government", "central-government-organisations",
                    "local-executive", "local-executive-bodies", "quasi-public", "quasi-public-organisations")
                    .get(kindOf.get(index))), objects(portal, ds, DCT + "publisher"), index);
            assertEquals(Set.of("https://data.egov.kz/datasets/view?index=" + index), objects(portal, ds, DCAT + "landingPage"));
            Node api = NodeFactory.createURI(BASE + "id/portal-dataset/" + index + "/api");
            assertEquals(apiOf.containsKey(index) ? Set.of(apiOf.get(index)) : Set.of(),
                    objects(portal, api, DCAT + "accessURL"), index);
        }
        portal.find().forEachRemaining(t -> assertFalse(t.toString().contains("apiKey"), "no API key: " + t));
        // the forensic centres come from the portal's zhurgizilgen_sot_sot-medicina (mappings/forensic-centres.yml)
        Node record = NodeFactory.createURI(BASE + "id/portal-dataset/zhurgizilgen_sot_sot-medicina");
        assertTrue(catalog.contains(record, NodeFactory.createURI(DCT + "relation"),
                NodeFactory.createURI(BASE + "id/dataset/forensic-centres")), "the record links to the published dataset");
        assertTrue(catalog.contains(NodeFactory.createURI(BASE + "id/dataset/forensic-centres"),
                NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom"), record));
    }

    private static Set<String> objects(Graph g, Node s, String p) {
        Set<String> out = new TreeSet<>();
        g.find(s, NodeFactory.createURI(p), Node.ANY).forEachRemaining(t -> out.add(t.getObject().isURI()
                ? t.getObject().getURI() : t.getObject().getLiteralLexicalForm()));
        return out;
    }
}
