package kz.ashyq.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;

/**
 * The staging file gives back exactly the rows written: every kind of term (IRIs, blank nodes,
 * plain, language-tagged, directional and typed literals, triple terms), hostile text (Kazakh,
 * surrogate pairs, controls, long strings past the buffer), terms that recur and terms that
 * push each other out of the table of recent ones, triples and quads in their order.
 */
class StagedRowsTest {

    @Test
    void rowsComeBackAsWritten() throws IOException {
        for (int seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            List<Object> rows = new ArrayList<>();
            List<Node> pool = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                Node s = pick(r, pool, false);
                Node p = NodeFactory.createURI("https://schema.org/p" + r.nextInt(12));
                Node o = pick(r, pool, true);
                rows.add(r.nextInt(10) == 0 ? Quad.create(NodeFactory.createURI("http://g.kz/" + r.nextInt(3)), s, p, o)
                        : Triple.create(s, p, o));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StreamRDF w = StagedRows.writer(bytes);
            w.start();
            for (Object row : rows) {
                if (row instanceof Triple t) {
                    w.triple(t);
                } else {
                    w.quad((Quad) row);
                }
            }
            w.finish();
            List<Object> read = new ArrayList<>();
            StagedRows.read(new ByteArrayInputStream(bytes.toByteArray()), new StreamRDFBase() {
                @Override
                public void triple(Triple t) {
                    read.add(t);
                }

                @Override
                public void quad(Quad q) {
                    read.add(q);
                }
            });
            assertEquals(rows, read, "seed " + seed);
        }
    }

    @Test
    void aFileCutShortIsAnError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StreamRDF w = StagedRows.writer(bytes);
        w.triple(Triple.create(NodeFactory.createURI("http://a.kz/s"), NodeFactory.createURI("http://a.kz/p"),
                NodeFactory.createLiteralString("x".repeat(100_000))));
        w.finish();
        byte[] all = bytes.toByteArray();
        assertTrue(all.length > 100_000, "a literal longer than the buffer is written whole");
        byte[] cut = Arrays.copyOf(all, all.length / 2);
        assertThrows(IOException.class, () -> StagedRows.read(new ByteArrayInputStream(cut), new StreamRDFBase()));
    }

    /** A term seen before (half the time), or a new one of a random kind. */
    private static Node pick(Random r, List<Node> pool, boolean object) {
        if (!pool.isEmpty() && r.nextBoolean()) {
            return pool.get(r.nextInt(pool.size()));
        }
        Node n = switch (object ? r.nextInt(8) : r.nextInt(2)) {
            case 0 -> NodeFactory.createURI("http://data.kz/id/" + text(r));
            case 1 -> NodeFactory.createBlankNode("b" + r.nextInt(1_000_000));
            case 2 -> NodeFactory.createLiteralString(text(r));
            case 3 -> NodeFactory.createLiteralLang(text(r), r.nextBoolean() ? "kk" : "ru-Cyrl-KZ");
            case 4 -> NodeFactory.createLiteralDirLang(text(r), "ar", r.nextBoolean() ? "rtl" : "ltr");
            case 5 -> NodeFactory.createLiteralDT(Integer.toString(r.nextInt(1000) - 500), XSDDatatype.XSDinteger);
            case 6 -> NodeFactory.createLiteralDT(text(r), NodeFactory.getType("http://example.kz/dt" + r.nextInt(3)));
            default -> NodeFactory.createTripleTerm(NodeFactory.createURI("http://data.kz/a"),
                    NodeFactory.createURI("http://data.kz/b"), NodeFactory.createLiteralLang(text(r), "kk"));
        };
        pool.add(n);
        return n;
    }

    private static String text(Random r) {
        String[] parts = {"Қарағанды", "Алматы", "😀", "\u0000", "\n", "\"", "<b>", "a", "\uD83C\uDDF0\uD83C\uDDFF", "ө"};
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(30) == 0 ? 70_000 : r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(n > 1000 ? "x" : parts[r.nextInt(parts.length)]);
        }
        return b.toString();
    }
}
