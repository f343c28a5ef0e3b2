package kz.ashyq.mapping.rml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ashyq map --explain} prints a YARRRML mapping as RML; that RML, read back, must produce
 * exactly the triples of the YARRRML, for every bundled mapping: one model, two syntaxes.
 */
class ExplainRoundTripTest {

    private static final LoadOptions OPTIONS = LoadOptions.strict(new BaseIri("http://data.example.kz/"));

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyBundledMappingMeansTheSameInRml() throws Exception {
        // the RML's paths are relative to the mapping's folder: give it the same neighbours
        Files.createDirectories(tmp.resolve("mappings"));
        Files.createSymbolicLink(tmp.resolve("data"), Path.of("data").toAbsolutePath());
        return Files.list(Path.of("mappings")).filter(p -> p.toString().endsWith(".yml")).sorted()
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> roundTrip(p)));
    }

    private static void roundTrip(Path yarrrml) throws Exception {
        Mapping m = YarrrmlReader.read(yarrrml);
        Path rml = tmp.resolve("mappings").resolve(m.datasetId() + ".ttl");
        Files.writeString(rml, RmlWriter.write(m), StandardCharsets.UTF_8);
        DatasetGraph a = map(m);
        DatasetGraph b = map(RmlReader.read(rml));
        assertTrue(a.find().hasNext(), "the mapping makes triples");
        assertTrue(IsoMatcher.isomorphic(a, b), yarrrml + " and its RML differ");
    }

    private static DatasetGraph map(Mapping m) {
        DatasetGraph dsg = DatasetGraphFactory.create();
        MappingEngine.run(m, OPTIONS, StreamRDFLib.dataset(dsg), MappingEngine.Progress.NONE);
        return dsg;
    }
}
