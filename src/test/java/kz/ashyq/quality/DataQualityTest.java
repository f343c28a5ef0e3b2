package kz.ashyq.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each measure of the data, on a fixture whose right values are known (five rows: four clinics,
 * one key twice, one row without a phone, one clinic without a KATO code, outside Kazakhstan and
 * with a bed count that is no number), published as DQV, one set per release.
 */
class DataQualityTest {

    static final BaseIri BASE = new BaseIri("http://ashyq.test/");
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/quality/clinics.yml");
    private static final String DQV = "http://www.w3.org/ns/dqv#";
    private static final String ASHYQ = "https://w3id.org/ashyq/vocab#";

    /** The measurements of one release: metric (with its column or property after a space) → value. */
    static Map<String, Double> measurements(Store store, int release) {
        return store.read(d -> {
            Map<String, Double> out = new HashMap<>();
            Node graph = NodeFactory.createURI(BASE.qualityGraph("clinics"));
            Node releaseIri = NodeFactory.createURI(BASE.dataset("clinics") + "/release/" + release);
            d.find(graph, Node.ANY, NodeFactory.createURI(ASHYQ + "release"), releaseIri).forEachRemaining(q -> {
                Node m = q.getSubject();
                String metric = one(d, graph, m, DQV + "isMeasurementOf").getURI().substring(ASHYQ.length());
                Node column = one(d, graph, m, ASHYQ + "column");
                Node property = one(d, graph, m, ASHYQ + "measuredProperty");
                String key = metric + (column != null ? " " + column.getLiteralLexicalForm()
                        : property != null ? " " + property.getURI() : "");
                out.put(key, Double.parseDouble(one(d, graph, m, DQV + "value").getLiteralLexicalForm()));
            });
            return out;
        });
    }

    private static Node one(org.apache.jena.sparql.core.DatasetGraph d, Node g, Node s, String p) {
        var it = d.find(g, s, NodeFactory.createURI(p), Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    static void publish(Store store, Path mapping) {
        new Publisher(store, new LoadOptions(BASE, true, 20)).publish(YarrrmlReader.read(mapping),
                MappingEngine.Progress.NONE);
    }

    @Test
    void eachMeasureOfTheFixtureIsItsKnownValue(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            publish(store, FIXTURE);
            Map<String, Double> m = measurements(store, 1);
            // completeness: 40 cells, a phone, a KATO code and two districts missing
            assertEquals(0.8, m.get("completeness-column phone"), 1e-9);
            assertEquals(0.8, m.get("completeness-column kato"), 1e-9);
            assertEquals(1.0, m.get("completeness-column name_ru"), 1e-9);
            assertEquals(0.6, m.get("completeness-column district"), 1e-9);
            assertEquals(0.9, m.get("completeness"), 1e-9, "36 of 40 cells");
            // per property, over the 4 clinics: clinic 2 has a phone from its second row; clinic 3 no
            // KATO link and no bed count (its cell is no number, skipped under --lenient)
            assertEquals(1.0, m.get("completeness-property https://schema.org/telephone"), 1e-9);
            assertEquals(0.75, m.get("completeness-property https://schema.org/containedInPlace"), 1e-9);
            assertEquals(0.75, m.get("completeness-property https://schema.org/numberOfBeds"), 1e-9);
            assertEquals(1, m.get("invalid-values"), "the bed count that is no number");
            assertEquals(0.75, m.get("kato-links"), 1e-9, "3 of 4 clinics");
            assertEquals(0.5, m.get("dataset-links"), 1e-9, "clinics 1 and 2 link to their district");
            assertEquals(1, m.get("duplicate-keys"), "id 2 twice");
            assertEquals(1, m.get("coordinates-outside"), "clinic 3 at 10.5° N");
            assertEquals(5, m.get("stars"), "licensed, RDF, linked to KATO");
            assertTrue(!m.containsKey("days-since-previous-release"), "a first release has none before it");
            assertTrue(m.get("mqa-score") > 0 && m.get("mqa-score") <= 405, m.toString());
            assertEquals(30.0, m.get("mqa-keyword"), 1e-9);
            assertEquals(31, m.get("update-period-days"), "monthly");
            assertEquals(1, m.get("on-time"), "a first release is on time");
            assertEquals(0.0, m.get("mqa-temporal"), 1e-9, "the fixture says no period");
        }
    }

    @Test
    void aReleaseLaterThanItsFrequencyPromisesIsLate() {
        DataProfile.Counts none = new DataProfile.Counts(0, Map.of(), 0, 0, 0, 0);
        assertTrue(new Assessment("x", 2, java.time.Instant.now(), List.of(), List.of(), none, 0, 31, true, 31).onTime());
        assertTrue(!new Assessment("x", 2, java.time.Instant.now(), List.of(), List.of(), none, 0, 32, true, 31).onTime());
        assertTrue(new Assessment("x", 2, java.time.Instant.now(), List.of(), List.of(), none, 0, 400, true, 0).onTime(),
                "no frequency declared, no promise broken");
    }

    @Test
    void everyReleaseKeepsItsOwnSetInDqvWithMetricsTheVocabularyDefines(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("fixture");
        Files.createDirectories(data);
        Files.copy(FIXTURE, data.resolve("clinics.yml"));
        Files.writeString(data.resolve("clinics.csv"), Files.readString(FIXTURE.resolveSibling("clinics.csv"))
                .replace("10.5,71.0", "50.5,71.0"));
        try (Store store = Store.open(dir.resolve("store"))) {
            publish(store, FIXTURE);
            publish(store, data.resolve("clinics.yml"));
            assertEquals(1, measurements(store, 1).get("coordinates-outside"));
            Map<String, Double> second = measurements(store, 2);
            assertEquals(0, second.get("coordinates-outside"), "the clinic moved inside");
            assertEquals(0, second.get("days-since-previous-release"));
            assertEquals(measurements(store, 1).keySet(), second.keySet().stream()
                    .filter(k -> !k.equals("days-since-previous-release")).collect(Collectors.toSet()));

            Graph vocab = RDFDataMgr.loadGraph("vocab/quality.ttl");
            Set<String> metrics = vocab.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(DQV + "Metric"))
                    .mapWith(t -> t.getSubject().getURI()).toSet();
            List<String> used = store.read(d -> d.stream(NodeFactory.createURI(BASE.qualityGraph("clinics")), Node.ANY,
                    NodeFactory.createURI(DQV + "isMeasurementOf"), Node.ANY).map(q -> q.getObject().getURI())
                    .toList());
            assertTrue(metrics.containsAll(used), "undefined metrics: " + used.stream().filter(u -> !metrics.contains(u))
                    .distinct().toList());
            long measurements = store.read(d -> d.stream(NodeFactory.createURI(BASE.qualityGraph("clinics")), Node.ANY,
                    RDF.type.asNode(), NodeFactory.createURI(DQV + "QualityMeasurement")).count());
            assertEquals(used.size(), measurements, "each a dqv:QualityMeasurement");
        }
    }
}
