package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kz.ashyq.cli.Main;
import kz.ashyq.config.EndpointLimits;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A CSV that breaks its mapping stops its load with exit code 2 and a message naming file, row
 * and column, and the store keeps the previous release, as served over HTTP.
 */
class FailedReloadTest {

    private static final String BASE = "http://data.example.kz/";
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final String GOOD = "code,name_ru,name_kk,population,opened,geo\n"
            + "1,Астана,Астана,1350228,26.11.2025,\"51.16, 71.40\"\n2,Алматы,Алматы,2228675,01.01.2024,\n";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path mapping() throws Exception {
        for (String f : new String[] {"units.yml", "other.csv"}) {
            Files.copy(FIXTURES.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("units.csv"), GOOD, StandardCharsets.UTF_8);
        return dir.resolve("units.yml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed number | code,name_ru,name_kk,population,opened,geo\\n1,Астана,Астана,lots,26.11.2025,\\n | row 1, column 'population'",
        "missing key column | kod,name_ru,name_kk,population,opened,geo\\n1,Астана,Астана,1,26.11.2025,\\n | column 'code' is not in",
        "not CSV | code,name_ru,name_kk,population,opened,geo\\n1,\"Астана,Астана,1,26.11.2025,\\n | not valid CSV",
    })
    void aBrokenCsvExits2AndTheStoreKeepsServingThePreviousRelease(String what, String csv, String expected)
            throws Exception {
        Path mapping = mapping();
        Path storeDir = dir.resolve("store");
        Run first = cli("load", "--store", storeDir.toString(), "--base", BASE, mapping.toString());
        assertEquals(0, first.code(), first.err());

        Files.writeString(dir.resolve("units.csv"), csv.replace("\\n", "\n"), StandardCharsets.UTF_8);
        Run second = cli("load", "--store", storeDir.toString(), mapping.toString());
        assertEquals(2, second.code(), what + ": " + second.err());
        assertTrue(second.err().contains(expected), second.err());
        assertTrue(second.err().contains("units.csv") || second.err().contains("units.yml"), second.err());
        assertTrue(second.err().contains("previous version"), second.err());
        assertTrue(!second.err().contains("\tat "), "a message, not a stack trace");

        try (Store store = Store.open(storeDir)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(storeDir).port(0).build(), store).start();
            try {
                Http http = new Http(server.port());
                HttpResponse<String> r = http.get("/doc/unit/2", "Accept", "application/n-triples");
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("\"2228675\"^^<http://www.w3.org/2001/XMLSchema#integer>"), r.body());
                assertEquals(2, http.count("SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH <" + BASE
                        + "graph/units> { ?s a <http://example.org/Unit> } }"), "the first release, whole");
            } finally {
                server.stop();
            }
        }
    }

    /**
     * A dataset that fails after writing thousands of new nodes must not break the next one in
     * the same load (TDB2's node cache after an abort; the store reopens).
     */
    @Test
    void theDatasetAfterALargeFailedOneStillLoads() throws Exception {
        Path mapping = mapping();
        StringBuilder csv = new StringBuilder("code,name_ru,name_kk,population,opened,geo\n");
        for (int i = 1; i < 5000; i++) {
            csv.append(i).append(",Город ").append(i).append(",Қала ").append(i).append(',').append(i * 10)
                    .append(",01.01.2020,\"51.1, 71.").append(i).append("\"\n");
        }
        csv.append("9999,X,Y,lots,01.01.2020,\n");
        Files.writeString(dir.resolve("units.csv"), csv, StandardCharsets.UTF_8);
        Path storeDir = dir.resolve("store");
        Run r = cli("load", "--store", storeDir.toString(), "--base", BASE, mapping.toString(),
                "mappings/tax-rates.yml");
        assertEquals(2, r.code(), "the failed dataset sets the exit code");
        assertTrue(r.err().contains("units not loaded"), r.err());
        assertTrue(r.out().contains("tax-rates") && r.out().contains("release 1"), r.out() + r.err());
        assertTrue(!r.err().contains("NodeTable"), r.err());
        try (Store store = Store.open(storeDir)) {
            assertEquals(0, (long) store.read(d -> d.getGraph(org.apache.jena.graph.NodeFactory.createURI(BASE + "graph/units")).size()));
            assertTrue(store.read(d -> d.getGraph(org.apache.jena.graph.NodeFactory.createURI(BASE + "graph/tax-rates")).size()) > 0);
        }
    }

    @Test
    void aBrokenMappingExits2BeforeAnythingLoads() throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "mappings:\n  x:\n    sources: [a.csv~csv]\n    s: id/$(a\n", StandardCharsets.UTF_8);
        Run r = cli("load", "--store", dir.resolve("store").toString(), bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yml:4: unclosed '$('"), r.err());
    }

    @Test
    void aMappingNamedLikeRegistryRmlLoadsAsRegistryAndOneWithNoIdExits2() throws Exception {
        Path mapping = mapping();
        String yaml = Files.readString(mapping, StandardCharsets.UTF_8)
                .replaceAll("(?m)^dataset:\\n(  .*\\n)*", ""); // no declared id
        Path named = Files.writeString(dir.resolve("Post_Units.v2.yml"), yaml, StandardCharsets.UTF_8);
        Path nameless = Files.writeString(dir.resolve("№.yml"), yaml, StandardCharsets.UTF_8);
        Path storeDir = dir.resolve("store");
        Run bad = cli("load", "--store", storeDir.toString(), "--base", BASE, named.toString(), nameless.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("№.yml") && bad.err().contains("dataset: id:"), bad.err());
        assertTrue(!bad.out().contains("post-units"), "nothing loads: " + bad.out());
        Run good = cli("load", "--store", storeDir.toString(), "--base", BASE, named.toString());
        assertEquals(0, good.code(), good.err());
        try (Store store = Store.open(storeDir)) {
            assertEquals(12L, (long) store.read(d -> d.getGraph(
                    org.apache.jena.graph.NodeFactory.createURI(BASE + "graph/post-units")).size()));
        }
    }

    @Test
    void usageErrorsExit2AndHelpExits0() {
        assertEquals(2, cli("load").code(), "--store and mappings are required");
        assertEquals(0, cli("map", "--help").code());
        assertEquals(0, cli("serve", "--help").code());
        assertEquals(0, cli("demo", "--help").code());
        assertEquals(2, cli("map", "nothing.yml", "-o", dir.resolve("x.nt").toString()).code());
        Run r = cli("serve", "--store", dir.resolve("unserved").toString(), "--queries", dir.resolve("my-apis").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("my-apis: no such folder"), r.err());
        Run cache = cli("serve", "--store", dir.resolve("unserved").toString(), "--result-cache-mb", "-1");
        assertEquals(2, cache.code(), cache.err());
        assertTrue(cache.err().contains("--result-cache-mb -1: must be 0 (none)"), cache.err());
        Run kept = cli("serve", "--store", dir.resolve("unserved").toString(), "--analytic-memory-mb", "-5");
        assertEquals(2, kept.code(), kept.err());
        assertTrue(kept.err().contains("--analytic-memory-mb -5: must be 0 (none)"), kept.err());
        assertEquals(kz.ashyq.sparql.AnalyticEngine.DEFAULT_KEPT_BYTES, EndpointLimits.DEFAULTS.analyticMemoryBytes(),
                "the server's default is the engine's");
        // a run reads only its own command's options; help and mistakes still know them all
        Run help = cli("--help");
        for (String command : List.of("demo", "map", "load", "serve", "compact", "history", "restore", "links", "help")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " missing from\n" + help.out());
        }
        Run helpOn = cli("help", "load");
        assertEquals(0, helpOn.code(), helpOn.err());
        assertTrue(helpOn.out().contains("Usage: ashyq load"), helpOn.out());
        Run typo = cli("lod", "--store", "x");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean: ashyq load"), typo.err());
    }

    @Test
    void mapWritesTheFormatOfTheExtensionAndNothingOnFailure() throws Exception {
        Path mapping = mapping();
        for (String ext : new String[] {"nt", "nq", "ttl", "trig", "jsonld"}) {
            Path out = dir.resolve("out." + ext);
            Run r = cli("map", mapping.toString(), "-o", out.toString(), "--base", BASE);
            assertEquals(0, r.code(), r.err());
            org.apache.jena.sparql.core.DatasetGraph dsg = org.apache.jena.riot.RDFDataMgr.loadDatasetGraph(out.toString());
            assertTrue(dsg.find().hasNext(), ext + " parses and holds quads");
        }
        Files.writeString(dir.resolve("units.csv"), "code,name_ru,name_kk,population,opened,geo\n1,a,b,x,y,\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("fail.nt");
        Run r = cli("map", mapping.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(!Files.exists(out), "no half-written output");
        assertTrue(r.err().contains("2 problems in the data"), r.err());
    }
}
