package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ashyq map}'s switches: --explain, --check, --provenance, --lenient, and the error limit. */
class MapCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    private Path mapping(String csv) throws Exception {
        for (String f : new String[] {"units.yml", "other.csv"}) {
            Files.copy(FIXTURES.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("units.csv"), csv, StandardCharsets.UTF_8);
        return dir.resolve("units.yml");
    }

    @Test
    void explainPrintsRmlThatReadsBack() throws Exception {
        Path m = mapping("code,name_ru,name_kk,population,opened,geo\n1,a,b,1,26.11.2025,\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = kz.ashyq.cli.Main.run("map", "--explain", m.toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, code);
        String rml = out.toString(StandardCharsets.UTF_8);
        assertTrue(rml.contains("rml:TriplesMap") && rml.contains("rml:functionExecution") && rml.contains("rml:joinCondition"), rml);
        Path ttl = dir.resolve("units.rml.ttl");
        Files.writeString(ttl, rml, StandardCharsets.UTF_8);
        FailedReloadTest.Run r = FailedReloadTest.cli("map", ttl.toString(), "-o", dir.resolve("from-rml.nt").toString(),
                "--base", "http://x.kz/");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void checkFindsCellsThatDoNotFitWithoutWritingAnything() throws Exception {
        Path good = mapping("code,name_ru,name_kk,population,opened,geo\n1,a,b,1,26.11.2025,\n");
        FailedReloadTest.Run ok = FailedReloadTest.cli("map", "--check", good.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().contains("is fine"), ok.err());

        Files.writeString(dir.resolve("units.csv"), "code,name_ru,name_kk,population,opened,geo\n1,a,b,many,26.11.2025,\n",
                StandardCharsets.UTF_8);
        FailedReloadTest.Run bad = FailedReloadTest.cli("map", "--check", good.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("row 1, column 'population'"), bad.err());

        Files.writeString(dir.resolve("units.csv"), "kod,name_ru,name_kk,population,opened,geo\n1,a,b,1,26.11.2025,\n",
                StandardCharsets.UTF_8);
        FailedReloadTest.Run missing = FailedReloadTest.cli("map", "--check", good.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("column 'code' is not in"), missing.err());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".nt")), "--check writes nothing");
        }
    }

    @Test
    void manyBadRowsAreListedUpToALimitThenCounted() throws Exception {
        StringBuilder csv = new StringBuilder("code,name_ru,name_kk,population,opened,geo\n");
        for (int i = 1; i <= 50; i++) {
            csv.append(i).append(",a,b,").append(i % 2 == 0 ? "bad" : "1").append(",26.11.2025,\n");
        }
        Path m = mapping(csv.toString());
        FailedReloadTest.Run r = FailedReloadTest.cli("map", m.toString(), "-o", dir.resolve("x.nt").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("25 problems in the data"), r.err());
        assertTrue(r.err().contains("row 2, column 'population'") && r.err().contains("row 40, column 'population'"), r.err());
        assertTrue(r.err().contains("... and 5 more"), r.err());

        FailedReloadTest.Run lenient = FailedReloadTest.cli("map", m.toString(), "-o", dir.resolve("x.nt").toString(), "--lenient");
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("skipped 25 problems"), lenient.err());
    }

    @Test
    void provenanceRecordsFileHashAndRowOfEverySubject() throws Exception {
        Path m = mapping("code,name_ru,name_kk,population,opened,geo\n1,a,b,1,26.11.2025,\n2,c,d,2,27.11.2025,\n");
        Path out = dir.resolve("p.nq");
        FailedReloadTest.Run r = FailedReloadTest.cli("map", m.toString(), "-o", out.toString(), "--provenance",
                "--base", "http://x.kz/");
        assertEquals(0, r.code(), r.err());
        DatasetGraph dsg = RDFDataMgr.loadDatasetGraph(out.toString());
        Node graph = NodeFactory.createURI("urn:ashyq:provenance");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("units.csv"))));
        assertTrue(dsg.contains(graph, NodeFactory.createURI("http://x.kz/id/unit/2"),
                NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom"),
                NodeFactory.createURI("urn:sha256:" + sha + "#row=2")));
        assertTrue(dsg.contains(graph, NodeFactory.createURI("urn:sha256:" + sha), Node.ANY,
                NodeFactory.createLiteralString("units.yml")));

        Path plain = dir.resolve("plain.nq");
        assertEquals(0, FailedReloadTest.cli("map", m.toString(), "-o", plain.toString()).code());
        assertFalse(RDFDataMgr.loadDatasetGraph(plain.toString()).containsGraph(graph), "nothing when off");
    }

    @Test
    void loadRecordsProvenanceInTheDatasetsOwnGraphAndReplacesItWithTheRelease() throws Exception {
        Path m = mapping("code,name_ru,name_kk,population,opened,geo\n1,a,b,1,26.11.2025,\n2,c,d,2,27.11.2025,\n");
        Path store = dir.resolve("store");
        String base = "http://x.kz/";
        assertEquals(0, FailedReloadTest.cli("load", "--store", store.toString(), "--base", base, "--provenance",
                m.toString()).code());
        String graph = kz.ashyq.publish.Publisher.provenanceGraph(new kz.ashyq.config.BaseIri(base), "units");
        try (kz.ashyq.store.Store s = kz.ashyq.store.Store.open(store)) {
            // two units from units.csv, and the three rows of other.csv that its map reads
            assertEquals(Long.valueOf(2), s.read(d -> d.getGraph(NodeFactory.createURI(graph)).find(Node.ANY,
                    NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom"), Node.ANY).toList().stream()
                    .filter(t -> t.getSubject().getURI().startsWith(base + "id/unit/")).count()));
            assertEquals(Integer.valueOf(5), s.read(d -> d.getGraph(NodeFactory.createURI(graph)).find(Node.ANY,
                    NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom"), Node.ANY).toList().size()));
        }
        assertEquals(0, FailedReloadTest.cli("load", "--store", store.toString(), m.toString()).code());
        try (kz.ashyq.store.Store s = kz.ashyq.store.Store.open(store)) {
            assertFalse(s.<Boolean>read(d -> d.getGraph(NodeFactory.createURI(graph)).find().hasNext()),
                    "a release without --provenance leaves no stale provenance");
        }
    }

    @Test
    void checkProfilesTheDataAndStrictStopsOnWarnings() throws Exception {
        // population always empty: a column that never gives a value is almost always a mistake
        Path m = mapping("code,name_ru,name_kk,population,opened,geo\n1,a,b,,26.11.2025,\n2,c,d,,26.11.2025,\n");
        FailedReloadTest.Run lax = FailedReloadTest.cli("map", "--check", m.toString());
        assertEquals(0, lax.code(), lax.err());
        assertTrue(lax.err().contains("units.csv") && lax.err().contains("2 rows"), "rows per source: " + lax.err());
        assertTrue(lax.err().contains("warning") && lax.err().contains("never got a value"), lax.err());
        FailedReloadTest.Run strict = FailedReloadTest.cli("map", "--check", "--strict", m.toString());
        assertEquals(2, strict.code(), strict.err());
    }

    @Test
    void everyBundledMappingPassesAStrictCheck() throws Exception {
        try (var mappings = Files.list(Path.of("mappings"))) {
            for (Path m : mappings.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                FailedReloadTest.Run r = FailedReloadTest.cli("map", "--check", "--strict", m.toString());
                assertEquals(0, r.code(), m + ": " + r.err());
            }
        }
    }
}
