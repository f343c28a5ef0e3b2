package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import kz.ashyq.browser.Chromium;
import kz.ashyq.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real browser: headless Chromium (Debian's {@code chromium}, installed by
 * {@code .ci/run}) against the real server on the bundled data. Each page must load without a
 * console error; screenshots go to {@code target/screenshots/}. Without Chromium the class is
 * skipped with a message, unless {@code ASHYQ_REQUIRE_BROWSER=1} (as in CI), where it fails.
 */
class BrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots");
    static AshyqServer server;
    static Chromium browser;
    static String root;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(Chromium.executable());
        if (!present && "1".equals(System.getenv("ASHYQ_REQUIRE_BROWSER"))) {
            throw new AssertionError("Chromium is required (ASHYQ_REQUIRE_BROWSER=1) but " + Chromium.executable()
                    + " is missing: apt-get install chromium");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: no Chromium at " + Chromium.executable()
                + " (apt-get install chromium, or set ASHYQ_CHROMIUM)");
        BundledStore bundled = BundledStore.get();
        server = AshyqServer.create(ServerConfig.builder(bundled.store.dir()).port(0).build(), bundled.store).start();
        root = "http://localhost:" + server.port();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = browser.takeErrors();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    private static String text(String js) {
        return browser.eval(js).asText();
    }

    private static void shot(String name) throws Exception {
        browser.screenshot(SHOTS.resolve(name + ".png"));
    }

    @Test
    void homeListsTheDatasets() throws Exception {
        browser.open(root + "/?lang=en");
        assertEquals("en", text("document.documentElement.lang"));
        int rows = browser.eval("document.querySelectorAll('main a[href^=\"/id/dataset/\"]').length").asInt();
        assertTrue(rows >= 10, "a link per bundled dataset, found " + rows);
        shot("home");
    }

    @Test
    void entityInKazakhAndInRussian() throws Exception {
        java.util.Map<String, String> astana = BundledData.rows("kato-2025/kato.csv").stream()
                .filter(r -> r.get("kato").equals("710000000")).findFirst().orElseThrow();
        browser.open(root + "/id/kato/710000000?lang=kk");
        assertTrue(browser.eval("location.pathname").asText().startsWith("/doc/kato/710000000"), "303 followed");
        assertEquals(astana.get("name_kk"), text("document.querySelector('h1').textContent.trim()"));
        assertEquals("kk", text("document.documentElement.lang"));
        shot("entity-kk");
        browser.open(root + "/doc/kato/710000000?lang=ru");
        assertEquals(astana.get("name_ru"), text("document.querySelector('h1').textContent.trim()"));
        assertEquals("ru", text("document.documentElement.lang"));
        shot("entity-ru");
    }

    @Test
    void oblastIncomingLinksArePaged() throws Exception {
        browser.open(root + "/doc/kato/100000000?lang=ru");
        String firstPage = text("[...document.querySelectorAll('ul.incoming li a')].map(a => a.href).join(' ')");
        String next = text("[...document.querySelectorAll('#in a')].find(a => a.href.includes('page=1')).href");
        browser.open(next);
        String secondPage = text("[...document.querySelectorAll('ul.incoming li a')].map(a => a.href).join(' ')");
        assertNotEquals(firstPage, secondPage);
        int shown = browser.eval("Math.max(...[...document.querySelectorAll('ul.incoming')].map(u => u.children.length))").asInt();
        assertEquals(50, shown, "50 per page");
        shot("incoming-page-2");
    }

    @Test
    void mapDrawsTheMarkers() throws Exception {
        browser.open(root + "/doc/dataset/forensic-centres?lang=en");
        browser.waitUntil("document.querySelector('div.map[data-drawn]')", Duration.ofSeconds(10));
        int expected = browser.eval("JSON.parse(document.querySelector('div.map').dataset.points).length").asInt();
        assertTrue(expected >= 1);
        assertEquals(expected, browser.eval("document.querySelectorAll('div.map path.leaflet-interactive').length").asInt(),
                "a marker per point");
        shot("map");
    }

    @Test
    void regionChartHasItsPoints() throws Exception {
        browser.open(root + "/doc/kato/710000000?lang=ru");
        browser.waitUntil("document.querySelector('div.chart[data-drawn]')", Duration.ofSeconds(10));
        JsonNode series = browser.eval("JSON.parse(document.querySelector('div.chart').dataset.series)");
        int points = 0;
        for (JsonNode s : series) {
            points += s.get("values").size();
        }
        assertTrue(points > 10, "the population cube has a value per year");
        assertEquals(points, browser.eval("Number(document.querySelector('div.chart').dataset.drawn)").asInt());
        assertTrue(browser.eval("document.querySelector('div.chart canvas').width").asInt() > 0);
        shot("chart");
    }

    @Test
    void searchSuggestsAsYouType() throws Exception {
        browser.open(root + "/?lang=kk");
        // typed without the Kazakh letters: "Караганды" must find "Қарағанды"
        browser.eval("(() => { const i = document.querySelector('header input[name=q]'); i.focus(); i.value = 'Караганд';"
                + " i.dispatchEvent(new Event('input')); return true; })()");
        browser.waitUntil("document.querySelector('ul.suggest li')", Duration.ofSeconds(10));
        String suggestions = text("document.querySelector('ul.suggest').textContent");
        assertTrue(suggestions.contains("Қарағанды"), suggestions);
        shot("autocomplete");
    }

    @Test
    void yasguiRunsAQueryAndShowsRows() throws Exception {
        browser.open(root + "/sparql?lang=en");
        browser.waitUntil("window.ashyqYasgui", Duration.ofSeconds(10));
        int examples = browser.eval("document.querySelectorAll('a[data-query]').length").asInt();
        assertTrue(examples >= 3, "the README's example queries are one click away");
        browser.eval("document.querySelector('a[data-example=service-centres-by-oblast]').click(), true");
        browser.waitUntil("document.querySelectorAll('.yasr table tbody tr').length > 0", Duration.ofSeconds(20));
        int rows = browser.eval("document.querySelectorAll('.yasr table tbody tr').length").asInt();
        assertTrue(rows > 0);
        shot("yasgui");
    }

    @Test
    void theShowcaseDrawsItsMapAndChartOnAPhone() throws Exception {
        browser.viewport(390, 844);
        try {
            browser.open(root + "/showcase?lang=ru");
            browser.waitUntil("document.querySelector('div.map[data-drawn]') && document.querySelector('div.chart[data-drawn]')",
                    Duration.ofSeconds(10));
            int points = browser.eval("JSON.parse(document.querySelector('div.map').dataset.points).length").asInt();
            assertEquals(points, browser.eval("document.querySelectorAll('div.map path.leaflet-interactive').length").asInt(),
                    "a marker per place near the point");
            assertTrue(browser.eval("Number(document.querySelector('div.chart').dataset.drawn)").asInt() >= 20,
                    "the region's years plotted");
            int overflow = browser.eval("document.documentElement.scrollWidth - window.innerWidth").asInt();
            assertTrue(overflow <= 0, "the showcase is " + overflow + " px wider than a phone");
            shot("showcase-phone");
        } finally {
            browser.send("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    @Test
    void theQualityRankingAndADatasetsPanelFitAPhone() throws Exception {
        browser.viewport(390, 844);
        try {
            for (String page : List.of("/quality?lang=ru", "/doc/dataset/polyclinics?lang=kk#quality")) {
                browser.open(root + page);
                browser.waitUntil("document.querySelector('div.chart[data-drawn]')", Duration.ofSeconds(10));
                assertTrue(browser.eval("Number(document.querySelector('div.chart').dataset.drawn)").asInt() >= 1,
                        "the points over releases plotted on " + page);
                int overflow = browser.eval("document.documentElement.scrollWidth - window.innerWidth").asInt();
                assertTrue(overflow <= 0, page + " is " + overflow + " px wider than a phone");
                assertEquals("", browser.eval("[...document.querySelectorAll('main table, main td')].filter(t => "
                        + "t.getBoundingClientRect().right > document.documentElement.clientWidth + 1 "
                        + "|| (t.tagName === 'TD' && t.scrollWidth > t.clientWidth + 1))"
                        + ".map(t => t.tagName + '.' + t.className + ':' + t.textContent.slice(0, 20) + ' ' + Math.round(t.getBoundingClientRect().right) + '/' + document.documentElement.clientWidth + ' ' + t.scrollWidth + '>' + t.clientWidth).join(' | ')").asText(),
                        "tables of " + page + " reach past the screen's edge, or cells past their own");
            }
            shot("quality-panel-phone");
            browser.open(root + "/quality?lang=ru");
            shot("quality-phone");
        } finally {
            browser.send("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    @Test
    void phoneWidthHasNoSidewaysScroll() throws Exception {
        browser.viewport(390, 844);
        try {
            browser.open(root + "/doc/kato/710000000?lang=kk");
            int overflow = browser.eval("document.documentElement.scrollWidth - window.innerWidth").asInt();
            assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a phone");
            shot("phone");
        } finally {
            browser.send("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }
}
