package kz.ashyq.store;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;
import org.apache.jena.dboe.base.block.BlockMgr;
import org.apache.jena.dboe.base.block.BlockMgrFileAccess;
import org.apache.jena.dboe.base.file.BlockAccess;
import org.apache.jena.dboe.base.file.BlockAccessMapped;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * Lets go of the pages TDB2 has mapped for an index's files. TDB2 maps its B+trees' files in
 * segments of 8 MB and keeps every segment it has touched mapped until the store is closed: a
 * first release of a million-row registry (8 million triples) held the six quad indexes' new
 * pages, 3 GB, in the process beside its heap.
 *
 * <p>A segment dropped from TDB2's table is in the state TDB2 keeps a segment it has not yet
 * mapped: the next access maps it again, from the page cache, which holds what was written
 * through the old mapping (both map the file, shared). A block still held by a reader keeps its
 * segment mapped, as the block's buffer refers to it; only the collector unmaps a segment, once
 * nothing does. TDB2's commit syncs the whole file (its mapped segments, then the file), and a
 * dropped segment keeps its dirty mark, so a commit still forces what was written through it.
 *
 * <p>TDB2 has no API for this (Jena 5.6.0): its fields are read by reflection, and where they are
 * not found nothing is dropped ({@code MappedPagesTest} fails first).
 */
final class MappedPages {

    /**
     * The records changed past which an index's pages are let go. It is low because a
     * scattered change maps far more than its blocks: the kernel maps the cached pages around each
     * one it faults in (64 kB), so the 10,000 changes of a 1% reload of a million-row registry
     * mapped the whole of GSPO and SPOG, 650 MB each.
     */
    static final int WORTH_RELEASING = 10_000;

    /** The segments (8 MB each) dropped at once past which a collection is worth its time. */
    static final int WORTH_COLLECTING = 32;

    private static final Field SEGMENTS = field(BlockAccessMapped.class, "segments");
    private static final Field FILE = field(BlockMgrFileAccess.class, "file");
    private static final boolean COLLECT = collectsWithoutStoppingReaders();

    private MappedPages() {}

    /**
     * Drops the index's mapped segments and, when they were many and that does not stop a
     * server's readers, asks the collector to unmap them.
     */
    static void release(TupleIndex index) {
        if (drop(index) >= WORTH_COLLECTING && COLLECT) {
            System.gc();
        }
    }

    /** Drops the index's mapped segments, without collecting; how many. */
    static int drop(TupleIndex index) {
        if (SEGMENTS == null || FILE == null || !(index instanceof TupleIndexRecord record)
                || !(record.getRangeIndex() instanceof BPlusTree tree)) {
            return 0;
        }
        return drop(tree.getNodeManager().getBlockMgr()) + drop(tree.getRecordsMgr().getBlockMgr());
    }

    private static int drop(BlockMgr mgr) {
        if (!(access(mgr) instanceof BlockAccessMapped mapped)) {
            return 0;
        }
        // BlockAccessMapped maps a segment and hands out its blocks holding its own monitor
        synchronized (mapped) {
            try {
                MappedByteBuffer[] segments = (MappedByteBuffer[]) SEGMENTS.get(mapped);
                int n = 0;
                for (int i = 0; i < segments.length; i++) {
                    if (segments[i] != null) {
                        segments[i] = null;
                        n++;
                    }
                }
                return n;
            } catch (IllegalAccessException e) {
                return 0;
            }
        }
    }

    /** The file access under a block manager's wrappers, each found as its one field of type BlockMgr. */
    private static BlockAccess access(BlockMgr mgr) {
        Object at = mgr;
        for (int depth = 0; depth < 8 && at != null; depth++) {
            if (at instanceof BlockMgrFileAccess file) {
                try {
                    return (BlockAccess) FILE.get(file);
                } catch (IllegalAccessException e) {
                    return null;
                }
            }
            at = wrapped(at);
        }
        return null;
    }

    private static Object wrapped(Object mgr) {
        for (Class<?> c = mgr.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (BlockMgr.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        return f.get(mgr);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether {@code System.gc()} leaves readers running: under the throughput collector, which
     * the launcher gives batch commands, nothing else runs; G1 (the server's) runs it concurrently
     * only with {@code -XX:+ExplicitGCInvokesConcurrent}, otherwise it would stop every query.
     * Without a collection, a dropped segment is unmapped when the collector next reaches it.
     */
    private static boolean collectsWithoutStoppingReaders() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("PS ")) {
                return true;
            }
        }
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("ExplicitGCInvokesConcurrent").getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
