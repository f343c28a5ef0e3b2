package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.query.QuerySolution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue counts what the data holds: VoID linksets between datasets (also those whose
 * target loaded after them), spatial coverage as the KATO oblasts the data names, and the
 * themes and period the mappings declare.
 */
class CatalogueTest {

    private static final String BASE = BundledStore.BASE;
    private static final String PREFIXES = "PREFIX void: <http://rdfs.org/ns/void#> PREFIX dct: <http://purl.org/dc/terms/> "
            + "PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";
    private static AshyqServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        BundledStore b = BundledStore.get();
        server = BundledStore.get().server();
        http = new Http(server.port());
    }


    private static long linkset(String from, String predicate) {
        List<QuerySolution> r = http.select(PREFIXES + "SELECT ?n { <" + BASE + "id/dataset/" + from + "> void:subset ?ls . "
                + "?ls void:objectsTarget <" + BASE + "id/dataset/kato> ; void:linkPredicate <" + predicate + "> ; void:triples ?n }");
        assertEquals(1, r.size(), from + " has one linkset to kato by " + predicate);
        return r.get(0).getLiteral("n").getLong();
    }

    @Test
    void linksetsCountTheLinksIntoKato() {
        String skos = "http://www.w3.org/2004/02/skos/core#exactMatch";
        // geo-cities loads before kato (the files load in name order): its linkset is counted afterwards
        assertEquals(http.count(PREFIXES + "SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/geo-cities> { ?c skos:exactMatch ?u } "
                + "FILTER EXISTS { GRAPH <" + BASE + "graph/kato> { ?u a skos:Concept } } }"), linkset("geo-cities", skos));
        String refArea = "http://purl.org/linked-data/sdmx/2009/dimension#refArea";
        assertEquals(http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/population> { ?o <" + refArea + "> ?u } "
                + "FILTER EXISTS { GRAPH <" + BASE + "graph/kato> { ?u a ?t } } }"), linkset("population", refArea));
        assertTrue(linkset("kato-2022", skos) > 10_000);
        // teacher-vacancies loads last: its links were counted as it was written, not read back
        String place = "https://schema.org/jobLocation";
        assertEquals(http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/teacher-vacancies> { ?o <" + place
                + "> ?u } FILTER EXISTS { GRAPH <" + BASE + "graph/kato> { ?u a ?t } } }"),
                linkset("teacher-vacancies", place));
    }

    @Test
    void spatialCoverageIsTheOblastsTheDataNames() {
        Set<String> expected = new HashSet<>();
        http.select("SELECT DISTINCT ?u { GRAPH <" + BASE + "graph/tax-rates> { ?r <https://w3id.org/ashyq/vocab#district> ?u } }")
                .forEach(s -> {
                    String code = s.getResource("u").getURI().substring((BASE + "id/kato/").length());
                    expected.add(BASE + "id/kato/" + code.substring(0, 2) + "0000000");
                });
        Set<String> spatial = new HashSet<>();
        http.select(PREFIXES + "SELECT ?o { <" + BASE + "id/dataset/tax-rates> dct:spatial ?o }")
                .forEach(s -> spatial.add(s.getResource("o").getURI()));
        assertFalse(expected.isEmpty());
        assertEquals(expected, spatial);
    }

    @Test
    void themesAndPeriodComeFromTheMapping() throws Exception {
        String yml = Files.readString(Path.of("mappings/population.yml"));
        assertTrue(yml.contains("theme: [SOCI, REGI]") && yml.contains("start: \"2000-01-01\""), "the mapping says so");
        Set<String> themes = new HashSet<>();
        http.select(PREFIXES + "SELECT ?t { <" + BASE + "id/dataset/population> dcat:theme ?t }")
                .forEach(s -> themes.add(s.getResource("t").getURI()));
        assertEquals(Set.of("http://publications.europa.eu/resource/authority/data-theme/SOCI",
                "http://publications.europa.eu/resource/authority/data-theme/REGI"), themes);
        List<QuerySolution> p = http.select(PREFIXES + "SELECT ?s ?e { <" + BASE + "id/dataset/population> dct:temporal ?t . "
                + "?t dcat:startDate ?s ; dcat:endDate ?e }");
        assertEquals("2000-01-01", p.get(0).getLiteral("s").getLexicalForm());
        assertEquals("2050-12-31", p.get(0).getLiteral("e").getLexicalForm());
    }
}
