package kz.ashyq.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;

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

    /** What was written, read through Jena's strict N-Quads parser (N-Triples is a subset). */
    private static DatasetGraph readBack(ByteArrayOutputStream bytes) {
        DatasetGraph read = DatasetGraphFactory.create();
        RDFParser.source(new ByteArrayInputStream(bytes.toByteArray())).lang(Lang.NQUADS).strict(true).parse(read);
        return read;
    }
}
