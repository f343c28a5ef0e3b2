package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /search finds entities by label with or without Kazakh letters, and follows every reload. */
class SearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://data.example.kz/";

    private static List<String> iris(Http http, String query) throws Exception {
        String body = http.get("/search?format=json&" + query).body();
        List<String> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(body).get("results")) {
            out.add(r.get("iri").asText());
        }
        return out;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void findsLabelsWithOrWithoutKazakhLettersByPrefixAndWithFilters(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        assertEquals(0, FailedReloadTest.cli("load", "--store", store.toString(), "--base", BASE, "mappings/kato.yml",
                "mappings/polyclinics.yml").code());
        try (Store s = Store.open(store)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store).port(0).build(), s).start();
            try {
                Http http = new Http(server.port());
                Map<String, String> oblast = BundledData.rows("kato-2025/kato.csv").stream()
                        .filter(r -> r.get("name_kk").equals("Қызылорда облысы")).findFirst().orElseThrow();
                String iri = BASE + "id/kato/" + oblast.get("kato");
                assertTrue(iris(http, "q=" + q("Қызылорда облысы")).contains(iri), "with Kazakh letters");
                assertTrue(iris(http, "q=" + q("кызылорда облысы")).contains(iri), "typed without them, lower case");
                assertTrue(iris(http, "q=" + q("Кызылординская")).contains(iri), "in Russian");
                assertTrue(iris(http, "q=" + q("Kyzylorda oblysy")).contains(iri), "in Latin letters");
                assertTrue(iris(http, "q=" + q("кызылорд") + "&prefix=true").contains(iri), "by prefix, for autocomplete");
                String city = BASE + "id/kato/" + BundledData.rows("kato-2025/kato.csv").stream()
                        .filter(r -> r.get("name_ru").equals("г.Кызылорда")).findFirst().orElseThrow().get("kato");
                assertTrue(iris(http, "q=" + q("Кызылорда")).contains(city), "a name glued to its abbreviation: г.Кызылорда");
                assertFalse(iris(http, "q=" + q("кызылорд")).contains(iri), "whole words unless prefix");
                List<String> clinics = iris(http, "q=" + q("емхана") + "&dataset=polyclinics");
                assertFalse(clinics.isEmpty());
                assertTrue(clinics.stream().allMatch(i -> i.startsWith(BASE + "id/polyclinic/")), clinics.toString());
                assertTrue(iris(http, "q=" + q("Қызылорда") + "&type=" + q("https://schema.org/MedicalClinic")).isEmpty());
                String page = http.get("/search?q=" + q("Қызылорда облысы") + "&lang=kk", "Accept", "text/html").body();
                assertTrue(page.contains("Қызылорда облысы"), "a page for people");
                assertTrue(http.get("/health").body().contains("\"searchIndexInStep\":true"));
                textSearchInSparql(http, iri);
            } finally {
                server.stop();
            }
        }
    }

    /** The same index from SPARQL: jena-text's text:query as Fuseki users write it, and ashyq:search. */
    private static void textSearchInSparql(Http http, String oblast) {
        String prefixes = "PREFIX text: <http://jena.apache.org/text#> PREFIX ashyq: <https://w3id.org/ashyq/vocab#> "
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";
        List<String> found = http.select(prefixes + "SELECT ?s { ?s text:query \"Қызылорда облысы\" }").stream()
                .map(r -> r.getResource("s").getURI()).toList();
        assertTrue(found.contains(oblast), found.toString());
        var scored = http.select(prefixes + "SELECT ?s ?score ?label { (?s ?score ?label) ashyq:search (\"кызылорд*\" \"lang:kk\" 50) }");
        assertTrue(scored.stream().anyMatch(r -> r.getResource("s").getURI().equals(oblast)), "by prefix, without Kazakh letters");
        assertTrue(scored.size() <= 50, "the limit is kept");
        float last = Float.MAX_VALUE;
        for (var r : scored) {
            assertEquals("kk", r.getLiteral("label").getLanguage(), "only Kazakh labels: " + r);
            String folded = r.getLiteral("label").getString().toLowerCase(java.util.Locale.ROOT).replace('қ', 'к').replace('ы', 'ы');
            assertTrue(folded.contains("кызылорд"), "each label holds the word: " + r);
            float score = r.getLiteral("score").getFloat();
            assertTrue(score > 0 && score <= last, "best first: " + scored);
            last = score;
        }
        List<String> clinics = http.select(prefixes + "SELECT ?s { ?s text:query (rdfs:label \"емхана\" \"dataset:polyclinics\" 5) }")
                .stream().map(r -> r.getResource("s").getURI()).toList();
        assertFalse(clinics.isEmpty());
        assertTrue(clinics.size() <= 5 && clinics.stream().allMatch(i -> i.startsWith(BASE + "id/polyclinic/")), clinics.toString());
        List<String> either = http.select(prefixes + "SELECT ?s { ?s text:query \"Кызылординская OR емхана\" }").stream()
                .map(r -> r.getResource("s").getURI()).toList();
        assertTrue(either.contains(oblast) && either.stream().anyMatch(i -> i.startsWith(BASE + "id/polyclinic/")), either.toString());
        int status = http.get("/sparql?query=" + q(prefixes + "SELECT ?s { ?s text:query (\"x\" \"colour:red\") }")).statusCode();
        assertEquals(400, status, "an option it does not know is the query's mistake");
    }

    @Test
    void theIndexFollowsAReload(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("units.yml"), """
                dataset: {id: towns, title: {en: Towns}}
                mappings:
                  town:
                    sources: [units.csv~csv]
                    s: id/town/$(code)
                    po:
                      - [rdfs:label, $(name_ru), ru~lang]
                """);
        Path csv = dir.resolve("units.csv");
        Files.writeString(csv, "code,name_ru\n1,Степногорск\n");
        Path store = dir.resolve("store");
        assertEquals(0, FailedReloadTest.cli("load", "--store", store.toString(), "--base", BASE,
                dir.resolve("units.yml").toString()).code());
        Files.writeString(csv, "code,name_ru\n1,Макинск\n");
        assertEquals(0, FailedReloadTest.cli("load", "--store", store.toString(), dir.resolve("units.yml").toString()).code());
        try (Store s = Store.open(store)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store).port(0).build(), s).start();
            try {
                Http http = new Http(server.port());
                assertEquals(List.of(BASE + "id/town/1"), iris(http, "q=" + q("Макинск")));
                assertTrue(iris(http, "q=" + q("Степногорск")).isEmpty(), "the old name is gone with its release");
            } finally {
                server.stop();
            }
        }
    }
}
