package kz.ashyq.store;

import org.apache.jena.dboe.storage.StoragePrefixes;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
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

    /** The number of the last change committed; 0 before any. In a transaction. */
    static long seq(DatasetGraph d) {
        return read(d, SEQ, 0);
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
