package kz.ashyq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as users run it, after {@code mvn package}: {@code ./ashyq map} with the build's
 * class-data-sharing archive writes the same RDF to standard output as the bare jar, nothing of
 * the JVM's own mixed in, and runs from the archive; a stale archive or a moved jar is ignored, not an error; batch commands, and only they, get C2's
 * raised thresholds. Runs under Failsafe, because it needs the packaged jar and archive.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path MAPPING = ROOT.resolve("src/cds/kato.rml.ttl");

    @Test
    void mapsFromTheArchiveAndWritesOnlyRdfToStandardOutput(@TempDir Path tmp) throws Exception {
        Path classLog = tmp.resolve("classes.log");
        Run launched = run(tmp, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "bash", ROOT.resolve("ashyq").toString(), "map", MAPPING.toString());
        Run bare = run(tmp, Map.of(), javaBin(), "-jar", ROOT.resolve("target/ashyq.jar").toString(), "map",
                MAPPING.toString());
        assertEquals(0, launched.exit, launched.err);
        assertEquals(0, bare.exit, bare.err);
        DatasetGraph fromLauncher = parse(launched.out);
        assertFalse(fromLauncher.getDefaultGraph().isEmpty());
        assertTrue(IsoMatcher.isomorphic(fromLauncher, parse(bare.out)), "the launcher's RDF differs from the jar's");
        String log = Files.readString(classLog);
        assertTrue(log.contains("kz.ashyq.mapping.source.CsvLexer source: shared objects file"),
                "the mapping classes did not come from target/ashyq.jsa");
        // the compiler directives the launcher passes are not announced, on either stream (which
        // methods the JIT then compiles is the JVM's business, and timing's: not checked here)
        assertFalse(launched.err.contains("directives"), launched.err);
        assertFalse(new String(launched.out, StandardCharsets.UTF_8).contains("directives"));
    }

    @Test
    void batchCommandsWaitLongerForC2AndOthersDoNot(@TempDir Path tmp) throws Exception {
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal");
        Run map = run(tmp, flags, "bash", ROOT.resolve("ashyq").toString(), "map", MAPPING.toString(),
                "-o", tmp.resolve("out.nt").toString());
        Run version = run(tmp, flags, "bash", ROOT.resolve("ashyq").toString(), "--version");
        assertEquals(0, map.exit, map.err);
        assertEquals(0, version.exit, version.err);
        assertEquals("100000", flag(map, "Tier4InvocationThreshold"));
        assertEquals("400000", flag(map, "Tier4BackEdgeThreshold"));
        assertEquals("5000", flag(version, "Tier4InvocationThreshold"));
        // a threshold of the user's own wins
        Run own = run(tmp, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal -XX:Tier4InvocationThreshold=7000"), "bash",
                ROOT.resolve("ashyq").toString(), "map", MAPPING.toString(), "-o", tmp.resolve("own.nt").toString());
        assertEquals("7000", flag(own, "Tier4InvocationThreshold"));
        assertEquals("40000", flag(own, "Tier4BackEdgeThreshold"));
    }

    /** A flag's value as -XX:+PrintFlagsFinal prints it on standard output. */
    private static String flag(Run r, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s" + name + "\\s+=\\s+(\\d+)")
                .matcher(new String(r.out, StandardCharsets.UTF_8));
        assertTrue(m.find(), name + " not printed");
        return m.group(1);
    }


    @Test
    void ignoresAStaleArchiveAndAMovedJar(@TempDir Path tmp) throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Files.copy(ROOT.resolve("ashyq"), tmp.resolve("ashyq"));
        Files.copy(ROOT.resolve("target/ashyq.jar"), target.resolve("ashyq.jar"));
        Files.copy(ROOT.resolve("target/ashyq.jsa"), target.resolve("ashyq.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        Run moved = run(tmp, Map.of(), "bash", tmp.resolve("ashyq").toString(), "map", MAPPING.toString());
        Files.setLastModifiedTime(target.resolve("ashyq.jsa"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Run stale = run(tmp, Map.of(), "bash", tmp.resolve("ashyq").toString(), "map", MAPPING.toString());
        for (Run r : List.of(moved, stale)) {
            assertEquals(0, r.exit, r.err);
            assertFalse(parse(r.out).getDefaultGraph().isEmpty());
            assertFalse(r.err.contains("warning]"), r.err);
        }
    }

    private static DatasetGraph parse(byte[] nquads) {
        DatasetGraph dsg = DatasetGraphFactory.create();
        RDFParser.source(new ByteArrayInputStream(nquads)).lang(Lang.NQUADS).strict(true).parse(dsg);
        return dsg;
    }

    private record Run(int exit, byte[] out, String err) {
    }

    private static Run run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        return new Run(exit, Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
