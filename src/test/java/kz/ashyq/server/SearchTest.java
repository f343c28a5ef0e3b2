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
import java.util.Optional;
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
            AshyqServer server = AshyqServer.create(new ServerConfig(store, 0, Optional.empty()), s).start();
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
            } finally {
                server.stop();
            }
        }
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
            AshyqServer server = AshyqServer.create(new ServerConfig(store, 0, Optional.empty()), s).start();
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
