package kz.ashyq.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/**
 * The MQA's points of a fixture description, worked out by hand from the methodology's table:
 * what each indicator is worth and which of the description's statements earn it.
 */
class MqaTest {

    private static final String DESCRIPTION = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct:  <http://purl.org/dc/terms/> .
            @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
            <http://ashyq.test/id/dataset/schools> a dcat:Dataset ;
                dct:title "Schools"@en ;                                   # no dct:description: DCAT-AP is violated
                dcat:keyword "schools"@en ;                                # keyword: 30
                dcat:theme <http://publications.europa.eu/resource/authority/data-theme/EDUC> ;   # theme: 30
                dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2020-01-01"^^xsd:date ] ;      # temporal: 20; no spatial
                dct:publisher <http://ashyq.test/id/agency/edu> ;          # publisher: 10
                dcat:contactPoint [ a vcard:Kind ; vcard:hasEmail <mailto:edu@example.kz> ] ;       # contact point: 20
                dct:modified "2026-12-01T00:00:00Z"^^xsd:dateTime ;        # modified: 5; no issued, no access rights
                dcat:distribution <http://ashyq.test/id/distribution/schools/nt-gz> , <http://example.kz/schools.xls> .
            # served by Ashyq: its URLs answer without asking
            <http://ashyq.test/id/distribution/schools/nt-gz> a dcat:Distribution ;
                dcat:accessURL <http://ashyq.test/dump/schools.nt.gz> ;
                dcat:downloadURL <http://ashyq.test/dump/schools.nt.gz> ;
                dcat:mediaType <http://www.iana.org/assignments/media-types/application/n-triples> ;
                dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> ;
                dcat:byteSize "1024"^^xsd:nonNegativeInteger .
            # the agency's spreadsheet: outside, not asked without outbound checks
            <http://example.kz/schools.xls> a dcat:Distribution ;
                dcat:accessURL <http://example.kz/schools.xls> ;
                dct:format <http://publications.europa.eu/resource/authority/file-type/XLS> ;
                dct:rights [ a dct:RightsStatement ] .
            """;

    private static Map<String, Indicator> assess(Mqa.UrlCheck check) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(DESCRIPTION).lang(Lang.TURTLE).parse(g);
        List<Indicator> all = Mqa.assess(g, "http://ashyq.test/id/dataset/schools", "http://ashyq.test/", check);
        assertEquals(Mqa.DEFINITIONS.stream().map(Mqa.Definition::key).toList(), all.stream().map(Indicator::key)
                .sorted(java.util.Comparator.comparing(k -> Mqa.DEFINITIONS.stream().map(Mqa.Definition::key).toList()
                        .indexOf(k))).toList(), "every indicator of the methodology, once");
        assertEquals(Mqa.MAX, all.stream().mapToInt(Indicator::weight).sum(), "405 points at most");
        return all.stream().collect(Collectors.toMap(Indicator::key, i -> i));
    }

    @Test
    void theFixturesPointsAreTheOnesWorkedOutByHand() {
        Map<String, Indicator> i = assess(null);
        Map<String, Double> expected = new java.util.LinkedHashMap<>();
        // findability: keyword, theme, temporal; no spatial
        expected.put("mqa-keyword", 30.0);
        expected.put("mqa-theme", 30.0);
        expected.put("mqa-spatial", 0.0);
        expected.put("mqa-temporal", 20.0);
        // accessibility: the one URL checked (Ashyq's own) answers: 50 × 1/1; a download URL on 1 of 2
        // distributions: 20 × 1/2; the one download URL answers: 30 × 1/1
        expected.put("mqa-access-url", 50.0);
        expected.put("mqa-download-url", 10.0);
        expected.put("mqa-download-url-answers", 30.0);
        // interoperability, the best distribution's: the dump (media type 10, from IANA's table 10,
        // open 20, machine-readable 20, no dct:format) against the spreadsheet (format 20, from the
        // EU's table 10, neither open nor read by programs here): 60 against 30; DCAT-AP violated: 0
        expected.put("mqa-format", 0.0);
        expected.put("mqa-media-type", 10.0);
        expected.put("mqa-format-vocabulary", 10.0);
        expected.put("mqa-non-proprietary", 20.0);
        expected.put("mqa-machine-readable", 20.0);
        expected.put("mqa-dcat-ap", 0.0);
        // reusability: a licence on 1 of 2 distributions, from the EU's table: 20 × 1/2 and 10 × 1/2;
        // no access rights; a contact point and a publisher
        expected.put("mqa-licence", 10.0);
        expected.put("mqa-licence-vocabulary", 5.0);
        expected.put("mqa-access-rights", 0.0);
        expected.put("mqa-access-rights-vocabulary", 0.0);
        expected.put("mqa-contact-point", 20.0);
        expected.put("mqa-publisher", 10.0);
        // contextuality: rights on 1 of 2, a size on 1 of 2: 2.5 each; modified, not issued
        expected.put("mqa-rights", 2.5);
        expected.put("mqa-byte-size", 2.5);
        expected.put("mqa-issued", 0.0);
        expected.put("mqa-modified", 5.0);
        expected.forEach((k, v) -> assertEquals(v, i.get(k).points(), 1e-9, k + ": " + i.get(k)));
        assertEquals(285.0, expected.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(285.0, i.values().stream().mapToDouble(Indicator::points).sum(), 1e-9);
        assertEquals("good", Mqa.rating(285));

        assertTrue(i.get("mqa-access-url").note().contains("1 of 2 not checked: outbound checks are off"),
                "says what it could not check: " + i.get("mqa-access-url"));
        assertTrue(i.get("mqa-dcat-ap").note().contains("violations of DCAT-AP 3.0.0"), i.get("mqa-dcat-ap").note());
        assertTrue(i.get("mqa-spatial").fix().contains("KATO"), "says how to mend it");
    }

    @Test
    void withOutboundChecksAnAnswerThatFailsCostsItsShare() {
        Map<String, Indicator> i = assess(url -> false);
        // both access URLs checked now; Ashyq's answers, the agency's does not: 50 × 1/2
        assertEquals(25.0, i.get("mqa-access-url").points(), 1e-9);
        assertEquals("1 of 2 did not answer", i.get("mqa-access-url").note());
        assertEquals(30.0, i.get("mqa-download-url-answers").points(), 1e-9, "the download URL is Ashyq's own");
    }
}
