package kz.ashyq.mapping.rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.ashyq.cli.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV cases of the RML test suites (kg-construct/rml-test-cases for the older namespace,
 * kg-construct/rml-io for RML-IO), run through {@code ashyq map}: the output must be isomorphic
 * to the expected dataset, and where a case's metadata expects an error, {@code ashyq map} must
 * exit non-zero.
 */
class RmlConformanceTest {

    private static final Path SUITES = Path.of("src/test/resources/conformance");
    private static final String BASE = "http://example.com/base/";

    /** Cases not run, with the reason: printed with the results. */
    private static final Map<String, String> SKIPPED = Map.of(
            "RMLSTC0006a", "needs a relational database (a D2RQ source); Ashyq maps files",
            "RMLSTC0009a", "its metadata expects an error for a header of quoted names (\"id\",\"name\",\"age\"), "
                    + "which RFC 4180 and CSVW read as id,name,age; every data.egov.kz file quotes its header, "
                    + "so Ashyq reads it (and produces the case's own output.nq)");

    private static final Map<String, String> RESULTS = new TreeMap<>();

    @TempDir
    static Path tmp;

    record Case(String suite, String id, Path dir, boolean errorExpected, String expectedFile) {}

    @TestFactory
    Stream<DynamicTest> legacyRmlCsvCases() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Map<String, String> r : metadata(SUITES.resolve("rml-legacy/metadata.csv"))) {
            String id = r.get("RML id");
            if (id.endsWith("-CSV")) {
                cases.add(new Case("rml-legacy", id, SUITES.resolve("rml-legacy/test-cases/" + id),
                        Boolean.parseBoolean(r.get("error expected?")), "output.nq"));
            }
        }
        assertEquals(39, cases.size(), "the 39 CSV cases of the legacy suite");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)));
    }

    @TestFactory
    Stream<DynamicTest> rmlIoCsvCases() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Map<String, String> r : metadata(SUITES.resolve("rml-io/test-cases/metadata.csv"))) {
            String id = r.get("ID");
            // the copied cases are those with a CSV source (RMLSTC0008b mixes JSON and CSV)
            if (id.startsWith("RMLSTC") && Files.isDirectory(SUITES.resolve("rml-io/test-cases/" + id))) {
                cases.add(new Case("rml-io", id, SUITES.resolve("rml-io/test-cases/" + id),
                        Boolean.parseBoolean(r.get("error")), "default.nq"));
            }
        }
        assertEquals(10, cases.size(), "the 10 CSV cases of RML-IO");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)));
    }

    private static void run(Case c) throws Exception {
        if (SKIPPED.containsKey(c.id())) {
            RESULTS.put(c.suite() + " " + c.id(), "skipped: " + SKIPPED.get(c.id()));
            return;
        }
        Path out = tmp.resolve(c.id() + ".nq");
        Path mapping = c.dir().resolve("mapping.ttl");
        int code = Files.readString(mapping).contains("CurrentWorkingDirectory")
                ? subprocess(c.dir(), mapping, out) : inProcess(mapping, out);
        if (c.errorExpected()) {
            assertNotEquals(0, code, c.id() + " expects an error");
            RESULTS.put(c.suite() + " " + c.id(), "error, as expected (exit " + code + ")");
            return;
        }
        assertEquals(0, code, c.id() + " maps without error");
        DatasetGraph expected = DatasetGraphFactory.create();
        Path expectedFile = c.dir().resolve(c.expectedFile());
        if (Files.size(expectedFile) > 0) {
            RDFDataMgr.read(expected, expectedFile.toString());
        }
        DatasetGraph actual = DatasetGraphFactory.create();
        RDFDataMgr.read(actual, out.toString());
        assertTrue(IsoMatcher.isomorphic(expected, actual), c.id() + ": output differs from " + c.expectedFile()
                + "\nexpected:\n" + Files.readString(expectedFile) + "\nactual:\n" + Files.readString(out));
        RESULTS.put(c.suite() + " " + c.id(), "passed");
    }

    private static int inProcess(Path mapping, Path out) {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.run("map", mapping.toString(), "-o", out.toString(), "--base", BASE);
        } finally {
            System.setErr(err);
        }
    }

    /** A case whose source is relative to the working directory runs in a JVM started there. */
    private static int subprocess(Path dir, Path mapping, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "map", mapping.toAbsolutePath().toString(), "-o", out.toAbsolutePath().toString(), "--base", BASE)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(new File(tmp.toFile(), "sub.log"))
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        return p.exitValue();
    }

    private static List<Map<String, String>> metadata(Path csv) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(rec.toMap());
            }
        }
        return out;
    }

    @AfterAll
    static void summary() {
        long passed = RESULTS.values().stream().filter(v -> v.equals("passed")).count();
        long errors = RESULTS.values().stream().filter(v -> v.startsWith("error")).count();
        long skipped = RESULTS.values().stream().filter(v -> v.startsWith("skipped")).count();
        System.out.printf("RML conformance: %d cases run: %d outputs isomorphic, %d expected errors raised, %d skipped%n",
                RESULTS.size(), passed, errors, skipped);
        RESULTS.forEach((id, r) -> {
            if (r.startsWith("skipped")) {
                System.out.println("  " + id + " " + r);
            }
        });
    }
}
