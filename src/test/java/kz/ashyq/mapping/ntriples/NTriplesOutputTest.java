package kz.ashyq.mapping.ntriples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.engine.MappingReport;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ashyq map} writes reads back, through Jena's strict N-Quads parser, as the same quads. */
class NTriplesOutputTest {

    @Test
    void everyKindOfTermReadsBackAsWritten() {
        Node s = NodeFactory.createURI("http://data.example.kz/id/kindergarten/1");
        Node p = NodeFactory.createURI("https://schema.org/name");
        List<Node> objects = List.of(
                NodeFactory.createLiteralLang("«Айгөлек» балабақшасы", "kk"),
                NodeFactory.createLiteralString("a \"quoted\" back\\slash\nnew line\r\ttab"),
                NodeFactory.createLiteralString("emoji 😀 and 𝄞, Ұлытау"),
                NodeFactory.createLiteralDT("230", XSDDatatype.XSDinteger),
                // longer than the writer's buffer holds encoded, escapes and all
                NodeFactory.createLiteralString("Ә\"\\\n".repeat(30_000)),
                NodeFactory.createLiteralString("x".repeat(70_000)),
                NodeFactory.createURI("http://data.example.kz/id/kato/Ұлытау"),
                // outside the Basic Multilingual Plane: a surrogate pair in Java, four bytes in UTF-8
                NodeFactory.createURI("http://data.example.kz/id/place/😀𝄞"),
                NodeFactory.createBlankNode("row-1"));
        List<Quad> quads = new ArrayList<>();
        for (Node o : objects) {
            quads.add(Quad.create(Quad.defaultGraphIRI, s, p, o));
            quads.add(Quad.create(NodeFactory.createURI("http://data.example.kz/graph/g"), s, p, o));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NTriplesOutput out = new NTriplesOutput(bytes, true);
        out.start();
        // enough rounds that terms straddle the buffer's drains
        for (int i = 0; i < 200; i++) {
            for (Quad q : quads) {
                if (q.isDefaultGraph()) {
                    out.triple(Triple.create(q.getSubject(), q.getPredicate(), q.getObject()));
                } else {
                    out.quad(q);
                }
            }
        }
        out.finish();
        DatasetGraph read = readBack(bytes);
        // a label names one blank node throughout a document, so the rounds read back as one
        assertEquals(quads.size(), read.stream().count());
        for (Quad q : quads) {
            Node o = q.getObject().isBlank() ? Node.ANY : q.getObject();
            assertTrue(read.find(q.getGraph(), s, p, o).hasNext(), () -> "missing " + q);
        }
    }
    @Test
    void aSubjectWrittenAgainIsTheSameSubjectWhateverItsLength() {
        // the writer copies a subject's bytes once and writes them again for the triples after it:
        // short, longer than the copy's first size, and longer than the whole buffer
        List<Node> subjects = new ArrayList<>();
        for (int len : new int[] {10, 300, 5_000, 30_000}) {
            subjects.add(NodeFactory.createURI("http://data.example.kz/id/" + "ә".repeat(len)));
        }
        List<Node> predicates = List.of(NodeFactory.createURI("https://schema.org/name"),
                NodeFactory.createURI("https://schema.org/address"), NodeFactory.createURI("https://schema.org/url"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NTriplesOutput out = new NTriplesOutput(bytes, false);
        out.start();
        List<Triple> written = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            for (Node s : subjects) {
                for (Node p : predicates) {
                    Triple t = Triple.create(s, p, NodeFactory.createLiteralString("round " + round));
                    written.add(t);
                    out.triple(t);
                }
            }
        }
        out.finish();
        DatasetGraph read = readBack(bytes);
        assertEquals(written.size(), read.getDefaultGraph().size());
        for (Triple t : written) {
            assertTrue(read.getDefaultGraph().contains(t), () -> "missing " + t);
        }
    }

    /**
     * The engine encodes the rows of common maps to bytes itself, without Jena nodes: those bytes
     * must be the ones the writer makes of the nodes, term for term, whatever the cells hold.
     */
    @Test
    void rowsEncodedByTheEngineAreTheBytesOfTheirNodes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("things.yml"), """
                prefixes:
                  ex: http://example.org/
                sources:
                  things: [things.csv~csv]
                mappings:
                  thing:
                    sources: things
                    s: id/thing/$(id)
                    po:
                      - [a, ex:Thing]
                      - [ex:name, $(name), kk~lang]
                      - [ex:label, $(name)]
                      - [ex:region, id/kato/$(kato)~iri]
                      - [ex:pair, id/pair/$(kato)/$(name)~iri]
                      - [ex:absolute, http://example.org/name/$(name)?kato=$(kato)~iri]
                      - [ex:home, $(url)~iri]
                      - [ex:note, a constant note]
                      - p: ex:count
                        o: {value: $(n), datatype: xsd:integer}
                      - p: ex:ratio
                        o: {value: $(ratio), datatype: xsd:decimal}
                      - p: ex:tagged
                        o: {value: $(name), language: $(lang)}
                      - p: ex:slug
                        o: {function: ashyqfn:translit, parameters: [[value, $(name)]]}
                      - p: ex:node
                        o: {value: $(kato), type: blank}
                  place:
                    sources: things
                    s: {value: place-$(kato), type: blank}
                    po:
                      - [ex:code, $(kato)]
                """, StandardCharsets.UTF_8);
        String[] names = {"Айгөлек", "№5 «Ромашка» ‘қ’", "a \"quoted\" back\\slash", "line\nbreak", "emoji 😀 𝄞", "tab\tand space",
            "<angle> {brace} |pipe| ^caret^ `tick`", ""};
        String[] counts = {"230", "+7", "007", "-0", "99999999999999999999", "1.5", "many", ""};
        String[] urls = {"http://example.org/ok", "http://example.org/with space", "not an iri", ""};
        StringBuilder csv = new StringBuilder("id,name,kato,n,ratio,url,lang\n");
        for (int i = 0; i < 3_000; i++) {
            String name = names[i % names.length] + (i % 3 == 0 ? "" : " " + i % 50);
            csv.append(i).append(',').append(quoted(name)).append(',').append(i % 300 == 0 ? "" : 100_000 + i % 40)
                    .append(',').append(counts[i % counts.length]).append(',').append(i % 11 == 0 ? "x" : "1." + i)
                    .append(',').append(quoted(urls[i % urls.length])).append(',').append(i % 5 == 0 ? "ru" : "kk-KZ")
                    .append('\n');
        }
        Files.writeString(dir.resolve("things.csv"), csv, StandardCharsets.UTF_8);
        Mapping mapping = YarrrmlReader.read(dir.resolve("things.yml"));
        LoadOptions lenient = new LoadOptions(new BaseIri("http://data.example.kz/"), true, 5);

        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        NTriplesOutput direct = new NTriplesOutput(encoded, false);
        MappingReport one = map(mapping, lenient, direct, 1);
        ByteArrayOutputStream fromNodes = new ByteArrayOutputStream();
        NTriplesOutput viaNodes = new NTriplesOutput(fromNodes, false);
        // wrapped, the output is any StreamRDF to the engine, which then makes nodes
        MappingReport other = map(mapping, lenient, new StreamRDFWrapper(viaNodes), 1);
        // on four processors or more, batches of rows are encoded on several threads
        ByteArrayOutputStream inParallel = new ByteArrayOutputStream();
        NTriplesOutput parallel = new NTriplesOutput(inParallel, false);
        MappingReport three = map(mapping, lenient, parallel, 3);

        assertEquals(0, direct.nodes(), "the engine encoded every row itself");
        assertEquals(other.triples(), viaNodes.nodes());
        assertTrue(one.triples() > 3_000 * 10, "triples: " + one.triples());
        assertEquals(other.triples(), one.triples());
        assertEquals(other.warnings(), one.warnings());
        assertEquals(other.warningCount(), one.warningCount());
        assertTrue(one.warningCount() > 0, "bad integers, decimals and IRIs are skipped with a warning");
        assertEquals(fromNodes.toString(StandardCharsets.UTF_8), encoded.toString(StandardCharsets.UTF_8));
        assertEquals(0, parallel.nodes());
        assertEquals(one.triples(), three.triples());
        assertEquals(one.warnings(), three.warnings());
        assertEquals(encoded.toString(StandardCharsets.UTF_8), inParallel.toString(StandardCharsets.UTF_8));
        long distinct = encoded.toString(StandardCharsets.UTF_8).lines().distinct().count();
        assertEquals(distinct, readBack(encoded).stream().count(), "every line reads back");
    }

    private static String quoted(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    /** Maps on {@code threads} threads (1: the calling thread alone, as on two processors), whatever this machine has. */
    private static MappingReport map(Mapping mapping, LoadOptions options, org.apache.jena.riot.system.StreamRDF out,
            int threads) {
        out.start();
        try {
            return MappingEngine.run(mapping, options, MappingEngine.RunOptions.ALL.withThreads(threads), out,
                    MappingEngine.Progress.NONE);
        } finally {
            out.finish();
        }
    }

    /** What was written, read through Jena's strict N-Quads parser (N-Triples is a subset). */
    private static DatasetGraph readBack(ByteArrayOutputStream bytes) {
        DatasetGraph read = DatasetGraphFactory.create();
        RDFParser.source(new ByteArrayInputStream(bytes.toByteArray())).lang(Lang.NQUADS).strict(true).parse(read);
        return read;
    }
}
