package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.server.FailedReloadTest.Run;
import kz.ashyq.store.Store;
import org.apache.jena.query.QuerySolution;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoNames cities link to the KATO units they are, within their region, and give those units
 * coordinates; uncertain matches wait in the review queue until accepted (with provenance) or
 * rejected (and not proposed again).
 */
class GeoLinksTest {

    private static final String BASE = "https://data.example.kz/";
    private static final String CITIES = "data/geo-cities/cities.csv";

    @TempDir
    Path dir;

    @Test
    void citiesLinkToKatoWithinTheirRegionAndDoubtfulOnesWaitForReview() throws Exception {
        Path storeDir = dir.resolve("store");
        Run load = FailedReloadTest.cli("load", "--store", storeDir.toString(), "--base", BASE, "mappings/kato.yml",
                "mappings/geo-cities.yml");
        assertEquals(0, load.code(), load.err());
        Matcher m = Pattern.compile("(\\d+) of (\\d+) matched \\(([\\d.]+)%\\), (\\d+) proposed for review.*, (\\d+) unmatched")
                .matcher(load.out());
        assertTrue(m.find(), load.out());
        int matched = Integer.parseInt(m.group(1));
        int review = Integer.parseInt(m.group(4));
        Map<String, String> regionOf = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        try (CSVParser p = CSVParser.parse(Path.of(CITIES), java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().get())) {
            for (CSVRecord r : p) {
                regionOf.put(BASE + "id/place/city/" + r.get("id"), r.get("state_code"));
            }
        }
        try (CSVParser p = CSVParser.parse(Path.of("data/geo-cities/state-kato.csv"), java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().get())) {
            p.forEach(r -> prefixes.put(r.get("state_code"), r.get("kato_prefixes")));
        }
        assertEquals(regionOf.size(), Integer.parseInt(m.group(2)), "every city is counted");
        assertTrue(matched > regionOf.size() / 2, "most cities link: " + load.out());

        Run reviewList = FailedReloadTest.cli("links", "review", "--store", storeDir.toString());
        assertEquals(0, reviewList.code(), reviewList.err());
        assertTrue(reviewList.out().startsWith(review + " link"), reviewList.out());
        Matcher yermentau = Pattern.compile("(\\w{10})  geo-cities +'Yermentau' -> г\\.Ерейментау").matcher(reviewList.out());
        assertTrue(yermentau.find(), "Ерейментау is spelled Yermentau in GeoNames: for review\n" + reviewList.out());
        Matcher other = Pattern.compile("(\\w{10})  geo-cities +'(?!Yermentau)").matcher(reviewList.out());
        assertTrue(other.find());

        try (Store store = Store.open(storeDir)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(storeDir).port(0).build(), store).start();
            try {
                Http http = new Http(server.port());
                List<QuerySolution> links = http.select("SELECT ?city ?unit ?code { GRAPH <" + BASE + "graph/geo-cities> { "
                        + "?city a <https://schema.org/City> ; <http://www.w3.org/2004/02/skos/core#exactMatch> ?unit } "
                        + "?unit <http://www.w3.org/2004/02/skos/core#notation> ?code }");
                assertEquals(matched, links.size(), "one published link per matched city, to a KATO unit that exists");
                for (QuerySolution s : links) {
                    String region = regionOf.get(s.getResource("city").getURI());
                    String code = s.getLiteral("code").getString();
                    assertTrue(List.of(prefixes.get(region).split(" ")).stream().anyMatch(code::startsWith),
                            s + " is outside region " + region);
                }
                assertEquals(0, http.count("SELECT (COUNT(*) AS ?n) { ?a <http://www.w3.org/2004/02/skos/core#exactMatch> ?u . "
                        + "?b <http://www.w3.org/2004/02/skos/core#exactMatch> ?u . ?a a <https://schema.org/City> . "
                        + "?b a <https://schema.org/City> FILTER (?a != ?b) }"), "no unit is two cities");
                // the unit has the city's coordinates, so KATO pages have maps
                assertEquals(matched, http.count("SELECT (COUNT(DISTINCT ?unit) AS ?n) { ?city a <https://schema.org/City> ; "
                        + "<http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ; <http://www.w3.org/2004/02/skos/core#exactMatch> ?unit . "
                        + "?unit <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat }"));
                assertEquals(0, http.count("SELECT (COUNT(*) AS ?n) { ?u <http://www.w3.org/2004/02/skos/core#prefLabel> 'г.Ерейментау'@ru ; "
                        + "<http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat }"), "not before review");
            } finally {
                server.stop();
            }
        }

        Run accept = FailedReloadTest.cli("links", "accept", "--store", storeDir.toString(), "--by", "Aigerim", yermentau.group(1));
        assertEquals(0, accept.code(), accept.err());
        Run reject = FailedReloadTest.cli("links", "reject", "--store", storeDir.toString(), other.group(1));
        assertEquals(0, reject.code(), reject.err());
        assertEquals(2, FailedReloadTest.cli("links", "accept", "--store", storeDir.toString(), other.group(1)).code(),
                "a decided link cannot be decided again");
        assertEquals(2, FailedReloadTest.cli("links", "accept", "--store", storeDir.toString(), "0000000000").code());

        // a reload proposes neither again, and the accepted link stays
        Run again = FailedReloadTest.cli("load", "--store", storeDir.toString(), "mappings/geo-cities.yml");
        assertEquals(0, again.code(), again.err());
        String after = FailedReloadTest.cli("links", "review", "--store", storeDir.toString()).out();
        assertFalse(after.contains(yermentau.group(1)) || after.contains(other.group(1)), after);
        assertTrue(after.startsWith((review - 2) + " link"), after);
        assertTrue(Files.readString(storeDir.resolve("review-queue.tsv")).contains("\trejected\t"));

        try (Store store = Store.open(storeDir)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(storeDir).port(0).build(), store).start();
            try {
                Http http = new Http(server.port());
                assertEquals(1, http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/links> { "
                        + "?city <http://www.w3.org/2004/02/skos/core#exactMatch> ?u . "
                        + "?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?city ; "
                        + "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?u ; "
                        + "<http://www.w3.org/ns/prov#generatedAtTime> ?t ; <http://www.w3.org/ns/prov#wasAttributedTo> ?who . "
                        + "?who <http://xmlns.com/foaf/0.1/name> 'Aigerim' } "
                        + "?u <http://www.w3.org/2004/02/skos/core#prefLabel> 'г.Ерейментау'@ru ; "
                        + "<http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat . ?city <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?cityLat "
                        + "FILTER (?lat = ?cityLat) }"),
                        "the accepted link, who accepted it and when, and the coordinates it gave the unit");
            } finally {
                server.stop();
            }
        }
    }
}
