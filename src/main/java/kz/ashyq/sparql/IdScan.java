package kz.ashyq.sparql;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.Bytes;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.index.RangeIndex;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The distinct triples of the union default graph that match one triple pattern, read as the raw
 * records of the quad index whose prefix is the pattern's constants: 32 bytes a record, four node
 * ids of 8 bytes in the index's order, nothing decoded and no object made per record. The index is
 * one with the graph last (SPOG, POSG or OSPG), so that a triple held in several graphs comes in
 * adjacent records and is given once, as the union default graph has it.
 *
 * <p>A node id's 8 bytes, read as a long, name the node: unlike {@link NodeId#equals}, which leaves
 * the type out (an inline integer 31 equals the node at offset 31 of the node table), they hold
 * the type. Call inside the query's read transaction.
 */
final class IdScan {

    /** The quad indexes with the graph last, and which of S (0), P (1), O (2) each holds at positions 0, 1, 2. */
    private static final String[] INDEXES = {"SPOG", "POSG", "OSPG"};
    private static final int[][] ORDERS = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}};
    /** How many records are read between looks at the query's cancel signal. */
    private static final int CHECK_EVERY = 1 << 14;
    private static final int ID = NodeId.SIZE;

    private final NodeTable nodes;
    private final RangeIndex index;
    private final int[] order;
    private final NodeId[] prefix;

    private IdScan(NodeTable nodes, RangeIndex index, int[] order, NodeId[] prefix) {
        this.nodes = nodes;
        this.index = index;
        this.order = order;
        this.prefix = prefix;
    }

    /**
     * The scan of {@code pattern} (S, P, O; variables or constants) over {@code dsg}'s quads, or
     * null when a constant is in no triple of the store (the pattern matches nothing). When it can,
     * the index chosen has the slot {@code next} (or -1) right after the constants, so that its
     * values come in runs.
     */
    static IdScan of(DatasetGraph dsg, Node[] pattern, int next) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        int chosen = choose(pattern, next);
        int[] order = ORDERS[chosen];
        int constants = constants(pattern);
        NodeId[] prefix = new NodeId[constants];
        for (int i = 0; i < constants; i++) {
            prefix[i] = nodes.getNodeIdForNode(pattern[order[i]]);
            if (NodeId.isDoesNotExist(prefix[i])) {
                return null;
            }
        }
        TupleIndexRecord index = (TupleIndexRecord) quads.getTupleTable().selectIndex(INDEXES[chosen]);
        return new IdScan(nodes, index.getRangeIndex(), order, prefix);
    }

    /**
     * The scan of the triples whose leading slots in {@code index} ("SPOG", "POSG" or "OSPG") are
     * the node ids {@code prefix}, the ids of terms that are in the store.
     */
    static IdScan ofIds(DatasetGraph dsg, String index, NodeId... prefix) {
        NodeTupleTable quads = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable();
        int chosen = Arrays.asList(INDEXES).indexOf(index);
        TupleIndexRecord records = (TupleIndexRecord) quads.getTupleTable().selectIndex(index);
        return new IdScan(quads.getNodeTable(), records.getRangeIndex(), ORDERS[chosen], prefix.clone());
    }

    private static int constants(Node[] pattern) {
        int n = 0;
        for (Node node : pattern) {
            n += node.isVariable() ? 0 : 1;
        }
        return n;
    }

    /** The index whose leading slots are the constants, then {@code next} when one such index has it there. */
    private static int choose(Node[] pattern, int next) {
        int constants = constants(pattern);
        int fallback = -1;
        for (int i = 0; i < ORDERS.length; i++) {
            boolean prefix = true;
            for (int k = 0; k < constants; k++) {
                prefix &= !pattern[ORDERS[i][k]].isVariable();
            }
            if (!prefix) {
                continue;
            }
            if (next < 0 || constants < 3 && ORDERS[i][constants] == next) {
                return i;
            }
            fallback = fallback < 0 ? i : fallback;
        }
        return fallback;
    }

    /** The position (0, 1, 2) in a record of slot S (0), P (1) or O (2). */
    int position(int slot) {
        for (int i = 0; i < 3; i++) {
            if (order[i] == slot) {
                return i;
            }
        }
        throw new IllegalArgumentException("slot " + slot);
    }

    /** The 8 bytes of the node id at {@code position} of a record, as a long: equal for the same node only. */
    static long bits(byte[] key, int position) {
        return Bytes.getLong(key, position * ID);
    }

    /** The 8 bytes of {@code id}, as a long: as {@link #bits(byte[], int)} reads them from a record. */
    static long bits(NodeId id) {
        byte[] eight = new byte[ID];
        NodeIdFactory.set(id, eight, 0);
        return Bytes.getLong(eight, 0);
    }

    /** The node id whose 8 bytes, read as a long, are {@code bits} (as {@link #bits} gives them). */
    static NodeId nodeId(long bits) {
        byte[] eight = new byte[ID];
        Bytes.setLong(bits, eight, 0);
        return NodeIdFactory.get(eight, 0);
    }

    /** The node at {@code position} of a record, decoded. */
    Node node(byte[] key, int position) {
        return nodes.getNodeForNodeId(NodeIdFactory.get(key, position * ID));
    }

    /**
     * Gives each distinct matching triple's record (slots in the index's order, see
     * {@link #position}) to {@code visitor}; stops with {@link QueryCancelledException} when asked to.
     */
    void forEach(AtomicBoolean cancel, Consumer<byte[]> visitor) {
        Keys keys = keys(cancel);
        try {
            while (keys.hasNext()) {
                visitor.accept(keys.next());
            }
        } finally {
            keys.close();
        }
    }

    /** The distinct matching triples' records, as {@link #forEach} gives them, to be read in steps; close it. */
    Keys keys(AtomicBoolean cancel) {
        return new Keys(index.iterator(bound(false), bound(true)), cancel);
    }

    /**
     * The records after {@code after}, a record this scan gave, as {@link #keys} gives them: a read
     * taken up where an earlier one stopped (in another query of the same data). Close it.
     */
    Keys keysAfter(byte[] after, AtomicBoolean cancel) {
        Keys keys = new Keys(index.iterator(new Record(after, null), bound(true)), cancel);
        keys.last = after; // so the record itself, and the same triple in other graphs, are skipped
        return keys;
    }

    /** The least record with the constants' ids, or with {@code high} the least past them; null for none. */
    private Record bound(boolean high) {
        if (prefix.length == 0) {
            return null;
        }
        byte[] key = new byte[4 * ID];
        for (int i = 0; i < prefix.length; i++) {
            NodeIdFactory.set(prefix[i], key, i * ID);
        }
        if (high) {
            NodeIdFactory.setNext(prefix[prefix.length - 1], key, (prefix.length - 1) * ID);
        }
        return new Record(key, null);
    }

    /** Records read in steps, each distinct triple once (a triple in several graphs is adjacent). */
    static final class Keys implements Iterator<byte[]>, AutoCloseable {
        private final Iterator<Record> records;
        private final AtomicBoolean cancel;
        private byte[] last;
        private byte[] ahead;
        private long read;

        private Keys(Iterator<Record> records, AtomicBoolean cancel) {
            this.records = records;
            this.cancel = cancel;
        }

        @Override
        public boolean hasNext() {
            while (ahead == null && records.hasNext()) {
                byte[] key = records.next().getKey();
                if (++read % CHECK_EVERY == 0 && cancel != null && cancel.get()) {
                    throw new QueryCancelledException();
                }
                if (last == null || !Arrays.equals(key, 0, 3 * ID, last, 0, 3 * ID)) {
                    ahead = key; // else the same triple in another graph
                }
            }
            return ahead != null;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            last = ahead;
            ahead = null;
            return last;
        }

        @Override
        public void close() {
            Iter.close(records);
        }
    }
}
