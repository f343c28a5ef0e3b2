package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The saved queries of queries/api answer as APIs over the bundled data. */
class ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;
    static kz.ashyq.store.Store store;
    static AshyqServer server;
    static Http http;

    @org.junit.jupiter.api.BeforeAll
    static void serve() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("load", "--store", dir.resolve("store").toString(),
                "--base", "https://data.example.kz/"));
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(java.nio.file.Path.of("mappings"))) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertEquals(0, FailedReloadTest.cli(args.toArray(String[]::new)).code());
        store = kz.ashyq.store.Store.open(dir.resolve("store"));
        server = AshyqServer.create(kz.ashyq.config.ServerConfig.builder(store.dir()).port(0).build(), store)
                .start();
        http = new Http(server.port());
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static Http http() {
        return http;
    }

    private static JsonNode bindings(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("results").get("bindings");
    }

    @Test
    void aRegionsPopulationIsASeriesByYear() throws Exception {
            JsonNode rows = bindings(http().get("/api/population?code=750000000&from=2020&to=2025"));
            assertEquals(6, rows.size());
            assertEquals("2020", rows.get(0).get("year").get("value").asText());
            String csv = BundledData.rows("stat-regions/population.csv").stream()
                    .filter(r -> r.get("Область").equals("г. Алматы") && r.get("Год").equals("2020"))
                    .findFirst().orElseThrow().get("Население");
            assertEquals(Math.round(Double.parseDouble(csv)), rows.get(0).get("population").get("value").asLong());

            HttpResponse<String> csvOut = http().get("/api/population?code=750000000&from=2020&to=2021", "Accept", "text/csv");
            assertEquals(3, csvOut.body().lines().count(), csvOut.body());
            assertTrue(csvOut.headers().firstValue("ETag").isPresent());

            JsonNode near = bindings(http().get("/api/near?lat=52.5&lon=68.75&radius=50"));
            assertTrue(near.size() >= 1, "the Balkashino service centre is within 50 km");
            double km = near.get(0).get("km").get("value").asDouble();
            assertTrue(km < 50, "sorted by distance, within the radius: " + km);
            nearAgreesWithHaversineOverEveryPoint(51.16, 71.43, 300);

            JsonNode unit = bindings(http().get("/api/unit?code=116430100"));
            assertTrue(unit.size() >= 1, "the service centre of Balkashino points at its KATO unit");

            JsonNode names = bindings(http().get("/api/names?q=" + java.net.URLEncoder.encode("поликлиника",
                    java.nio.charset.StandardCharsets.UTF_8) + "&lang=ru"));
            assertTrue(names.size() >= 1);

            JsonNode datasets = bindings(http().get("/api/datasets?agency=statistics"));
            long byBureau;
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("mappings"))) {
                byBureau = files.filter(f -> f.toString().endsWith(".yml")).filter(f -> {
                    try {
                        return java.nio.file.Files.readString(f).contains("en: Bureau of National Statistics");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).count();
            }
            assertEquals(byBureau, datasets.size(), "the statistics bureau's datasets");

            HttpResponse<String> missing = http().get("/api/population");
            assertEquals(400, missing.statusCode());
            assertTrue(missing.body().contains("parameter 'code' is required"), missing.body());
            HttpResponse<String> bad = http().get("/api/near?lat=north&lon=1");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("parameter 'lat' must be a decimal"), bad.body());
            // a value is bound as a literal: SPARQL in it stays text
            JsonNode injected = bindings(http().get("/api/names?q=" + java.net.URLEncoder.encode(
                    "x\") } SELECT * { ?s ?p ?o } #", java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(0, injected.size());

            JsonNode openapi = JSON.readTree(http().get("/api/openapi.json").body());
            assertEquals("3.0.3", openapi.get("openapi").asText());
            for (String name : List.of("near", "unit", "population", "names", "datasets")) {
                assertTrue(openapi.get("paths").has("/api/" + name), name);
            }
            assertTrue(http().get("/api", "Accept", "text/html").body().contains("/api/near"));
            assertEquals(404, http().get("/api/nothing").statusCode());
    }


    @Test
    void theReadmesExampleBecomesAnApiByAddingItsFile() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        int start = readme.indexOf("# name: schools");
        String query = readme.substring(start, readme.indexOf("```", start));
        java.nio.file.Path folder = dir.resolve("queries");
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(folder.resolve("schools.rq"), query);
        AshyqServer other = AshyqServer.create(kz.ashyq.config.ServerConfig.builder(store.dir())
                .port(0).queries(folder).build(), store).start();
        try {
            String district = http.select("PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                    + "SELECT ?code { ?p schema:jobLocation ?u . ?u skos:notation ?code } ORDER BY ?code LIMIT 1")
                    .get(0).getLiteral("code").getString();
            JsonNode rows = bindings(new Http(other.port()).get("/api/schools?code=" + district));
            long expected = http.count("PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                    + "SELECT (COUNT(?p) AS ?n) { ?u skos:notation \"" + district + "\" . ?p schema:jobLocation ?u }");
            assertTrue(expected > 0);
            assertEquals(expected, rows.size());
        } finally {
            other.stop();
        }
    }

    @Test
    void katoChangesBetween2022And2025MatchTheTwoFiles() throws Exception {
        java.util.Map<String, String> y2025 = new java.util.HashMap<>();
        BundledData.rows("kato-2025/kato.csv").forEach(r -> y2025.put(r.get("kato"), r.get("name_ru")));
        java.util.Map<String, String> y2022 = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("data/kato-2022/kato-2022.csv")).subList(1,
                java.nio.file.Files.readAllLines(java.nio.file.Path.of("data/kato-2022/kato-2022.csv")).size())) {
            String[] c = line.split(";", -1);
            y2022.put(c[2], c[3]);
        }
        long appeared = y2025.keySet().stream().filter(k -> !y2022.containsKey(k)).count();
        long renamed = y2022.entrySet().stream().filter(e -> y2025.containsKey(e.getKey())
                && !y2025.get(e.getKey()).equalsIgnoreCase(e.getValue())).count();
        assertEquals(appeared, bindings(http.get("/api/kato-changes?kind=appeared&limit=1000")).size());
        assertEquals(renamed, bindings(http.get("/api/kato-changes?kind=renamed&limit=1000")).size());
        JsonNode disappeared = bindings(http.get("/api/kato-changes?kind=disappeared&limit=10"));
        assertEquals(10, disappeared.size(), "paged");
        String code = disappeared.get(0).get("code").get("value").asText();
        assertTrue(y2022.containsKey(code) && !y2025.containsKey(code));
    }

    /**
     * The spatial index answers what measuring every point in the store answers: the same places,
     * nearest first, at the same distances (points within 1 km of the edge may go either way).
     */
    private void nearAgreesWithHaversineOverEveryPoint(double lat, double lon, double radius) throws Exception {
        java.util.Map<String, Double> all = new java.util.HashMap<>();
        http().select("SELECT ?s (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?lon) { ?s <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?la ; "
                + "<http://www.w3.org/2003/01/geo/wgs84_pos#long> ?lo FILTER isIRI(?s) } GROUP BY ?s").forEach(r -> {
                    double la = r.getLiteral("lat").getDouble();
                    double lo = r.getLiteral("lon").getDouble();
                    double p = Math.PI / 180;
                    double h = Math.pow(Math.sin((la - lat) * p / 2), 2)
                            + Math.cos(lat * p) * Math.cos(la * p) * Math.pow(Math.sin((lo - lon) * p / 2), 2);
                    all.put(r.getResource("s").getURI(), 6371.0088 * 2 * Math.asin(Math.sqrt(h)));
                });
        JsonNode rows = bindings(http().get("/api/near?lat=" + lat + "&lon=" + lon + "&radius=" + radius + "&limit=1000"));
        java.util.LinkedHashMap<String, Double> got = new java.util.LinkedHashMap<>();
        rows.forEach(r -> got.putIfAbsent(r.get("place").get("value").asText(), r.get("km").get("value").asDouble()));
        java.util.Set<String> inside = new java.util.HashSet<>();
        all.forEach((iri, d) -> {
            if (d < radius - 1) {
                inside.add(iri);
            }
        });
        assertTrue(inside.size() > 10, "enough points around Astana to compare: " + inside.size());
        assertTrue(got.keySet().containsAll(inside), "every point inside the radius is found");
        double previous = 0;
        for (java.util.Map.Entry<String, Double> e : got.entrySet()) {
            double expected = all.get(e.getKey());
            assertTrue(expected <= radius + 1, e.getKey() + " is outside the radius: " + expected);
            assertEquals(expected, e.getValue(), Math.max(0.01, expected * 0.005), e.getKey());
            assertTrue(e.getValue() >= previous, "nearest first");
            previous = e.getValue();
        }
    }
}
