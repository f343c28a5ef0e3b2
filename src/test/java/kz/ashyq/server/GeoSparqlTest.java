package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.query.QuerySolution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GeoSPARQL in /sparql over the bundled data: Jena's geof: functions and topological
 * relations, and a geometry for every thing the mappings gave WGS84 coordinates.
 */
class GeoSparqlTest {

    private static final String PREFIXES = """
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
            PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
            PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
            PREFIX spatialF: <http://jena.apache.org/function/spatial#>
            """;
    /** A box around Almaty: 76.7 to 77.2 east, 43.1 to 43.4 north. */
    private static final String ALMATY = "\"POLYGON((76.7 43.1, 77.2 43.1, 77.2 43.4, 76.7 43.4, 76.7 43.1))\"^^geo:wktLiteral";

    static AshyqServer server;
    static Http http;

    @BeforeAll
    static void serve() {
        server = BundledStore.get().server();
        http = new Http(server.port());
    }


    @Test
    void geofFunctionsAnswer() {
        QuerySolution r = http.select(PREFIXES + """
                SELECT ?in ?out ?km ?degrees {
                  BIND(geof:sfWithin("POINT(1 1)"^^geo:wktLiteral, "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))"^^geo:wktLiteral) AS ?in)
                  BIND(geof:sfWithin("POINT(3 1)"^^geo:wktLiteral, "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))"^^geo:wktLiteral) AS ?out)
                  BIND(spatialF:distance("POINT(71.4704 51.1605)"^^geo:wktLiteral, "POINT(76.8860 43.2380)"^^geo:wktLiteral, uom:metre) / 1000 AS ?km)
                  BIND(geof:distance("POINT(71.4704 51.1605)"^^geo:wktLiteral, "POINT(76.8860 43.2380)"^^geo:wktLiteral, uom:degree) AS ?degrees)
                }""").get(0);
        assertTrue(r.getLiteral("in").getBoolean());
        assertFalse(r.getLiteral("out").getBoolean());
        // Astana to Almaty: about 970 km on the great circle (Jena's spatialF:distance: geof:distance
        // measures in the geometries' own units, degrees for WGS84)
        double km = r.getLiteral("km").getDouble();
        assertTrue(km > 940 && km < 1000, "distance " + km);
        double degrees = r.getLiteral("degrees").getDouble();
        assertEquals(Math.hypot(76.8860 - 71.4704, 51.1605 - 43.2380), degrees, 1e-6);
    }

    @Test
    void everyThingWithCoordinatesHasAGeometryAtThatPoint() {
        List<QuerySolution> points = http.select(PREFIXES + """
                SELECT ?s ?lat ?long ?wkt {
                  ?s wgs:lat ?lat ; wgs:long ?long .
                  OPTIONAL { ?s geo:hasDefaultGeometry/geo:asWKT ?wkt }
                  FILTER NOT EXISTS { ?s geo:hasGeometry ?own . FILTER NOT EXISTS { ?s geo:hasDefaultGeometry ?own } }
                }""");
        assertTrue(points.size() > 400, "the bundled cities and places have coordinates: " + points.size());
        for (QuerySolution p : points) {
            assertTrue(p.contains("wkt"), "a geometry for " + p.getResource("s"));
            String[] xy = p.getLiteral("wkt").getLexicalForm().replaceAll("POINT\\(|\\)", "").split(" ");
            assertEquals(p.getLiteral("long").getDouble(), Double.parseDouble(xy[0]), 1e-9, p.toString());
            assertEquals(p.getLiteral("lat").getDouble(), Double.parseDouble(xy[1]), 1e-9, p.toString());
        }
    }

    @Test
    void topologicalRelationsFindTheSameThingsAsTheirCoordinates() {
        Set<String> byRelation = http.select(PREFIXES + "SELECT DISTINCT ?s { ?s geo:hasDefaultGeometry ?g . ?g geo:sfWithin "
                + ALMATY + " }").stream().map(r -> r.getResource("s").getURI()).collect(Collectors.toSet());
        Set<String> byFilter = http.select(PREFIXES + """
                SELECT DISTINCT ?s { ?s wgs:lat ?lat ; wgs:long ?long ; geo:hasDefaultGeometry ?g .
                  FILTER(?long > 76.7 && ?long < 77.2 && ?lat > 43.1 && ?lat < 43.4) }""").stream()
                .map(r -> r.getResource("s").getURI()).collect(Collectors.toSet());
        assertFalse(byFilter.isEmpty(), "Almaty is in the bundled data");
        assertEquals(byFilter, byRelation);
        // the query rewrite: the relation asked of the things, answered through their default geometries
        Set<String> rewritten = http.select(PREFIXES + "SELECT DISTINCT ?s { ?s wgs:lat ?lat . ?s geo:sfWithin " + ALMATY
                + " }").stream().map(r -> r.getResource("s").getURI()).collect(Collectors.toSet());
        assertEquals(byFilter, rewritten);
    }

    /** The shipped spatial example: what it finds is what the CSVs' coordinates put within 150 km. */
    @Test
    void theNearbyExampleFindsWhatTheCoordinatesPutWithinTheRadius() throws Exception {
        List<QuerySolution> rows = http.select(java.nio.file.Files.readString(java.nio.file.Path.of(
                "queries/examples/spatial-near-kokshetau.rq")));
        java.util.Map<String, Double> expected = new java.util.HashMap<>();
        double lat0 = 0;
        double lon0 = 0;
        for (var c : BundledData.rows("geo-cities/cities.csv")) {
            if (c.get("name").equals("Kokshetau")) {
                lat0 = Double.parseDouble(c.get("latitude"));
                lon0 = Double.parseDouble(c.get("longitude"));
            }
        }
        for (var c : BundledData.rows("geo-cities/cities.csv")) {
            double km = km(lat0, lon0, Double.parseDouble(c.get("latitude")), Double.parseDouble(c.get("longitude")));
            if (!c.get("name").equals("Kokshetau")) {
                expected.put("id/place/city/" + c.get("id"), km);
            }
        }
        for (var c : BundledData.rows("egov/service-centres.csv")) {
            String[] ll = c.get("geoposition").split(",");
            expected.put("id/service-centre/" + c.get("id"), km(lat0, lon0, Double.parseDouble(ll[0].strip()),
                    Double.parseDouble(ll[1].strip())));
        }
        Set<String> found = rows.stream().map(r -> r.getResource("thing").getURI().replace(BundledStore.BASE, ""))
                .collect(Collectors.toSet());
        assertFalse(found.isEmpty());
        expected.forEach((iri, km) -> {
            if (Math.abs(km - 150) > 1) {
                assertEquals(km < 150, found.contains(iri), iri + " at " + km + " km");
            }
        });
        for (QuerySolution r : rows) {
            double km = expected.get(r.getResource("thing").getURI().replace(BundledStore.BASE, ""));
            assertEquals(km, r.getLiteral("km").getInt(), 1.0, r.toString());
        }
    }

    /** The shipped full-text example: every label it finds has a word starting with the query, in either language. */
    @Test
    void theTextExampleFindsNamesInBothLanguages() throws Exception {
        List<QuerySolution> rows = http.select(java.nio.file.Files.readString(java.nio.file.Path.of(
                "queries/examples/text-names-with-a-word.rq")));
        assertFalse(rows.isEmpty());
        Set<String> langs = new java.util.HashSet<>();
        for (QuerySolution r : rows) {
            String folded = r.getLiteral("label").getString().toLowerCase(java.util.Locale.ROOT)
                    .replace('қ', 'к').replace('ғ', 'г').replace('ә', 'а');
            assertTrue(java.util.Arrays.stream(folded.split("[^\\p{L}]+")).anyMatch(w -> w.startsWith("караганд")),
                    r.toString());
            langs.add(r.getLiteral("label").getLanguage());
        }
        assertTrue(langs.containsAll(Set.of("kk", "ru")), "Қарағанды and Караганда: " + langs);
    }

    /** The shipped box example: the features whose coordinates are in the box, and no geometry. */
    @Test
    void theBoxExampleFindsTheFeaturesInTheBox() throws Exception {
        Set<String> found = http.select(java.nio.file.Files.readString(java.nio.file.Path.of(
                "queries/examples/spatial-within-almaty-box.rq"))).stream().map(r -> r.getResource("thing").getURI())
                .collect(Collectors.toSet());
        Set<String> byCoordinates = http.select(PREFIXES + """
                SELECT DISTINCT ?s { ?s wgs:lat ?lat ; wgs:long ?long .
                  FILTER(?long > 76.7 && ?long < 77.2 && ?lat > 43.1 && ?lat < 43.4) }""").stream()
                .map(r -> r.getResource("s").getURI()).collect(Collectors.toSet());
        assertFalse(byCoordinates.isEmpty());
        assertEquals(byCoordinates, found);
    }

    /** Great-circle distance in km (mean Earth radius), as the test's own reference. */
    private static double km(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double a = Math.pow(Math.sin((p2 - p1) / 2), 2)
                + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(lon2 - lon1) / 2), 2);
        return 2 * 6371.0 * Math.asin(Math.sqrt(a));
    }
}
