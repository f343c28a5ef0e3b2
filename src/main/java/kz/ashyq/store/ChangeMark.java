package kz.ashyq.store;

import java.util.Map;
import org.apache.jena.dboe.storage.StoragePrefixes;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Where a dataset is in the stream of its changes, kept inside its own transactions: the number of
 * the last change it committed ({@code seq}) and, on a replica, the topic offset of that change. Kept
 * in TDB2's prefix table under a graph name no triple uses, so that it commits or aborts with the
 * change itself and never shows in a query, a graph list or a dataset's prefixes.
 */
final class ChangeMark {

    private static final Node GRAPH = NodeFactory.createURI("urn:x-ashyq:changes");
    private static final String SEQ = "seq";
    private static final String OFFSET = "offset";
    private static final String VALUE = "urn:x-ashyq:n:";

    private ChangeMark() {}

    /**
     * The marks of datasets being compacted, until they are written again: TDB2's compaction copies the
     * prefixes of graphs that hold triples only, so it drops the mark, and a change committed between
     * the compaction and the mark's rewriting must still be numbered after it. Keyed by the dataset as
     * the store holds it, TDB2's switchable dataset, the same object across compactions.
     */
    private static final Map<DatasetGraph, Long> COMPACTING = new java.util.concurrent.ConcurrentHashMap<>();

    /** The number of the last change committed; 0 before any. In a transaction. */
    static long seq(DatasetGraph d) {
        return Math.max(read(d, SEQ, 0), COMPACTING.getOrDefault(d, 0L));
    }

    /** Runs a compaction of {@code d} and writes its mark again after it. */
    static void compacting(DatasetGraph d, Runnable compaction) {
        long[] mark = Txn.calculateRead(d, () -> new long[] {seq(d), offset(d)});
        COMPACTING.put(d, mark[0]);
        try {
            compaction.run();
            Txn.executeWrite(d, () -> {
                if (read(d, SEQ, 0) < mark[0]) {
                    set(d, mark[0], mark[1]);
                }
            });
        } finally {
            COMPACTING.remove(d);
        }
    }


    /** The topic offset of the last change a replica applied; -1 before any. In a transaction. */
    static long offset(DatasetGraph d) {
        return read(d, OFFSET, -1);
    }

    /** Records the change being committed. In a write transaction. */
    static void set(DatasetGraph d, long seq, long offset) {
        StoragePrefixes p = prefixes(d);
        p.add(GRAPH, SEQ, VALUE + seq);
        if (offset >= 0) {
            p.add(GRAPH, OFFSET, VALUE + offset);
        } else {
            p.delete(GRAPH, OFFSET);
        }
    }

    private static long read(DatasetGraph d, String key, long none) {
        String v = prefixes(d).get(GRAPH, key);
        return v == null ? none : Long.parseLong(v.substring(VALUE.length()));
    }

    private static StoragePrefixes prefixes(DatasetGraph d) {
        return TDBInternal.getDatasetGraphTDB(d).getStoragePrefixes();
    }
}
