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
import java.util.concurrent.CompletableFuture;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.jena.atlas.lib.Bytes;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.index.RangeIndex;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
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


    private final Path dir;
    private final List<Path> pending = new ArrayList<>();
    private final List<Path> forgotten = new ArrayList<>();
    private final Store store;

    Fingerprints(Path dir, Store store) {
        this.dir = dir;
        this.store = store;
    }

    /** A fingerprint being read ahead for {@code graph}: the data version it was checked at, and it (or null). */
    record Prepared(Node graph, CompletableFuture<Checked> checked) {}

    /** A fingerprint checked against the graph at a data version; null when there was none to use. */
    record Checked(DataVersion version, Old old) {}

    /** Starts reading and checking {@code graph}'s fingerprint, in a read transaction on another thread. */
    static Prepared prepare(Path dir, DatasetGraph dsg, Node graph) {
        return new Prepared(graph, CompletableFuture.supplyAsync(() -> Txn.calculateRead(dsg, () -> {
            NodeTupleTable quads = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable();
            NodeId g = quads.getNodeTable().getNodeIdForNode(graph);
            Old old = NodeId.isDoesNotExist(g) ? null : new Fingerprints(dir, null).read(graph, g, gspo(quads));
            return new Checked(DataVersion.ofTransaction(dsg), old);
        })));
    }

    /** The quad index in graph, subject, predicate, object order, or null. */
    static TupleIndex gspo(NodeTupleTable quads) {
        for (TupleIndex i : quads.getTupleTable().getIndexes()) {
            if (i.getName().equals("GSPO")) {
                return i;
            }
        }
        return null;
    }

    private Path file(Node graph) {
        return dir.resolve(DigestUtils.sha256Hex(graph.getURI().getBytes(StandardCharsets.UTF_8)) + ".fp");
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".new");
    }

    /**
     * The fingerprint of {@code graph} (node id {@code g}), when there is one that lists what the
     * graph holds now; else null.
     */
    Old open(Node graph, NodeId g, TupleIndex gspo, DatasetGraph dsg) {
        Prepared ahead = store == null ? null : store.takePrepared(graph);
        if (ahead != null) {
            try {
                Checked c = ahead.checked().join();
                if (c.version().equals(DataVersion.ofTransaction(dsg))) {
                    return c.old();
                }
            } catch (java.util.concurrent.CompletionException e) {
                // read again below
            }
        }
        return read(graph, g, gspo);
    }

    private Old read(Node graph, NodeId g, TupleIndex gspo) {
        Path f = file(graph);
        if (!(gspo instanceof TupleIndexRecord) || !Files.isRegularFile(f)) {
            return null;
        }
        try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(FingerprintFile.HEADER);
            while (head.hasRemaining() && in.read(head) >= 0) {
                // reads the whole header
            }
            if (head.getLong(0) != FingerprintFile.MAGIC || in.size() != FingerprintFile.HEADER + head.getLong(8) * FingerprintFile.RECORD) {
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
            mixed += FingerprintFile.mix(Bytes.getLong(key, 8), Bytes.getLong(key, 16), Bytes.getLong(key, 24));
        }
        return n == count && mixed == sum;
    }

    /** A writer of {@code graph}'s next fingerprint, each triple once, in the order they came. */
    FingerprintFile.Writer create(Node graph) {
        try {
            Files.createDirectories(dir);
            Path f = temporary(file(graph));
            pending.add(f);
            return new FingerprintFile.Writer(FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps {@code graph}'s fingerprint as it is, rather than the one being written: a release that
     * changed nothing leaves the same triples, with the same ids, and need not write 40 bytes a
     * triple again.
     */
    void keep(Node graph) {
        Path f = temporary(file(graph));
        pending.remove(f);
        delete(f); // still open for writing, which then writes to no name
    }

    /** Puts the fingerprints written in a transaction in place, once it has committed. */
    void committed() {
        // a fingerprint left of a removed graph would no longer match it, and not be used: deleted for the space
        forgotten.forEach(Fingerprints::delete);
        forgotten.clear();
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

    /** Deletes {@code graph}'s fingerprint once the transaction, which removes the graph, has committed. */
    void forget(Node graph) {
        forgotten.add(file(graph));
    }

    /** Drops the fingerprints written in a transaction that aborted. */
    void aborted() {
        forgotten.clear();
        pending.forEach(Fingerprints::delete);
        pending.clear();
    }

    /** Deletes a file if it can: one left behind is stale, never used, and overwritten by the next release of its graph. */
    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // see above
        }
    }

    /**
     * The order of {@code n} keys: a bucket sort on the high bits of the first half, then an
     * insertion sort within each bucket (keys are uniform, so buckets hold a few), which is
     * several times faster than a comparison sort of millions of keys.
     */
    static int[] order(long[] k1, long[] k2, int n) {
        int bits = bucketBits(n);
        int[] start = buckets(k1, n, bits);
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

    /** Where each bucket of keys (by the top {@code bits} bits of the first half) starts in their order. */
    private static int[] buckets(long[] k1, int n, int bits) {
        int[] start = new int[(1 << bits) + 1];
        for (int i = 0; i < n; i++) {
            start[(int) (k1[i] >>> (64 - bits)) + 1]++;
        }
        for (int b = 0; b < 1 << bits; b++) {
            start[b + 1] += start[b];
        }
        return start;
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
            this.start = buckets(k1, count, bits);
        }

        static Old read(Path file, FileChannel in, int count, long sum) throws IOException {
            long[] keys = new long[2 * count];
            FingerprintFile.Records r = new FingerprintFile.Records(in);
            long mixed = 0;
            for (int i = 0; i < count; i++) {
                r.next();
                keys[2 * i] = r.k1;
                keys[2 * i + 1] = r.k2;
                mixed += FingerprintFile.mix(r.s, r.p, r.o);
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
        FingerprintFile.Positions positions() {
            try {
                return new FingerprintFile.Positions(FileChannel.open(file, StandardOpenOption.READ));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int bucketBits(int n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n)));
    }

}
