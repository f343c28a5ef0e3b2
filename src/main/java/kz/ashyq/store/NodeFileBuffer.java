package kz.ashyq.store;

import java.lang.reflect.Field;
import java.util.Arrays;
import org.apache.jena.dboe.base.file.BinaryDataFile;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetable.NodeTableTRDF;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of TDB2's node table, read through blocks kept in memory and with its length known.
 *
 * <p>Hand-written because a benchmark shows it is worth it: TDB2 5.6 decodes a node with
 * Thrift, which reads a byte at a time, and its file under the write buffer answers each read
 * with a seek and a read of the file; each write asks the file's length, three system calls.
 * Allocating the 242,194 new nodes of a 100,000-row registry took 5.5 s, 2.9 s with this;
 * decoding is faster in the same way (see bench/README.md, "Publishing a registry").
 *
 * <p>It is safe because the node file is append-only: bytes once written never change, except
 * that an aborted write transaction truncates what it appended, and then every block is
 * dropped. Every call comes under the lock of TDB2's write buffer above it; this class locks
 * too, so that it does not depend on that. It is put in place, by reflection, under TDB2's
 * write buffer; when TDB2's classes are not shaped as expected, nothing is changed and the
 * store works as TDB2 made it.
 */
final class NodeFileBuffer implements BinaryDataFile {

    private static final Logger LOG = LoggerFactory.getLogger(NodeFileBuffer.class);
    private static final int BLOCK = 8192;
    private static final int BLOCKS = 128;

    private final BinaryDataFile file;
    private long length;
    private final long[] starts = new long[BLOCKS];
    private final int[] filled = new int[BLOCKS];
    private final byte[][] blocks = new byte[BLOCKS][];

    private NodeFileBuffer(BinaryDataFile file) {
        this.file = file;
        this.length = file.length();
        Arrays.fill(starts, -1);
    }

    /**
     * Puts a buffer under the node table of a TDB2 dataset (the one dataset's node table serves
     * its triples and quads), once; returns whether one is in place.
     */
    static boolean install(DatasetGraph dsg) {
        try {
            NodeTable table = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable().getNodeTable();
            while (!(table instanceof NodeTableTRDF) && table.wrapped() != null && table.wrapped() != table) {
                table = table.wrapped();
            }
            if (!(table instanceof NodeTableTRDF trdf)) {
                return false;
            }
            Object buffered = field(trdf.getData(), "binFile");
            Field other = buffered.getClass().getDeclaredField("other");
            other.setAccessible(true);
            Object under = other.get(buffered);
            if (!(under instanceof NodeFileBuffer) && under instanceof BinaryDataFile f) {
                other.set(buffered, new NodeFileBuffer(f));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("TDB2's node file is read without Ashyq's buffer ({}): loads and decoding are slower", e.toString());
            return false;
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @Override
    public synchronized void open() {
        file.open();
    }

    @Override
    public synchronized boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public synchronized int read(long pos, byte[] b, int off, int len) {
        if (len > BLOCK / 2) {
            return file.read(pos, b, off, len);
        }
        int done = 0;
        while (done < len) {
            long p = pos + done;
            int i = (int) ((p / BLOCK) % BLOCKS);
            long start = p - p % BLOCK;
            if (starts[i] != start || p - start >= filled[i]) {
                if (!fill(i, start, p)) {
                    break;
                }
            }
            int from = (int) (p - start);
            int n = Math.min(len - done, filled[i] - from);
            System.arraycopy(blocks[i], from, b, off + done, n);
            done += n;
        }
        return done == 0 && len > 0 ? -1 : done;
    }

    /** Reads the block at {@code start} into slot {@code i}; false when the file ends before {@code p}. */
    private boolean fill(int i, long start, long p) {
        int n = (int) Math.min(BLOCK, length - start);
        if (n <= p - start) {
            return false;
        }
        if (blocks[i] == null) {
            blocks[i] = new byte[BLOCK];
        }
        int got = file.read(start, blocks[i], 0, n);
        if (got <= p - start) {
            starts[i] = -1;
            return false;
        }
        starts[i] = start;
        filled[i] = got;
        return true;
    }

    @Override
    public synchronized long write(byte[] b, int off, int len) {
        long at = file.write(b, off, len);
        length = at + len;
        return at;
    }

    @Override
    public synchronized long length() {
        return length;
    }

    @Override
    public synchronized void truncate(long n) {
        file.truncate(n);
        length = file.length();
        Arrays.fill(starts, -1);
    }

    @Override
    public synchronized void sync() {
        file.sync();
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
