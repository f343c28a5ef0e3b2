package kz.ashyq.publish;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * The staging file's rows: triples and quads whose terms are written once and then referred to
 * while they stay in a table of recent terms, which writer and reader keep alike. A registry's
 * row repeats its subject in every triple, and all rows share predicates, types, datatypes and
 * the places they link to: those go as a slot number, and the reader gives back the same
 * {@link Node}, which the release's lookups then compare by identity.
 * <p>
 * Hand-written, in place of Jena's RDF Thrift, for what a profile of a million-row reload
 * showed: Thrift's writer tried every IRI against a prefix map and encoded every term in full,
 * 5 of the 9 s of staging, and its reader took 6 s more; this format writes a subject once a row.
 * It lives for one release, in the store's own folder, read by the process that wrote it.
 */
final class StagedRows {

    private static final int TRIPLE = 'T';
    private static final int QUAD = 'Q';
    private static final int END = 'E';
    private static final int REF = 1;
    private static final int URI = 2;
    private static final int BLANK = 3;
    private static final int STRING = 4;
    private static final int LANG = 5;
    private static final int LANG_DIR = 6;
    private static final int TYPED = 7;
    private static final int TRIPLE_TERM = 8;
    private static final int SLOTS = 1 << 14;

    private StagedRows() {}

    private static int slot(Node n) {
        return (n.hashCode() * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(SLOTS));
    }

    /** A stream that writes rows to {@code out}; {@link StreamRDF#finish} marks their end and flushes. */
    static StreamRDF writer(OutputStream out) {
        return new Writer(out);
    }

    private static final class Writer extends StreamRDFBase {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int at;
        private final Node[] table = new Node[SLOTS];

        Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void triple(Triple t) {
            put(TRIPLE);
            term(t.getSubject());
            term(t.getPredicate());
            term(t.getObject());
        }

        @Override
        public void quad(Quad q) {
            if (q.isDefaultGraph()) {
                triple(q.asTriple());
                return;
            }
            put(QUAD);
            term(q.getGraph());
            term(q.getSubject());
            term(q.getPredicate());
            term(q.getObject());
        }

        @Override
        public void finish() {
            put(END);
            flush();
        }

        private void term(Node n) {
            int slot = slot(n);
            Node kept = table[slot];
            if (kept != null && (kept == n || kept.equals(n))) {
                put(REF);
                varint(slot);
                return;
            }
            if (n.isURI()) {
                head(URI, slot);
                string(n.getURI());
            } else if (n.isBlank()) {
                head(BLANK, slot);
                string(n.getBlankNodeLabel());
            } else if (n.isLiteral()) {
                literal(n, slot);
            } else if (n.isTripleTerm()) {
                head(TRIPLE_TERM, slot);
                term(n.getTriple().getSubject());
                term(n.getTriple().getPredicate());
                term(n.getTriple().getObject());
            } else {
                throw new IllegalArgumentException("not an RDF term: " + n);
            }
            table[slot] = n;
        }

        private void literal(Node n, int slot) {
            String lang = n.getLiteralLanguage();
            TextDirection dir = n.getLiteralBaseDirection();
            if (lang != null && !lang.isEmpty()) {
                head(dir == null ? LANG : LANG_DIR, slot);
                string(n.getLiteralLexicalForm());
                string(lang);
                if (dir != null) {
                    string(dir.direction());
                }
            } else if (XSDDatatype.XSDstring.getURI().equals(n.getLiteralDatatypeURI())) {
                head(STRING, slot);
                string(n.getLiteralLexicalForm());
            } else {
                head(TYPED, slot);
                string(n.getLiteralLexicalForm());
                term(NodeFactory.createURI(n.getLiteralDatatypeURI()));
            }
        }

        private void head(int kind, int slot) {
            put(kind);
            varint(slot);
        }

        private void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            if (b.length > buffer.length - at) {
                flush();
                if (b.length > buffer.length) {
                    write(b, b.length);
                    return;
                }
            }
            System.arraycopy(b, 0, buffer, at, b.length);
            at += b.length;
        }

        private void varint(int v) {
            while ((v & ~0x7F) != 0) {
                put((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            put(v);
        }

        private void put(int b) {
            if (at == buffer.length) {
                flush();
            }
            buffer[at++] = (byte) b;
        }

        private void flush() {
            write(buffer, at);
            at = 0;
        }

        private void write(byte[] b, int n) {
            try {
                out.write(b, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Sends the rows read from {@code in} to {@code out}, between its start and finish. */
    static void read(InputStream in, StreamRDF out) throws IOException {
        new Reader(in).run(out);
    }

    private static final class Reader {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int at;
        private int limit;
        private final Node[] table = new Node[SLOTS];
        private final Map<String, RDFDatatype> datatypes = new HashMap<>();

        Reader(InputStream in) {
            this.in = in;
        }

        void run(StreamRDF out) throws IOException {
            out.start();
            for (int row = get(); row != END; row = get()) {
                if (row == TRIPLE) {
                    Node s = term();
                    Node p = term();
                    out.triple(Triple.create(s, p, term()));
                } else if (row == QUAD) {
                    Node g = term();
                    Node s = term();
                    Node p = term();
                    out.quad(Quad.create(g, s, p, term()));
                } else {
                    throw new IOException("staging file: no row starts with byte " + row);
                }
            }
            out.finish();
        }

        private Node term() throws IOException {
            int kind = get();
            int slot = varint();
            if (kind == REF) {
                return table[slot];
            }
            Node n = switch (kind) {
                case URI -> NodeFactory.createURI(string());
                case BLANK -> NodeFactory.createBlankNode(string());
                case STRING -> NodeFactory.createLiteralString(string());
                case LANG -> NodeFactory.createLiteralLang(string(), string());
                case LANG_DIR -> NodeFactory.createLiteralDirLang(string(), string(), string());
                case TYPED -> {
                    String lex = string();
                    String dt = term().getURI();
                    yield NodeFactory.createLiteralDT(lex,
                            datatypes.computeIfAbsent(dt, u -> TypeMapper.getInstance().getSafeTypeByName(u)));
                }
                case TRIPLE_TERM -> {
                    Node s = term();
                    Node p = term();
                    yield NodeFactory.createTripleTerm(s, p, term());
                }
                default -> throw new IOException("staging file: no term of kind " + kind);
            };
            table[slot] = n;
            return n;
        }

        private String string() throws IOException {
            int n = varint();
            if (n > buffer.length) {
                byte[] big = new byte[n];
                int got = Math.min(n, limit - at);
                System.arraycopy(buffer, at, big, 0, got);
                at += got;
                while (got < n) {
                    int r = in.read(big, got, n - got);
                    if (r < 0) {
                        throw new EOFException("staging file ends in a term");
                    }
                    got += r;
                }
                return new String(big, StandardCharsets.UTF_8);
            }
            ensure(n);
            String s = new String(buffer, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }

        private int varint() throws IOException {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = get();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        private int get() throws IOException {
            if (at == limit) {
                ensure(1);
            }
            return buffer[at++] & 0xFF;
        }

        /** Makes the next {@code n} bytes, at most the buffer's size, readable in it. */
        private void ensure(int n) throws IOException {
            if (limit - at >= n) {
                return;
            }
            System.arraycopy(buffer, at, buffer, 0, limit - at);
            limit -= at;
            at = 0;
            while (limit < n) {
                int r = in.read(buffer, limit, buffer.length - limit);
                if (r < 0) {
                    throw new EOFException("staging file ends in a row");
                }
                limit += r;
            }
        }
    }
}
