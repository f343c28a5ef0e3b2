package kz.ashyq.mapping.ntriples;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.jena.graph.Node;

/**
 * N-Triples (and N-Quads) terms encoded straight into a growing buffer of UTF-8 bytes, checked as
 * they are written: an IRI with a character N-Triples forbids is written with {@code \\u}
 * escapes, a literal escapes {@code \\ " \n \r}, a blank node label is written in the characters
 * N-Triples allows. Both of the engine's ways to N-Triples write through one encoder, so they
 * write the same bytes: terms made as Jena nodes ({@link #quad}) and terms encoded as rows are
 * mapped ({@link TermMaker#encode}).
 *
 * <p>The buffer grows to hold what is written; its owner empties it ({@link #length},
 * {@link #clear}). Not thread-safe: one per thread.
 */
public final class NTriplesEncoder {

    static final String XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

    private static final int PLAIN = 0;
    private static final int LITERAL = 1;
    private static final int IRI = 2;

    private byte[] buf;
    private int n;
    /**
     * IRIs already found clean, with their bytes, by identity: predicates, classes, datatypes and
     * repeated objects are the same String objects triple after triple, so each is encoded once.
     */
    private final Map<String, byte[]> clean = new IdentityHashMap<>();
    /** The subject of consecutive quads is one node: its bytes are copied again, not encoded again. */
    private Node lastSubject;
    private byte[] lastSubjectBytes = new byte[256];
    private int lastSubjectLength;

    public NTriplesEncoder(int capacity) {
        this.buf = new byte[capacity];
    }

    /** The bytes written, valid until the next write. */
    public byte[] bytes() {
        return buf;
    }

    /** How many bytes have been written since the last {@link #clear}. */
    public int length() {
        return n;
    }

    /** Forgets what was written after {@code length} (a triple whose object turned out empty). */
    public void truncate(int length) {
        n = length;
    }

    /** Empties the buffer, and gives it a new array when {@code next} is not null. */
    public void clear(byte[] next) {
        if (next != null) {
            buf = next;
        }
        n = 0;
    }

    /** A copy of the bytes written since {@code from}. */
    public byte[] copy(int from) {
        return Arrays.copyOfRange(buf, from, n);
    }

    /** Writes a quad, or a triple when {@code g} is null, with its closing {@code " .\n"}. */
    void quad(Node s, Node p, Node o, Node g) {
        if (s == lastSubject) {
            write(lastSubjectBytes, lastSubjectLength);
        } else {
            int start = n;
            if (s.isURI()) {
                iri(s.getURI(), false); // a row's subject: its next quads copy lastSubjectBytes
            } else {
                term(s);
            }
            lastSubjectLength = n - start;
            if (lastSubjectLength > lastSubjectBytes.length) {
                lastSubjectBytes = new byte[lastSubjectLength];
            }
            System.arraycopy(buf, start, lastSubjectBytes, 0, lastSubjectLength);
            lastSubject = s;
        }
        ascii(' ');
        term(p);
        ascii(' ');
        term(o);
        if (g != null) {
            ascii(' ');
            term(g);
        }
        end();
    }

    /** Ends a statement. */
    public void end() {
        ensure(3);
        buf[n++] = ' ';
        buf[n++] = '.';
        buf[n++] = '\n';
    }

    /** Writes any RDF term. */
    public void term(Node node) {
        if (node.isURI()) {
            iri(node.getURI(), true);
        } else if (node.isLiteral()) {
            String lang = node.getLiteralLanguage();
            literal(node.getLiteralLexicalForm(), lang.isEmpty() ? null : lang, node.getLiteralDatatypeURI());
        } else if (node.isBlank()) {
            blank(node.getBlankNodeLabel());
        } else {
            throw new IllegalArgumentException("cannot write " + node + " in N-Triples");
        }
    }

    /**
     * Writes a literal: with its language tag when {@code lang} is not null, else with its
     * datatype unless that is null or {@code xsd:string}.
     */
    public void literal(String lexical, String lang, String datatype) {
        ascii('"');
        if (!encode(lexical, LITERAL)) {
            throw new IllegalStateException("a literal is always encoded");
        }
        ascii('"');
        if (lang != null) {
            ascii('@');
            plain(lang);
        } else if (datatype != null && !XSD_STRING.equals(datatype)) {
            ascii('^');
            ascii('^');
            iri(datatype, true);
        }
    }

    /** Writes a literal whose closing quote and tag or datatype are {@link #literalTail} bytes. */
    public void literal(String lexical, byte[] tail) {
        ascii('"');
        encode(lexical, LITERAL);
        write(tail, tail.length);
    }

    /** The bytes {@link #literal(String, String, String)} writes after a lexical form, from its closing quote. */
    public static byte[] literalTail(String lang, String datatype) {
        NTriplesEncoder e = new NTriplesEncoder(64);
        e.literal("", lang, datatype);
        return Arrays.copyOfRange(e.buf, 1, e.n);
    }

    /** Writes a blank node, its label made of the characters N-Triples allows. */
    void blank(String label) {
        plain("_:b");
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                ascii(c);
            } else {
                plain("_" + Integer.toHexString(c) + "_");
            }
        }
    }

    /**
     * Writes an IRI: from the clean IRIs when it was met before ({@code keep}), else encoded and
     * checked in one pass (and kept, if {@code keep}), else, when it holds a character N-Triples
     * forbids, with {@code \\u} escapes.
     */
    public void iri(String iri, boolean keep) {
        ascii('<');
        byte[] cached = keep ? clean.get(iri) : null;
        if (cached != null) {
            write(cached, cached.length);
        } else {
            int start = n;
            if (encode(iri, IRI)) {
                if (keep) {
                    if (clean.size() > 4096) {
                        clean.clear();
                    }
                    clean.put(iri, copy(start));
                }
            } else {
                escapedIri(iri);
            }
        }
        ascii('>');
    }

    /**
     * Writes a value in the IRI-safe form {@link IriSafe#append} gives it, as UTF-8: the bytes
     * of the IRI a template makes, without the string.
     */
    public void iriSafe(String v) {
        int len = v.length();
        ensure(3 * len);
        byte[] b = buf;
        int k = n;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c < 0x80 && IriSafe.isUnreserved(c)) {
                b[k++] = (byte) c;
            } else if (c >= 0xA0 && !Character.isSurrogate(c) && IriSafe.isUcs(c)) {
                if (c < 0x800) {
                    b[k++] = (byte) (0xC0 | c >> 6);
                } else {
                    b[k++] = (byte) (0xE0 | c >> 12);
                    b[k++] = (byte) (0x80 | c >> 6 & 0x3F);
                }
                b[k++] = (byte) (0x80 | c & 0x3F);
            } else {
                n = k;
                i = percentEncoded(v, i);
                b = buf;
                k = n;
            }
        }
        n = k;
    }

    /** Percent-encodes the character at {@code i} as {@link IriSafe} does; the index of its last char. */
    private int percentEncoded(String v, int i) {
        byte[] utf8 = IriSafe.utf8At(v, i);
        ensure(3 * utf8.length + 3 * (v.length() - i));
        for (byte x : utf8) {
            buf[n++] = '%';
            buf[n++] = (byte) IriSafe.HEX[(x >> 4) & 0xF];
            buf[n++] = (byte) IriSafe.HEX[x & 0xF];
        }
        return Character.isSupplementaryCodePoint(v.codePointAt(i)) ? i + 1 : i;
    }

    /** Writes part of an IRI as it stands: false, with nothing written, when it holds a character N-Triples forbids there. */
    public boolean iriText(String text) {
        return encode(text, IRI);
    }

    private void escapedIri(String iri) {
        for (int i = 0; i < iri.length(); ) {
            int cp = iri.codePointAt(i);
            i += Character.charCount(cp);
            if (cp > 0xFFFF || allowedInIri((char) cp)) {
                plain(new String(Character.toChars(cp)));
            } else {
                plain(String.format("\\u%04X", cp));
            }
        }
    }

    private static boolean allowedInIri(char c) {
        return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' && c != '^'
                && c != '`' && c != '\\';
    }

    /** Writes bytes already encoded. */
    public void write(byte[] b, int len) {
        ensure(len);
        System.arraycopy(b, 0, buf, n, len);
        n += len;
    }

    /** Writes bytes already encoded. */
    public void write(byte[] b) {
        write(b, b.length);
    }

    /** Writes a character below 0x80. */
    public void ascii(char c) {
        ensure(1);
        buf[n++] = (byte) c;
    }

    private void plain(String s) {
        encode(s, PLAIN);
    }

    /**
     * Encodes a string: as it is, escaped for a literal, or, for an IRI, only if it holds nothing
     * N-Triples forbids there (false, with nothing written, when it does). A lone surrogate
     * becomes {@code ?}, as {@link String#getBytes} makes it (in an IRI: false).
     */
    private boolean encode(String s, int mode) {
        int len = s.length();
        ensure(3 * len); // three bytes per char at most: an escape is two, a surrogate pair four
        byte[] b = buf;
        int k = n;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (mode == LITERAL && c <= '\\' && ESCAPED[c]) {
                    b[k++] = '\\';
                    b[k++] = (byte) (c == '\n' ? 'n' : c == '\r' ? 'r' : c);
                } else if (mode == IRI && !allowedInIri(c)) {
                    return false;
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
                return false;
            } else {
                b[k++] = '?';
            }
        }
        n = k;
        return true;
    }

    private static final boolean[] ESCAPED = new boolean['\\' + 1];

    static {
        ESCAPED['"'] = true;
        ESCAPED['\\'] = true;
        ESCAPED['\n'] = true;
        ESCAPED['\r'] = true;
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, n + more));
        }
    }
}
