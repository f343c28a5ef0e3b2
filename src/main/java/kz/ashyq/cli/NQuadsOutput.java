package kz.ashyq.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes N-Triples (or N-Quads, for quads in named graphs) straight to UTF-8 bytes:
 * the output side of {@code ashyq map}, where the general RIOT writer, which escapes character by
 * character, costs more than mapping. Terms are checked as they are written: an IRI with a
 * character N-Triples forbids is written with {@code \\u} escapes, literals escape
 * {@code \\ " \n \r}, blank node labels are written in the characters N-Triples allows.
 */
final class NQuadsOutput extends StreamRDFBase {

    private static final String XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

    private final Utf8 w;
    private final boolean quads;
    /**
     * IRIs already found clean, with their bytes, by identity: predicates, classes, datatypes and
     * repeated objects are the same String objects triple after triple, so each is encoded once.
     */
    private final Map<String, byte[]> clean = new IdentityHashMap<>();
    /** The subject of consecutive triples is one node: its bytes are written again, not encoded again. */
    private Node lastSubject;
    /** Reused from row to row rather than copied anew: a million rows made 60 MB of garbage. */
    private byte[] lastSubjectBytes = new byte[256];
    private int lastSubjectLength;

    /** @param quads whether quads keep their graph (N-Quads) or are written as triples (N-Triples) */
    NQuadsOutput(OutputStream os, boolean quads) {
        this.w = new Utf8(os);
        this.quads = quads;
    }

    @Override
    public void triple(Triple t) {
        write(t.getSubject(), t.getPredicate(), t.getObject(), null);
    }

    @Override
    public void quad(Quad q) {
        write(q.getSubject(), q.getPredicate(), q.getObject(), quads && !q.isDefaultGraph() ? q.getGraph() : null);
    }

    @Override
    public void finish() {
        try {
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Node s, Node p, Node o, Node g) {
        try {
            if (s == lastSubject) {
                w.write(lastSubjectBytes, lastSubjectLength);
            } else {
                int start = w.mark();
                if (s.isURI()) {
                    // a row's subject: its next triples copy lastSubjectBytes, so it takes no place in the map
                    iri(s.getURI(), false);
                } else {
                    term(s);
                }
                lastSubjectLength = w.since(start, lastSubjectBytes);
                if (lastSubjectLength > lastSubjectBytes.length) {
                    lastSubjectBytes = new byte[lastSubjectLength];
                    lastSubjectLength = w.since(start, lastSubjectBytes);
                }
                lastSubject = lastSubjectLength < 0 ? null : s;
            }
            w.write(' ');
            term(p);
            w.write(' ');
            term(o);
            if (g != null) {
                w.write(' ');
                term(g);
            }
            w.write(" .\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void term(Node n) throws IOException {
        if (n.isURI()) {
            iri(n.getURI(), true);
        } else if (n.isLiteral()) {
            w.write('"');
            escape(n.getLiteralLexicalForm());
            w.write('"');
            String lang = n.getLiteralLanguage();
            if (!lang.isEmpty()) {
                w.write('@');
                w.write(lang);
            } else if (!XSD_STRING.equals(n.getLiteralDatatypeURI())) {
                w.write("^^");
                iri(n.getLiteralDatatypeURI(), true);
            }
        } else if (n.isBlank()) {
            w.write("_:b");
            String label = n.getBlankNodeLabel();
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                    w.write(c);
                } else {
                    w.write('_');
                    w.write(Integer.toHexString(c));
                    w.write('_');
                }
            }
        } else {
            throw new IllegalArgumentException("cannot write " + n + " in N-Triples");
        }
    }

    /**
     * Writes an IRI: from the map when it was met before, else encoded and checked in one pass
     * (and kept, if {@code keep}), else, when it holds a character N-Triples forbids, with
     * {@code \\u} escapes.
     */
    private void iri(String iri, boolean keep) throws IOException {
        w.write('<');
        byte[] cached = keep ? clean.get(iri) : null;
        if (cached != null) {
            w.write(cached);
        } else {
            int start = w.encode(iri, Utf8.IRI);
            if (start >= 0) {
                if (keep) {
                    if (clean.size() > 4096) {
                        clean.clear();
                    }
                    clean.put(iri, w.copy(start));
                }
            } else {
                for (int i = 0; i < iri.length(); ) {
                    int cp = iri.codePointAt(i);
                    i += Character.charCount(cp);
                    if (cp > 0xFFFF || allowedInIri((char) cp)) {
                        w.write(new String(Character.toChars(cp)));
                    } else {
                        w.write(String.format("\\u%04X", cp));
                    }
                }
            }
        }
        w.write('>');
    }

    private static boolean allowedInIri(char c) {
        return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' && c != '^'
                && c != '`' && c != '\\';
    }

    /** Writes a lexical form with {@code " \\ \n \r} escaped, in the one pass that encodes it. */
    private void escape(String s) throws IOException {
        if (w.encode(s, Utf8.LITERAL) < 0) {
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                String esc = ESCAPES[Math.min(s.charAt(i), ESCAPES.length - 1)];
                if (esc != null) {
                    w.write(s.substring(start, i));
                    w.write(esc);
                    start = i + 1;
                }
            }
            w.write(s.substring(start));
        }
    }

    private static final String[] ESCAPES = new String['\\' + 2];

    static {
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
    }

    /** A buffered UTF-8 encoder: N-Triples output is mostly short strings, encoded in one loop. */
    private static final class Utf8 {
        private final OutputStream os;
        private final byte[] buf = new byte[1 << 16];
        private int n;
        private long drains;
        private long markDrains;

        Utf8(OutputStream os) {
            this.os = os;
        }

        void write(String s) throws IOException {
            if (encode(s, PLAIN) < 0) {
                write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        /** {@link #encode} modes: as it is; escaped for a literal; checked for an IRI. */
        static final int PLAIN = 0;
        static final int LITERAL = 1;
        static final int IRI = 2;

        /**
         * Encodes a string straight into the buffer: as it is, escaped for a literal, or, for an
         * IRI, only if it holds nothing N-Triples forbids there. Returns where it starts in the
         * buffer, or -1, with nothing written, when it is too long for the buffer or an IRI holds a
         * forbidden character. A lone surrogate becomes {@code ?}, as {@link String#getBytes}
         * makes it (in an IRI: -1).
         */
        int encode(String s, int mode) throws IOException {
            int len = s.length();
            if (n + 3L * len > buf.length) {
                drain();
                if (3L * len > buf.length) {
                    return -1;
                }
            }
            byte[] b = buf;
            int k = n;
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (mode == LITERAL && c <= '\\' && ESCAPES[c] != null) {
                        b[k++] = '\\';
                        b[k++] = (byte) (c == '\n' ? 'n' : c == '\r' ? 'r' : c);
                    } else if (mode == IRI && !allowedInIri(c)) {
                        return -1;
                    } else {
                        b[k++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    b[k++] = (byte) (0xC0 | c >> 6);
                    b[k++] = (byte) (0x80 | c & 0x3F);
                } else if (!Character.isSurrogate(c)) {
                    b[k++] = (byte) (0xE0 | c >> 12);
                    b[k++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[k++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[k++] = (byte) (0xF0 | cp >> 18);
                    b[k++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[k++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[k++] = (byte) (0x80 | cp & 0x3F);
                } else if (mode == IRI) {
                    return -1;
                } else {
                    b[k++] = '?';
                }
            }
            int start = n;
            n = k;
            return start;
        }

        void write(byte[] b) throws IOException {
            write(b, b.length);
        }

        /** Writes the first {@code len} bytes of {@code b}. */
        void write(byte[] b, int len) throws IOException {
            if (n + len > buf.length) {
                drain();
                if (len > buf.length) {
                    os.write(b, 0, len);
                    drains++;
                    return;
                }
            }
            System.arraycopy(b, 0, buf, n, len);
            n += len;
        }

        void write(char c) throws IOException {
            if (c < 0x80) {
                if (n == buf.length) {
                    drain();
                }
                buf[n++] = (byte) c;
            } else {
                write(String.valueOf(c));
            }
        }

        /** A position in the buffer, for {@link #since}; the buffer is drained first if nearly full. */
        int mark() throws IOException {
            if (n > buf.length - 4096) {
                drain();
            }
            markDrains = drains;
            return n;
        }

        /** The bytes written since {@code from}, a position {@link #encode} just returned. */
        byte[] copy(int from) {
            return java.util.Arrays.copyOfRange(buf, from, n);
        }

        /**
         * Copies the bytes written since a mark into {@code to} and returns their number; -1 when
         * the buffer was drained in between; their number, with nothing copied, when {@code to} is
         * too small.
         */
        int since(int mark, byte[] to) {
            if (drains != markDrains) {
                return -1;
            }
            int len = n - mark;
            if (len <= to.length) {
                System.arraycopy(buf, mark, to, 0, len);
            }
            return len;
        }

        void flush() throws IOException {
            drain();
            os.flush();
        }

        private void drain() throws IOException {
            os.write(buf, 0, n);
            n = 0;
            drains++;
        }
    }
}
