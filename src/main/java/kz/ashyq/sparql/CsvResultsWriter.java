package kz.ashyq.sparql;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;

/**
 * SPARQL 1.1 CSV results as the recommendation writes them: IRIs and literals by their text,
 * blank nodes as {@code _:label} (Jena 5.6's writer leaves out the {@code _:}, so a client cannot
 * tell a blank node from a literal), fields quoted when they hold a comma, a quote or a line
 * break, lines ended by CRLF.
 */
public final class CsvResultsWriter implements RowSetWriter {

    private CsvResultsWriter() {}

    /** Makes this the writer of {@code text/csv} results for every endpoint in the JVM. */
    public static void register() {
        RowSetWriterRegistry.register(ResultSetLang.RS_CSV, lang -> new CsvResultsWriter());
    }

    @Override
    public void write(OutputStream out, RowSet rows, Context context) {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(w, rows, context);
    }

    @Override
    public void write(Writer out, RowSet rows, Context context) {
        try {
            List<Var> vars = rows.getResultVars();
            for (int i = 0; i < vars.size(); i++) {
                out.write((i > 0 ? "," : "") + field(vars.get(i).getVarName()));
            }
            out.write("\r\n");
            Map<Node, String> labels = new HashMap<>();
            while (rows.hasNext()) {
                Binding b = rows.next();
                for (int i = 0; i < vars.size(); i++) {
                    Node n = b.get(vars.get(i));
                    out.write((i > 0 ? "," : "") + (n == null ? "" : field(text(n, labels))));
                }
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(OutputStream out, boolean result, Context context) {
        try {
            out.write(("_askResult\r\n" + result + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Node n, Map<Node, String> labels) {
        if (n.isURI()) {
            return n.getURI();
        }
        if (n.isBlank()) {
            // labels are per result, as the recommendation allows: stable within it, short
            return labels.computeIfAbsent(n, k -> "_:b" + labels.size());
        }
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    private static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
