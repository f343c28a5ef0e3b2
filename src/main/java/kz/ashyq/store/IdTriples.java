package kz.ashyq.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.lucene.util.IntroSorter;

/**
 * The triples of one graph as TDB2 node ids, in parallel arrays of longs (with, for each,
 * where its subject and object came from in the caller's list of nodes), sortable in the
 * orders of TDB2's indexes. A node id's long compares, unsigned, as TDB2's B+trees compare its
 * bytes, so a sorted array merges with an index scan and goes into an index in its own order:
 * sequential inserts touch each block of the tree once.
 */
final class IdTriples {

    long[] s;
    long[] p;
    long[] o;
    /** Where each triple's subject and object are in the caller's list of nodes, or -1. */
    int[] sRef;
    int[] oRef;
    private int size;

    IdTriples(int capacity) {
        int c = Math.max(16, capacity);
        s = new long[c];
        p = new long[c];
        o = new long[c];
        sRef = new int[c];
        oRef = new int[c];
    }

    int size() {
        return size;
    }

    void add(long subject, long predicate, long object, int subjectRef, int objectRef) {
        if (size == s.length) {
            int c = s.length + (s.length >> 1);
            s = Arrays.copyOf(s, c);
            p = Arrays.copyOf(p, c);
            o = Arrays.copyOf(o, c);
            sRef = Arrays.copyOf(sRef, c);
            oRef = Arrays.copyOf(oRef, c);
        }
        s[size] = subject;
        p[size] = predicate;
        o[size] = object;
        sRef[size] = subjectRef;
        oRef[size] = objectRef;
        size++;
    }

    /** A node id as a long whose unsigned order is the order of its bytes. */
    static long encode(NodeId id, ByteBuffer eight) {
        NodeIdFactory.set(id, eight, 0);
        return eight.getLong(0);
    }

    static NodeId decode(long v, ByteBuffer eight) {
        eight.putLong(0, v);
        return NodeIdFactory.get(eight, 0);
    }

    /** Sorts by subject, predicate, object, and drops repeated triples. */
    void sortUnique() {
        if (!sorted()) {
            sort(s, p, o, sRef, oRef, size);
        }
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (w == 0 || compareAt(w - 1, r) != 0) {
                move(r, w++);
            }
        }
        size = w;
    }

    /**
     * Sorts the first {@code n} rows of three columns of node ids by the first, then the second,
     * then the third, in place; {@code r1} and {@code r2}, when not null, move with them.
     */
    private static void sort(long[] c1, long[] c2, long[] c3, int[] r1, int[] r2, int n) {
        new IntroSorter() {
            private long p1;
            private long p2;
            private long p3;

            @Override
            protected void setPivot(int i) {
                p1 = c1[i];
                p2 = c2[i];
                p3 = c3[i];
            }

            @Override
            protected int comparePivot(int j) {
                return compare3(p1, p2, p3, c1[j], c2[j], c3[j]);
            }

            @Override
            protected void swap(int i, int j) {
                exchange(c1, i, j);
                exchange(c2, i, j);
                exchange(c3, i, j);
                if (r1 != null) {
                    exchange(r1, i, j);
                    exchange(r2, i, j);
                }
            }
        }.sort(0, n);
    }

    private static void exchange(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void exchange(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private boolean sorted() {
        for (int i = 1; i < size; i++) {
            if (compareAt(i - 1, i) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares triple {@code i} with {@code j} of this array by subject, predicate, object. */
    int compareAt(int i, int j) {
        return compare3(s[i], p[i], o[i], s[j], p[j], o[j]);
    }

    /** Compares triple {@code i} of this with {@code j} of {@code other}. */
    int compareWith(int i, IdTriples other, int j) {
        return compare3(s[i], p[i], o[i], other.s[j], other.p[j], other.o[j]);
    }

    static int compare3(long a1, long a2, long a3, long b1, long b2, long b3) {
        int c = Long.compareUnsigned(a1, b1);
        if (c == 0) {
            c = Long.compareUnsigned(a2, b2);
        }
        return c != 0 ? c : Long.compareUnsigned(a3, b3);
    }

    /**
     * The triples at {@code which}, as three columns in the order of an index over subject,
     * predicate and object given as letters ({@code "POS"}, say), sorted in that order. The
     * columns are copied and sorted in place: sorting positions that point into the arrays
     * took twice as long, a cache miss per comparison.
     */
    long[][] columns(int[] which, String letters) {
        long[][] c = new long[3][which.length];
        for (int k = 0; k < 3; k++) {
            long[] from = column(letters.charAt(k));
            for (int i = 0; i < which.length; i++) {
                c[k][i] = from[which[i]];
            }
        }
        sort(c[0], c[1], c[2], null, null, which.length);
        return c;
    }

    private long[] column(char c) {
        return switch (c) {
            case 'S' -> s;
            case 'P' -> p;
            case 'O' -> o;
            default -> throw new IllegalArgumentException("no column " + c);
        };
    }

    /** How many distinct values the object column holds. */
    long distinctObjects() {
        long[] copy = Arrays.copyOf(o, size);
        Arrays.sort(copy);
        long n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                n++;
            }
        }
        return n;
    }

    private void move(int from, int to) {
        s[to] = s[from];
        p[to] = p[from];
        o[to] = o[from];
        sRef[to] = sRef[from];
        oRef[to] = oRef[from];
    }
}
