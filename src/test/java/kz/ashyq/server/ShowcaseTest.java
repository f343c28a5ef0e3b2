package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /showcase}: the apps' questions answered by the saved APIs over the bundled data, each
 * answer checked against the CSV it came from or against the facts in the store.
 */
class ShowcaseTest {

    private static final String BASE = BundledStore.BASE;
    private static AshyqServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        BundledStore b = BundledStore.get();
        server = BundledStore.get().server();
        http = new Http(server.port());
    }


    private static String page(String query) {
        var r = http.get("/showcase?" + query, "Accept", "text/html");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The section of the page with that id. */
    private static String section(String page, String id) {
        int from = page.indexOf("<section id=\"" + id + "\">");
        assertTrue(from >= 0, "no section " + id);
        return page.substring(from, page.indexOf("</section>", from));
    }

    private static List<String[]> cells(String html) {
        List<String[]> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr><td>(.*?)</td><td[^>]*>(.*?)</td></tr>", Pattern.DOTALL).matcher(html);
        while (tr.find()) {
            rows.add(new String[] {tr.group(1), tr.group(2)});
        }
        return rows;
    }

    @Test
    void aRegionsPopulationOverTimeIsTheStatisticsOfficesSeries() {
        String region = section(page("lang=ru&code=750000000"), "region");
        List<String[]> expected = BundledData.rows("stat-regions/population.csv").stream()
                .filter(r -> r.get("Область").strip().equals("г. Алматы"))
                .map(r -> new String[] {r.get("Год"), String.valueOf(Math.round(Double.parseDouble(r.get("Население"))))})
                .sorted(java.util.Comparator.comparing((String[] r) -> r[0])).limit(50).toList();
        List<String[]> shown = cells(region);
        assertEquals(expected.size(), shown.size(), region);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], shown.get(i)[0]);
            assertEquals(expected.get(i)[1], shown.get(i)[1].replaceAll("\\D", ""), "the population of " + expected.get(i)[0]);
        }
        assertTrue(region.contains("data-series=\""), "a chart of the series");
        assertTrue(region.contains("/api/population?code=750000000"), "the API that answers it");
    }

    @Test
    void anOrganisationsAddressIsOneItsRecordGives() {
        String address = section(page("lang=ru&q=" + java.net.URLEncoder.encode("Поликлиника", java.nio.charset.StandardCharsets.UTF_8)),
                "address");
        Matcher row = Pattern.compile("<tr><td><a href=\"([^\"]+)\">(.*?)</a></td><td>(.*?)</td></tr>").matcher(address);
        int n = 0;
        while (row.find()) {
            n++;
            String name = unescape(row.group(2));
            String text = unescape(row.group(3));
            assertTrue(name.toLowerCase(java.util.Locale.ROOT).contains("поликлиника"), name);
            String thing = BASE + row.group(1).replaceFirst("^/(doc|id)/", "id/");
            assertTrue(http.count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { <" + thing + "> <http://www.w3.org/2000/01/rdf-schema#label> "
                    + literal(name) + " ; <https://schema.org/address> " + literal(text) + " } }") >= 1,
                    "the store says " + thing + " is called " + name + " at " + text);
        }
        assertTrue(n >= 10, "the bundled polyclinics: " + address);
    }

    @Test
    void whatIsNearAPointIsWithinTheRadiusNearestFirstAndOfTheKindAsked() {
        String near = section(page("lang=en&lat=51.13&lon=71.43&radius=15"), "near");
        assertFalse(near.contains("geosparql"), "GeoSPARQL's classes are no kind to ask for");
        List<Double> km = cells(near).stream().map(r -> Double.parseDouble(r[1])).toList();
        assertFalse(km.isEmpty(), near);
        assertTrue(km.stream().allMatch(k -> k <= 15), km.toString());
        assertEquals(km.stream().sorted().toList(), km, "nearest first");
        assertTrue(near.contains("data-points=\""), "a map of them");

        String city = "https://schema.org/City";
        String cities = section(page("lang=en&lat=51.13&lon=71.43&radius=15&kind="
                + java.net.URLEncoder.encode(city, java.nio.charset.StandardCharsets.UTF_8)), "near");
        Matcher link = Pattern.compile("<tr><td><a href=\"([^\"]+)\">").matcher(cities);
        int n = 0;
        while (link.find()) {
            n++;
            String thing = BASE + link.group(1).replaceFirst("^/(doc|id)/", "id/");
            assertEquals(1, http.count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { <" + thing + "> a <" + city + "> } }"), thing);
        }
        assertTrue(n >= 1 && n < km.size(), "only the cities among " + km.size() + ": " + n);
    }

    @Test
    void whatAVisitorTypesIsTextAndABadPointIsRefused() {
        String hostile = "<script>alert(1)</script>\"'";
        String body = page("q=" + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(body.contains("<script>alert(1)"), "escaped");
        var bad = http.get("/showcase?lat=ninety&lon=71", "Accept", "text/html");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("lat"), "the message names the parameter: " + bad.body());
    }

    private static String literal(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"@ru";
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
