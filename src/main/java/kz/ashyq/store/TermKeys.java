package kz.ashyq.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.store.NodeId;

/**
 * 128-bit keys of RDF terms and triples, the same in every run, so that a release's triples can
 * be told from the previous release's without looking a node up in TDB2 ({@link Fingerprints}).
 * A value TDB2 keeps inside its node id (an integer, a date…) is keyed by that id, as TDB2 knows
 * it: {@code "01"^^xsd:integer} and {@code "1"^^xsd:integer} are one term there, and here. Any
 * other term is keyed by MurmurHash3 of its kind, lexical form (length first) and language or
 * datatype, so two terms TDB2 tells apart have different keys but with a chance of about
 * 2<sup>-128</sup> per pair. Not thread-safe: it keeps the last subject's and objects' keys.
 */
final class TermKeys {

    private static final int RECENT = 1024;
    private static final long INLINE = 0x1b873593_4c494e45L;

    private final ByteBuffer eight = ByteBuffer.allocate(8);
    private final byte[] block = new byte[48];
    private final ByteBuffer blockBuffer = ByteBuffer.wrap(block);
    private final Node[] recent = new Node[RECENT];
    private final long[] recentKeys = new long[2 * RECENT];
    private final long[] s = new long[2];
    private final long[] p = new long[2];
    private final long[] o = new long[2];
    /** The two halves of the last triple's key, or of the last node's. */
    long k1;
    long k2;
    /** The first half of the last triple's subject's and object's keys. */
    long subject;
    long object;

    /** Keys a triple: {@link #k1}, {@link #k2}, {@link #subject} and {@link #object} are then its. */
    void triple(Node subj, Node pred, Node obj) {
        node(subj, s);
        node(pred, p);
        node(obj, o);
        subject = s[0];
        object = o[0];
        combine(s[0], s[1], p[0], p[1], o[0], o[1]);
    }

    /** Keys a triple from its terms' keys. */
    void combine(long s1, long s2, long p1, long p2, long o1, long o2) {
        blockBuffer.putLong(0, s1).putLong(8, s2).putLong(16, p1).putLong(24, p2).putLong(32, o1).putLong(40, o2);
        long[] h = MurmurHash3.hash128x64(block, 0, block.length, 0);
        k1 = h[0];
        k2 = h[1];
    }

    /** Keys a node into {@code out[0]} and {@code out[1]}, remembering the last few. */
    void node(Node n, long[] out) {
        int slot = n.hashCode() & (RECENT - 1);
        Node seen = recent[slot];
        if (seen != null && (seen == n || seen.equals(n))) {
            out[0] = recentKeys[2 * slot];
            out[1] = recentKeys[2 * slot + 1];
            return;
        }
        key(n, out);
        recent[slot] = n;
        recentKeys[2 * slot] = out[0];
        recentKeys[2 * slot + 1] = out[1];
    }

    private void key(Node n, long[] out) {
        NodeId inline = n.isLiteral() ? NodeId.inline(n) : null;
        if (inline != null) {
            long bits = IdTriples.encode(inline, eight); // which leaves the id's bytes in eight
            out[0] = MurmurHash3.hash128x64(eight.array(), 0, 8, 0)[0];
            out[1] = bits ^ INLINE;
            return;
        }
        long[] h = MurmurHash3.hash128x64(encoding(n).getBytes(StandardCharsets.UTF_8));
        out[0] = h[0];
        out[1] = h[1];
    }

    /** The term as a string that differs for any two terms: kind, then lengths before parts. */
    private String encoding(Node n) {
        if (n.isURI()) {
            return "U" + n.getURI();
        }
        if (n.isBlank()) {
            return "B" + n.getBlankNodeLabel();
        }
        if (n.isLiteral()) {
            String lex = n.getLiteralLexicalForm();
            String lang = n.getLiteralLanguage();
            String tail = lang == null || lang.isEmpty() ? "^" + n.getLiteralDatatypeURI()
                    : "@" + lang + (n.getLiteralBaseDirection() == null ? "" : "--" + n.getLiteralBaseDirection());
            return "L" + lex.length() + ":" + lex + tail;
        }
        if (n.isTripleTerm()) {
            long[] part = new long[2];
            StringBuilder b = new StringBuilder("T");
            for (Node x : new Node[] {n.getTriple().getSubject(), n.getTriple().getPredicate(), n.getTriple().getObject()}) {
                key(x, part);
                b.append(Long.toHexString(part[0])).append(':').append(Long.toHexString(part[1])).append(';');
            }
            return b.toString();
        }
        throw new IllegalArgumentException("not an RDF term: " + n);
    }
}
