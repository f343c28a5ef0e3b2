package kz.ashyq.mapping.rml;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import org.apache.jena.graph.Node;

/**
 * Reads an RML logical source: the file ({@code rml:source} as a path, or RML-IO's
 * {@code rml:path} with {@code rml:root}, or a CSVW table's {@code csvw:url}), the reference
 * formulation, the iterator, and the CSV dialect from CSVW terms, {@code rml:null} and
 * {@code rml:encoding}.
 */
final class RmlSources {

    /**
     * Ashyq's reference formulation for a data.egov.kz export: a CSV whose {@code data} cell
     * holds the records as a Python literal, referred to with JSONPath.
     */
    static final String EGOV_EXPORT = kz.ashyq.config.Namespaces.ASHYQ + "EgovExport";


    private RmlSources() {}

    static LogicalSource read(RmlTerms t, Node ls, Path mappingFile, Location where) {
        Node src = t.one(ls, "source", where);
        if (src == null) {
            throw new MappingException(where, "the logical source has no source");
        }
        Path dir = mappingFile.getParent();
        Path file;
        Node desc = null;
        if (src.isLiteral()) {
            file = dir.resolve(src.getLiteralLexicalForm()).normalize();
        } else {
            desc = src;
            String path = t.text(src, "path", where);
            if (path == null) {
                path = t.text(src, "url", where);
            }
            if (path == null) {
                throw new MappingException(where, "this kind of source is not supported (only files: rml:path or csvw:url)");
            }
            Node root = t.one(src, "root", where);
            Path rootDir = RmlTerms.is(root, "CurrentWorkingDirectory") ? Path.of("").toAbsolutePath() : dir;
            file = rootDir.resolve(path).normalize();
        }
        Node rf = t.one(ls, "referenceFormulation", where);
        LogicalSource.Format format;
        if (rf == null) {
            format = file.toString().endsWith(".json") ? LogicalSource.Format.JSON : LogicalSource.Format.CSV;
        } else if (RmlTerms.is(rf, "CSV")) {
            format = LogicalSource.Format.CSV;
        } else if (RmlTerms.is(rf, "JSONPath")) {
            format = LogicalSource.Format.JSON;
        } else if (rf.isURI() && rf.getURI().equals(EGOV_EXPORT)) {
            format = LogicalSource.Format.PORTAL;
        } else {
            throw new MappingException(where, "reference formulation " + RmlTerms.describe(rf)
                    + " is not supported (CSV, JSONPath and ashyq:EgovExport are)");
        }
        String iterator = t.text(ls, "iterator", where);
        boolean legacy = t.graph().find(ls, Node.ANY, Node.ANY).toList().stream()
                .anyMatch(tr -> tr.getPredicate().getURI().startsWith(RmlTerms.RML_LEGACY));
        return new LogicalSource(file, format, dialect(t, desc, legacy, where), iterator, where);
    }

    private static CsvDialect dialect(RmlTerms t, Node desc, boolean legacy, Location where) {
        // R2RML-era CSV processors read an empty cell as NULL; RML-IO makes nulls explicit.
        Set<String> nulls = new HashSet<>(legacy ? Set.of("") : Set.of());
        String encoding = null;
        char delimiter = ',';
        char quote = '"';
        Character escape = null;
        boolean header = true;
        int skipRows = 0;
        boolean trim = false;
        if (desc != null) {
            t.all(desc, "null").forEach(n -> nulls.add(n.getLiteralLexicalForm()));
            Node enc = t.one(desc, "encoding", where);
            encoding = encoding(enc);
            Node d = t.one(desc, "dialect", where);
            if (d != null) {
                String e = t.text(d, "encoding", where);
                encoding = e != null ? e : encoding;
                delimiter = oneChar(t.text(d, "delimiter", where), delimiter, where);
                quote = oneChar(t.text(d, "quoteChar", where), quote, where);
                String doubleQuote = t.text(d, "doubleQuote", where);
                if ("false".equals(doubleQuote)) {
                    escape = '\\';
                }
                String h = t.text(d, "header", where);
                header = h == null ? header : Boolean.parseBoolean(h);
                String hrc = t.text(d, "headerRowCount", where);
                if (hrc != null) {
                    header = Integer.parseInt(hrc) > 0;
                }
                String skip = t.text(d, "skipRows", where);
                skipRows = skip == null ? 0 : Integer.parseInt(skip);
                String tr = t.text(d, "trim", where);
                trim = tr != null && !tr.equals("false");
                t.all(d, "null").forEach(n -> nulls.add(n.getLiteralLexicalForm()));
            }
        }
        try {
            return new CsvDialect(encoding, delimiter, quote, escape, header, skipRows, trim, nulls);
        } catch (IllegalArgumentException e) {
            throw new MappingException(where, "bad CSV dialect: " + e.getMessage());
        }
    }

    private static String encoding(Node enc) {
        if (enc == null) {
            return null;
        }
        if (enc.isLiteral()) {
            return enc.getLiteralLexicalForm();
        }
        String u = enc.getURI();
        return u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf('#')) + 1);
    }

    private static char oneChar(String s, char fallback, Location where) {
        if (s == null) {
            return fallback;
        }
        String v = s.equals("\\t") ? "\t" : s;
        if (v.length() != 1) {
            throw new MappingException(where, "'" + s + "' must be one character");
        }
        return v.charAt(0);
    }

}
