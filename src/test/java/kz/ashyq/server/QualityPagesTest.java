package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.quality.Mqa;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.query.QuerySolution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality the bundled releases recorded, as people and programs see it: the dataset page's
 * panel, {@code /quality}, {@code /api/quality} and the DQV in the catalogue, each checked against
 * the measurements in the store.
 */
class QualityPagesTest {

    private static final String BASE = BundledStore.BASE;
    private static final String PREFIXES = "PREFIX dqv: <http://www.w3.org/ns/dqv#> PREFIX ashyq: <https://w3id.org/ashyq/vocab#> ";
    private static AshyqServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        BundledStore b = BundledStore.get();
        server = BundledStore.get().server();
        http = new Http(server.port());
    }


    /** The latest release's dataset-wide measurements of a dataset, from the endpoint. */
    private static Map<String, Double> latest(String id) {
        Map<String, Double> out = new HashMap<>();
        for (QuerySolution s : http.select(PREFIXES + "SELECT ?metric ?v { GRAPH ?g { <" + BASE + "id/dataset/" + id
                + "> dqv:hasQualityMeasurement ?m . ?m dqv:isMeasurementOf ?metric ; dqv:value ?v ; ashyq:release ?r . "
                + "FILTER NOT EXISTS { ?m ashyq:column ?c } FILTER NOT EXISTS { ?m ashyq:measuredProperty ?p } } } ")) {
            out.put(s.getResource("metric").getURI().replace("https://w3id.org/ashyq/vocab#", ""),
                    s.getLiteral("v").getDouble());
        }
        return out;
    }

    @Test
    void theDatasetPageSaysTheScoreWhatCostsPointsAndHowToMendIt() {
        Map<String, Double> m = latest("polyclinics");
        String page = http.get("/doc/dataset/polyclinics?lang=en", "Accept", "text/html").body();
        int at = page.indexOf("<section class=\"quality\"");
        assertTrue(at > 0, "a quality panel");
        String panel = page.substring(at, page.indexOf("</section>", at));
        assertTrue(panel.contains("<strong>" + m.get("mqa-score") + "</strong> / 405"), panel);
        int lost = 0;
        for (Mqa.Definition d : Mqa.DEFINITIONS) {
            double v = m.get(d.key());
            if (v < d.weight()) {
                lost++;
                assertTrue(panel.contains("<code>" + d.key() + "</code></td><td class=\"num\">" + v + " / " + d.weight()),
                        d.key() + " costs " + (d.weight() - v) + " points: " + panel);
                assertTrue(panel.contains(Mqa.fix(d.key()).replace("'", "&#39;")), "how to mend " + d.key());
            } else {
                assertFalse(panel.contains("<code>" + d.key() + "</code>"), d.key() + " costs nothing");
            }
        }
        assertTrue(lost > 0, "the bundled descriptions lack some of what MQA scores");
        assertTrue(panel.contains("data-series=\""), "a chart over releases");
    }

    @Test
    void qualityRanksEveryBundledDatasetAndItsAgency() {
        String page = http.get("/quality?lang=en", "Accept", "text/html").body();
        List<QuerySolution> datasets = http.select("PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?ds { GRAPH ?g { ?ds a dcat:Dataset } "
                + "FILTER STRSTARTS(STR(?g), '" + BASE + "graph/catalog/') FILTER (!CONTAINS(STR(?g), '/releases')) }");
        int listed = 0;
        double previous = Double.MAX_VALUE;
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                "<a href=\"/(?:id|doc)/dataset/([a-z0-9-]+)#quality\">.*?</td><td class=\"num\" title=\"([0-9.]+)\">").matcher(page);
        while (row.find()) {
            listed++;
            double score = Double.parseDouble(row.group(2));
            assertEquals(latest(row.group(1)).get("mqa-score"), score, 1e-9, row.group(1));
            assertTrue(score <= previous, "best first");
            previous = score;
        }
        assertTrue(listed >= 10 && listed <= datasets.size(), listed + " of " + datasets.size());
        assertTrue(page.contains("id=\"agencies\""), "agencies ranked");
    }

    @Test
    void anAgencysPageSummarisesItsDatasetsQuality() {
        String agency = "/doc/agency/bureau-of-national-statistics-of-the-republic-of-kazakhstan";
        List<QuerySolution> ds = http.select("PREFIX dct: <http://purl.org/dc/terms/> SELECT DISTINCT ?ds { GRAPH ?g { ?ds dct:publisher <"
                + BASE + "id/" + agency.substring(5) + "> } FILTER STRSTARTS(STR(?g), '" + BASE + "graph/catalog/') "
                + "FILTER (!CONTAINS(STR(?g), '/releases')) }");
        assertTrue(ds.size() >= 2, ds.toString());
        double mean = ds.stream().mapToDouble(s -> latest(s.getResource("ds").getURI().replace(BASE + "id/dataset/", ""))
                .get("mqa-score")).average().orElseThrow();
        String page = http.get(agency + "?lang=en", "Accept", "text/html").body();
        assertTrue(page.contains("<strong>" + Math.round(mean * 100) / 100.0 + "</strong> / 405"),
                "the mean of its " + ds.size() + " datasets' points, " + mean + ": " + page);
    }

    @Test
    void theApiServesEveryMeasurementAsJsonAndCsv() throws Exception {
        var json = http.get("/api/quality?dataset=kato", "Accept", "application/json");
        assertEquals(200, json.statusCode());
        JsonNode rows = new ObjectMapper().readTree(json.body()).path("measurements");
        long inStore = http.count(PREFIXES + "SELECT (COUNT(?m) AS ?n) { GRAPH ?g { <" + BASE
                + "id/dataset/kato> dqv:hasQualityMeasurement ?m } }");
        assertEquals(inStore, rows.size());
        var csv = http.get("/api/quality?dataset=kato", "Accept", "text/csv");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertEquals(inStore, records.size());
        assertTrue(records.stream().anyMatch(r -> r.get("metric").equals("completeness-column") && r.get("column").equals("name_kk")));
        assertEquals(400, http.get("/api/quality?dataset=../x", "Accept", "application/json").statusCode());
        assertEquals(406, http.get("/api/quality", "Accept", "image/png").statusCode());
    }

    @Test
    void theCatalogueCarriesTheMeasurementsAsDqv() {
        String ttl = http.get("/catalog", "Accept", "text/turtle").body();
        assertTrue(ttl.contains("dqv:hasQualityMeasurement") || ttl.contains("<http://www.w3.org/ns/dqv#hasQualityMeasurement>"),
                "the catalogue links each dataset to its measurements");
        assertTrue(ttl.contains("QualityMeasurement"));
    }
}
