package kz.ashyq.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.jena.atlas.lib.Bytes;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.index.RangeIndex;
import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * A released graph's fingerprint, kept beside the store in {@code fingerprints/}: for each of its
 * triples, in the order they came, the triple's 128-bit key ({@link TermKeys}) and its TDB2
 * node ids. A reload
 * keys the triples it maps and looks them up here, so that it finds what changed without
 * looking up a node in TDB2 ({@link FingerprintReplace}).
 * <p>
 * The file is outside TDB2's transactions, so it is trusted only when it describes the graph the
 * store holds: it records how many triples it lists and a sum of their ids mixed, and both are
 * checked against a scan of the graph's range of the GSPO index, inside the write transaction,
 * before it is used. Any other change of the graph (a restore, an update, a release whose
 * fingerprint was not renamed into place because the process was killed) makes them differ, and
 * the release then compares with the graph itself ({@link GraphReplace}). A new fingerprint is
 * written beside the old one and takes its place only once the transaction has committed.
 */
final class Fingerprints {

    private static final long MAGIC = 0x4153485951465032L; // "ASHYQFP2"
    private static final int HEADER = 24;
    static final int RECORD = 40;

    private final Path dir;
    private final List<Path> pending = new ArrayList<>();

    Fingerprints(Path dir) {
        this.dir = dir;
    }

    private Path file(Node graph) {
        return dir.resolve(DigestUtils.sha256Hex(graph.getURI().getBytes(StandardCharsets.UTF_8)) + ".fp");
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".new");
    }

    /** A mix of a triple's ids whose sum over a graph does not depend on the order of its triples. */
    static long mix(long s, long p, long o) {
        long h = s * 0x9E3779B97F4A7C15L + Long.rotateLeft(p, 21) * 0xC2B2AE3D27D4EB4FL
                + Long.rotateLeft(o, 42) * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * The fingerprint of {@code graph} (node id {@code g}), when there is one that lists what the
     * graph holds now; else null.
     */
    Old open(Node graph, NodeId g, TupleIndex gspo) {
        Path f = file(graph);
        if (!(gspo instanceof TupleIndexRecord) || !Files.isRegularFile(f)) {
            return null;
        }
        try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(HEADER);
            while (head.hasRemaining() && in.read(head) >= 0) {
                // reads the whole header
            }
            if (head.getLong(0) != MAGIC || in.size() != HEADER + head.getLong(8) * RECORD) {
                return null;
            }
            long count = head.getLong(8);
            long sum = head.getLong(16);
            if (!matches(g, gspo, count, sum)) {
                return null;
            }
            return Old.read(f, in, (int) count, sum);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether the graph's range of GSPO has {@code count} triples whose ids mix to {@code sum}. The
     * index's records are read as bytes: as tuples of node ids, the scan of a million-row
     * registry's graph took three times as long.
     */
    private static boolean matches(NodeId g, TupleIndex gspo, long count, long sum) {
        byte[] low = new byte[32];
        byte[] high = new byte[32];
        NodeIdFactory.set(g, low, 0);
        NodeIdFactory.setNext(g, high, 0);
        long n = 0;
        long mixed = 0;
        RangeIndex range = ((TupleIndexRecord) gspo).getRangeIndex();
        Iterator<Record> records = range.iterator(new Record(low, null), new Record(high, null));
        while (records.hasNext()) {
            byte[] key = records.next().getKey();
            n++;
            mixed += mix(Bytes.getLong(key, 8), Bytes.getLong(key, 16), Bytes.getLong(key, 24));
        }
        return n == count && mixed == sum;
    }

    /** A writer of {@code graph}'s next fingerprint, each triple once, in the order they came. */
    Writer create(Node graph) {
        try {
            Files.createDirectories(dir);
            Path f = temporary(file(graph));
            pending.add(f);
            return new Writer(FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the fingerprints written in a transaction in place, once it has committed. */
    void committed() {
        for (Path f : pending) {
            try {
                String name = f.getFileName().toString();
                Files.move(f, f.resolveSibling(name.substring(0, name.length() - ".new".length())),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the old fingerprint no longer matches the graph, and the next release compares with the graph
            }
        }
        pending.clear();
    }

    /** Drops the fingerprints written in a transaction that aborted. */
    void aborted() {
        for (Path f : pending) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a stale .new file is overwritten by the next release of its graph
            }
        }
        pending.clear();
    }

    /**
     * The order of {@code n} keys: a bucket sort on the high bits of the first half, then an
     * insertion sort within each bucket (keys are uniform, so buckets hold a few), which is
     * several times faster than a comparison sort of millions of keys.
     */
    static int[] order(long[] k1, long[] k2, int n) {
        int bits = bucketBits(n);
        int[] start = new int[(1 << bits) + 1];
        for (int i = 0; i < n; i++) {
            start[(int) (k1[i] >>> (64 - bits)) + 1]++;
        }
        for (int b = 0; b < 1 << bits; b++) {
            start[b + 1] += start[b];
        }
        int[] next = java.util.Arrays.copyOf(start, start.length);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[next[(int) (k1[i] >>> (64 - bits))]++] = i;
        }
        for (int b = 0; b < 1 << bits; b++) {
            for (int i = start[b] + 1; i < start[b + 1]; i++) {
                int x = perm[i];
                int j = i - 1;
                while (j >= start[b] && compare(k1[perm[j]], k2[perm[j]], k1[x], k2[x]) > 0) {
                    perm[j + 1] = perm[j];
                    j--;
                }
                perm[j + 1] = x;
            }
        }
        return perm;
    }

    static int compare(long a1, long a2, long b1, long b2) {
        int c = Long.compareUnsigned(a1, b1);
        return c != 0 ? c : Long.compareUnsigned(a2, b2);
    }

    /**
     * A previous release's fingerprint: its keys in memory, in the order its triples came, and
     * an index of them by key. A reload's triples come in the same order, mostly, so a triple is
     * first looked for where the last one found was followed: a sequential read, where a lookup
     * by key missed the processor's caches twice per triple (4 of a million-row reload's 35 s).
     */
    static final class Old {
        final Path file;
        final int count;
        final long sum;
        /** The keys' halves, interleaved: one cache line has both. */
        private final long[] keys;
        private final int[] byKey;
        private final int bits;
        private final int[] start;
        private int next;

        private Old(Path file, int count, long sum, long[] keys) {
            this.file = file;
            this.count = count;
            this.sum = sum;
            this.keys = keys;
            long[] k1 = new long[count];
            long[] k2 = new long[count];
            for (int i = 0; i < count; i++) {
                k1[i] = keys[2 * i];
                k2[i] = keys[2 * i + 1];
            }
            this.byKey = order(k1, k2, count);
            this.bits = bucketBits(count);
            this.start = new int[(1 << bits) + 1];
            for (int i = 0; i < count; i++) {
                start[(int) (k1[i] >>> (64 - bits)) + 1]++;
            }
            for (int b = 0; b < 1 << bits; b++) {
                start[b + 1] += start[b];
            }
        }

        static Old read(Path file, FileChannel in, int count, long sum) throws IOException {
            long[] keys = new long[2 * count];
            Records r = new Records(in);
            long mixed = 0;
            for (int i = 0; i < count; i++) {
                r.next();
                keys[2 * i] = r.k1;
                keys[2 * i + 1] = r.k2;
                mixed += mix(r.s, r.p, r.o);
            }
            // a file cut short or garbled by a crash of the machine lists other ids than its header says
            if (mixed != sum) {
                return null;
            }
            Old old = new Old(file, count, sum, keys);
            return old.unique() ? old : null;
        }

        private boolean unique() {
            for (int i = 1; i < count; i++) {
                if (compare(k1(byKey[i - 1]), k2(byKey[i - 1]), k1(byKey[i]), k2(byKey[i])) == 0) {
                    return false;
                }
            }
            return true;
        }

        private long k1(int i) {
            return keys[2 * i];
        }

        private long k2(int i) {
            return keys[2 * i + 1];
        }

        /** Where a key is, or -1. */
        int find(long a, long b) {
            if (next < count && keys[2 * next] == a && keys[2 * next + 1] == b) {
                return next++;
            }
            int bucket = (int) (a >>> (64 - bits));
            for (int i = start[bucket]; i < start[bucket + 1]; i++) {
                int at = byKey[i];
                if (keys[2 * at] == a && keys[2 * at + 1] == b) {
                    next = at + 1;
                    return at;
                }
            }
            return -1;
        }

        /** Its records, read from its file again, by position. */
        Positions positions() {
            try {
                return new Positions(FileChannel.open(file, StandardOpenOption.READ));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int bucketBits(int n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n)));
    }

    /**
     * Records read by position, through a window of the file: positions asked mostly in order
     * read the file once.
     */
    static final class Positions implements AutoCloseable {
        private static final int WINDOW = 8192;
        private final FileChannel in;
        private final ByteBuffer buffer = ByteBuffer.allocate(RECORD * WINDOW);
        private long first = -1;
        long s;
        long p;
        long o;
        long k1;
        long k2;

        private Positions(FileChannel in) {
            this.in = in;
        }

        void read(int i) {
            if (first < 0 || i < first || i >= first + buffer.limit() / RECORD) {
                fill(i);
            }
            int at = (int) (i - first) * RECORD;
            k1 = buffer.getLong(at);
            k2 = buffer.getLong(at + 8);
            s = buffer.getLong(at + 16);
            p = buffer.getLong(at + 24);
            o = buffer.getLong(at + 32);
        }

        private void fill(int i) {
            buffer.clear();
            try {
                long pos = HEADER + (long) i * RECORD;
                while (buffer.hasRemaining()) {
                    int n = in.read(buffer, pos + buffer.position());
                    if (n < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.flip();
            if (buffer.limit() < RECORD) {
                throw new IllegalStateException("fingerprint file ends before record " + i);
            }
            first = i;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Records read in order from a channel; the caller knows how many there are. */
    static final class Records implements AutoCloseable {
        private final FileChannel in;
        private final ByteBuffer buffer = ByteBuffer.allocate(RECORD * 8192);
        long k1;
        long k2;
        long s;
        long p;
        long o;

        Records(FileChannel in) {
            this.in = in;
            buffer.limit(0);
        }

        void next() throws IOException {
            if (buffer.remaining() < RECORD) {
                buffer.compact();
                while (buffer.position() < RECORD && in.read(buffer) >= 0) {
                    // fills at least one record
                }
                buffer.flip();
                if (buffer.remaining() < RECORD) {
                    throw new IOException("fingerprint file ends early");
                }
            }
            k1 = buffer.getLong();
            k2 = buffer.getLong();
            s = buffer.getLong();
            p = buffer.getLong();
            o = buffer.getLong();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes a fingerprint: its header is written last, when its count and sum are known. */
    static final class Writer implements AutoCloseable {
        private final FileChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocate(RECORD * 8192);
        private long count;
        private long sum;
        private boolean closed;

        private Writer(FileChannel out) throws IOException {
            this.out = out;
            out.position(HEADER);
        }

        void add(long k1, long k2, long s, long p, long o) {
            if (buffer.remaining() < RECORD) {
                flush();
            }
            buffer.putLong(k1).putLong(k2).putLong(s).putLong(p).putLong(o);
            count++;
            sum += mix(s, p, o);
        }

        private void flush() {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.clear();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            flush();
            buffer.putLong(MAGIC).putLong(count).putLong(sum).flip();
            try (out) {
                out.write(buffer, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
