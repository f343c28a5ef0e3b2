package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ashyq harvest}: the real client against a local stand-in for data.egov.kz that replays a
 * sample export in the API's shape, with paging, a changed record, error pages and an answer that
 * comes too late. What is published is checked in the store; the API key in every file and message.
 */
class HarvestTest {

    private static final String KEY = "k3y-0f-the-portal-5ecret";
    private static final String DATASET = "ps_centers";
    private static final Node GRAPH = NodeFactory.createURI("http://localhost:8080/graph/ps-centers");

    @TempDir
    Path tmp;
    private PortalReplay portal;
    private Path keyFile;

    @BeforeEach
    void start() throws Exception {
        portal = new PortalReplay().dataset(DATASET, Path.of("data/egov-samples/central-data.csv"), description(),
                "v2", "v10", "preview");
        keyFile = tmp.resolve("key");
        Files.writeString(keyFile, KEY + "\n");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** The portal's description of the service centres, in its shape (names, agency, column labels). */
    static ObjectNode description() {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("apiUri", DATASET);
        m.put("nameRu", "Центры обслуживания населения");
        m.put("nameKk", "Халыққа қызмет көрсету орталықтары");
        m.put("descriptionRu", "Адреса и телефоны ЦОН");
        m.putArray("keywords").add("ЦОН");
        m.putObject("responsible").put("fullnameRu", "Государственная корпорация «Правительство для граждан»")
                .put("email", "info@gov4c.kz");
        m.putObject("fields").putObject("Code").put("type", "String").put("labelRu", "Код отдела")
                .put("labelKk", "Бөлім коды");
        return m;
    }

    private FailedReloadTest.Run harvest(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("harvest", DATASET, "--portal-url", portal.url(), "--api-key-file",
                keyFile.toString(), "--dir", tmp.resolve("harvest").toString(), "--page-size", "3", "--pause-ms", "50",
                "--backoff-ms", "20", "--timeout-ms", "1500"));
        args.addAll(List.of(more));
        return FailedReloadTest.cli(args.toArray(String[]::new));
    }

    private FailedReloadTest.Run harvestInto(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--store", tmp.resolve("store").toString()));
        args.addAll(List.of(more));
        return harvest(args.toArray(String[]::new));
    }

    private List<String> labels() {
        try (Store s = Store.open(tmp.resolve("store"))) {
            return s.read(d -> d.stream(GRAPH, Node.ANY, RDFS.label.asNode(), Node.ANY)
                    .filter(q -> !q.getSubject().getURI().contains("/property/"))
                    .map(q -> q.getObject().getLiteralLexicalForm()).sorted().toList());
        }
    }

    private int releases() throws Exception {
        FailedReloadTest.Run h = FailedReloadTest.cli("history", "--store", tmp.resolve("store").toString(), "ps-centers");
        assertEquals(0, h.code(), h.err());
        return (int) h.out().lines().filter(l -> l.matches("\\d+ .*")).count();
    }

    @Test
    void aDatasetIsHarvestedPageByPageDraftedAndPublishedAgainOnlyWhenItChanges() throws Exception {
        FailedReloadTest.Run first = harvestInto();
        assertEquals(0, first.code(), first.out() + first.err());

        // the latest version among v2, v10 and a name that is no version; pages of 3 from 0 to 9
        List<PortalReplay.Request> pages = portal.pageRequests();
        assertEquals(List.of(0, 3, 6, 9), pages.stream().map(r -> new ObjectMapperHolder().from(r)).toList());
        assertTrue(pages.stream().allMatch(r -> r.path().equals("/api/v4/ps_centers/v10") && KEY.equals(r.query().get("apiKey"))),
                pages.toString());
        for (int i = 1; i < portal.requests.size(); i++) {
            long gapMs = (portal.requests.get(i).at() - portal.requests.get(i - 1).at()) / 1_000_000;
            assertTrue(gapMs >= 50, "each request at least the pause after the answer before: " + gapMs + " ms");
        }

        Path home = tmp.resolve("harvest").resolve(DATASET);
        assertEquals(11, Files.readAllLines(home.resolve("ps_centers.csv")).size(), "a header and the 10 records");
        String draft = Files.readString(home.resolve("ps-centers.yml"));
        assertTrue(draft.contains("ru: \"Центры обслуживания населения\""), "the portal's title in the draft:\n" + draft);
        assertTrue(draft.contains("labelled 'Код отдела'"), "the portal's column label in the draft:\n" + draft);
        assertTrue(draft.contains("source: " + portal.url() + "datasets/view?index=ps_centers"), draft);
        assertEquals(20, labels().size(), "every centre published with its kk and ru names");
        assertTrue(draft.contains("\"Code\": {ru: \"Код отдела\", kk: \"Бөлім коды\"}")
                || draft.contains("\"Code\": {kk: \"Бөлім коды\", ru: \"Код отдела\"}"), draft);
        try (Store s = Store.open(tmp.resolve("store"))) {
            Node code = NodeFactory.createURI("http://localhost:8080/id/ps-centers/property/code");
            assertEquals(List.of("Код отдела@ru", "Бөлім коды@kk"), s.read(d -> d.stream(GRAPH, code, RDFS.label.asNode(),
                    Node.ANY).map(q -> q.getObject().getLiteralLexicalForm() + "@" + q.getObject().getLiteralLanguage())
                    .sorted(java.util.Comparator.reverseOrder()).toList()), "the dataset's own property has the column's labels");
            long values = s.read((java.util.function.Function<org.apache.jena.sparql.core.DatasetGraph, Long>) d -> d.stream(GRAPH, Node.ANY, code, Node.ANY).count());
            assertEquals(10L, values,
                    "and is the property the draft used, one value a centre");
        }
        assertEquals(1, releases());
        assertKeyNowhere(first);

        // the same records: fetched, and nothing published
        FailedReloadTest.Run same = harvestInto();
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("Unchanged since the last publication"), same.out());
        assertEquals(8, portal.pageRequests().size());
        assertEquals(1, releases());

        // one record changed on the portal: a new release with it
        portal.records(DATASET).get(4).put("NameRus", "Центр на новом месте");
        FailedReloadTest.Run changed = harvestInto();
        assertEquals(0, changed.code(), changed.out() + changed.err());
        assertEquals(2, releases());
        assertTrue(labels().contains("Центр на новом месте"), labels().toString());
        assertKeyNowhere(changed);
    }

    @Test
    void errorPagesAndLateAnswersAreTriedAgainWithBackOff() throws Exception {
        portal.lateBy(3_000).faults(PortalReplay.Fault.ERROR_503, PortalReplay.Fault.HTML_PAGE,
                PortalReplay.Fault.TOO_LATE);
        FailedReloadTest.Run r = harvestInto("--attempts", "4");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("HTTP 503; trying again in 20 ms (attempt 2 of 4)"), r.err());
        assertTrue(r.err().contains("not JSON: <html><body>Ведутся технические работы"), r.err());
        assertTrue(r.err().contains("no answer in 1500 ms; trying again in 80 ms (attempt 4 of 4)"), r.err());
        assertTrue(r.err().contains("apiKey=REDACTED") || !r.err().contains("apiKey"), r.err());
        assertEquals(20, labels().size());
        assertKeyNowhere(r);
    }

    @Test
    void aPortalThatKeepsFailingPublishesNothingAndKeepsTheFilesBefore() throws Exception {
        assertEquals(0, harvestInto().code());
        Path csv = tmp.resolve("harvest").resolve(DATASET).resolve("ps_centers.csv");
        byte[] before = Files.readAllBytes(csv);
        List<String> labelsBefore = labels();

        portal.records(DATASET).get(4).put("NameRus", "Центр, которого не увидят");
        portal.always(PortalReplay.Fault.ERROR_500);
        FailedReloadTest.Run r = harvestInto("--attempts", "3");
        assertEquals(1, r.code(), "the portal, not the request, is at fault: " + r.err());
        assertTrue(r.err().contains("failed 3 times") && r.err().contains("HTTP 500"), r.err());
        assertTrue(r.err().contains("/api/v4/mapping/ps_centers"), "the message names the URL: " + r.err());
        assertKeyNowhere(r);
        assertEquals(labelsBefore, labels(), "the release before is served whole");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(csv)), "the harvest before is kept");
        assertEquals(1, releases());

        // the description and the first page come, the second page fails: the same
        portal.always(null).faults(PortalReplay.Fault.NONE, PortalReplay.Fault.NONE, PortalReplay.Fault.ERROR_500);
        FailedReloadTest.Run halfway = harvestInto("--version", "10", "--attempts", "1");
        assertEquals(1, halfway.code(), halfway.err());
        assertTrue(halfway.err().contains("from%22%3A3"), "the second page failed: " + halfway.err());
        assertEquals(labelsBefore, labels());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(csv)));
        try (Stream<Path> left = Files.list(csv.getParent())) {
            assertEquals(List.of("harvest.properties", "meta.json", "ps-centers.yml", "ps_centers.csv"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no half-written file is left");
        }
    }

    @Test
    void aDatasetOrVersionThePortalDoesNotHaveIsBadInput() throws Exception {
        FailedReloadTest.Run none = FailedReloadTest.cli("harvest", "no_such_dataset", "--portal-url", portal.url(),
                "--dir", tmp.resolve("harvest").toString(), "--pause-ms", "0");
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("the portal has no dataset 'no_such_dataset'"), none.err());

        FailedReloadTest.Run version = harvest("--version", "7");
        assertEquals(2, version.code(), version.err());
        assertTrue(version.err().contains("no version v7 of 'ps_centers'"), version.err());

        FailedReloadTest.Run bad = harvest("--version", "../../etc");
        assertEquals(2, bad.code(), bad.err());
        assertFalse(Files.exists(tmp.resolve("store")), "nothing was published");
    }

    @Test
    void aServerHarvestsItsListOnScheduleAndServesEachChangeAsItCommits() throws Exception {
        Path list = tmp.resolve("harvest.txt");
        Files.writeString(list, "# the service centres, version 10\nps_centers v10\n");
        kz.ashyq.config.Harvesting polite = kz.ashyq.config.Harvesting.DEFAULTS.withPortal(java.net.URI.create(portal.url()));
        polite = new kz.ashyq.config.Harvesting(polite.portal(), java.time.Duration.ofMillis(20), polite.timeout(), 2,
                java.time.Duration.ofMillis(20), 4);
        try (Store store = Store.open(tmp.resolve("served"))) {
            AshyqServer server = AshyqServer.create(kz.ashyq.config.ServerConfig.builder(store.dir()).port(0)
                    .harvest(java.util.Optional.of(new kz.ashyq.config.HarvestSchedule(list, tmp.resolve("harvest"),
                            java.time.Duration.ofSeconds(1), polite))).build(), store).start();
            try {
                Http http = new Http(server.port());
                String labels = "SELECT (COUNT(*) AS ?n) { GRAPH <" + GRAPH.getURI() + "> { ?s <" + RDFS.label.getURI()
                        + "> ?l FILTER (!CONTAINS(STR(?s), '/property/')) } }";
                awaitTrue(() -> http.count(labels) == 20, "the harvest published as the server started");
                awaitTrue(() -> http.get("/health").body().contains("\"outcome\":\"published\""),
                        "/health tells the publication");

                portal.records(DATASET).get(7).put("NameRus", "Центр после обновления портала");
                String changed = "ASK { GRAPH <" + GRAPH.getURI() + "> { ?s <" + RDFS.label.getURI()
                        + "> \"Центр после обновления портала\"@ru } }";
                awaitTrue(() -> http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + GRAPH.getURI() + "> { ?s <"
                        + RDFS.label.getURI() + "> \"Центр после обновления портала\"@ru } }") == 1,
                        "the change published at a later round");
                awaitTrue(() -> http.get("/health").body().contains("\"outcome\":\"unchanged\""),
                        "a round after that finds nothing new: " + changed);
                assertEquals(20, http.count(labels));

                portal.always(PortalReplay.Fault.ERROR_503);
                awaitTrue(() -> http.get("/health").body().contains("\"outcome\":\"failed\""),
                        "a portal that fails is told in /health");
                assertEquals(1, http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + GRAPH.getURI() + "> { ?s <"
                        + RDFS.label.getURI() + "> \"Центр после обновления портала\"@ru } }"), "the release is kept");
            } finally {
                server.stop();
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The key is in no message and no file the harvest kept. */
    private void assertKeyNowhere(FailedReloadTest.Run r) throws Exception {
        assertFalse((r.out() + r.err()).contains(KEY), "the key in a message:\n" + r.out() + r.err());
        try (Stream<Path> files = Files.walk(tmp.resolve("harvest"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(KEY), "the key in " + f);
            }
        }
    }

    /** Reads the {@code from} of a page request's {@code source}. */
    private static final class ObjectMapperHolder {
        int from(PortalReplay.Request r) {
            try {
                return new ObjectMapper().readTree(r.query().get("source")).path("from").asInt(-1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
