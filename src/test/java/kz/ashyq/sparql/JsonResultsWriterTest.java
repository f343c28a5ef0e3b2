package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.rw.RowSetWriterJSON;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.junit.jupiter.api.Test;

/** The endpoint's JSON results are Jena's, term for term, whatever the terms hold. */
class JsonResultsWriterTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final RowSetWriter JENA = RowSetWriterJSON.factory.create(ResultSetLang.RS_JSON);

    @Test
    void randomAnswersAreWrittenAsJenaWritesThem() throws Exception {
        JsonResultsWriter.register();
        RowSetWriter ours = org.apache.jena.riot.rowset.RowSetWriterRegistry.getFactory(ResultSetLang.RS_JSON)
                .create(ResultSetLang.RS_JSON);
        Random random = new Random(2026);
        for (int round = 0; round < 200; round++) {
            List<Var> vars = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                vars.add(Var.alloc("v" + i));
            }
            List<Binding> rows = new ArrayList<>();
            List<Node> blanks = List.of(NodeFactory.createBlankNode(), NodeFactory.createBlankNode());
            for (int r = 0, n = random.nextInt(6); r < n; r++) {
                BindingBuilder b = Binding.builder();
                for (Var v : vars) {
                    if (random.nextInt(5) > 0) { // some unbound
                        b.add(v, term(random, blanks, 1));
                    }
                }
                rows.add(b.build());
            }
            ByteArrayOutputStream jena = new ByteArrayOutputStream();
            JENA.write(jena, RowSetStream.create(vars, rows.iterator()), null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ours.write(bytes, RowSetStream.create(vars, rows.iterator()), null);
            StringWriter chars = new StringWriter();
            ours.write(chars, RowSetStream.create(vars, rows.iterator()), null);
            JsonNode expected = MAPPER.readTree(jena.toString(StandardCharsets.UTF_8));
            assertEquals(expected, MAPPER.readTree(bytes.toString(StandardCharsets.UTF_8)), "round " + round);
            assertEquals(expected, MAPPER.readTree(chars.toString()), "round " + round + ", as characters");
        }
        for (boolean answer : new boolean[] {true, false}) {
            ByteArrayOutputStream jena = new ByteArrayOutputStream();
            JENA.write(jena, answer, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ours.write(bytes, answer, null);
            assertEquals(MAPPER.readTree(jena.toByteArray()), MAPPER.readTree(bytes.toByteArray()));
        }
    }

    /** Every kind of term: IRIs, blank nodes, plain, language, directional and typed literals, triple terms. */
    private static Node term(Random random, List<Node> blanks, int depth) {
        String text = text(random);
        return switch (random.nextInt(depth > 0 ? 7 : 6)) {
            case 0 -> NodeFactory.createURI("http://example.org/" + random.nextInt(100));
            case 1 -> blanks.get(random.nextInt(blanks.size()));
            case 2 -> NodeFactory.createLiteralString(text);
            case 3 -> NodeFactory.createLiteralLang(text, random.nextBoolean() ? "kk" : "ru-Cyrl");
            case 4 -> NodeFactory.createLiteralDirLang(text, "ar", random.nextBoolean() ? TextDirection.RTL : TextDirection.LTR);
            case 5 -> NodeFactory.createLiteralDT(Integer.toString(random.nextInt(1000) - 500),
                    random.nextBoolean() ? XSDDatatype.XSDinteger : XSDDatatype.XSDdecimal);
            default -> NodeFactory.createTripleTerm(NodeFactory.createURI("http://example.org/s"),
                    NodeFactory.createURI("http://example.org/p"), term(random, blanks, depth - 1));
        };
    }

    /** Text a CSV cell may hold: quotes, backslashes, control characters, line separators, markup, Cyrillic. */
    private static String text(Random random) {
        String[] parts = {"Алматы", "\"", "\\", "\n", "\t", "\u0001", "\u2028", "</script>", "a", " ", "😀", "қ"};
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = random.nextInt(8); i < n; i++) {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.toString();
    }
}
