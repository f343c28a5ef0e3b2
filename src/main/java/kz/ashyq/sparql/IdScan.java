package kz.ashyq.sparql;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.iterator.IteratorCloseable;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdType;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The distinct triples of the union default graph that match one triple pattern, as node ids,
 * read off the quad index whose prefix is the pattern's constants. The index is one with the graph
 * last (SPOG, POSG or OSPG), so that a triple held in several graphs comes out in adjacent records
 * and is given once, as the union default graph has it. Call inside the query's read transaction.
 */
final class IdScan {

    /** The quad indexes with the graph last, and the slots of S, P, O (1, 2, 3 in G S P O) each reads first. */
    private static final String[] INDEXES = {"SPOG", "POSG", "OSPG"};
    private static final int[][] ORDERS = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}};
    /** How many records are read between looks at the query's cancel signal. */
    private static final int CHECK_EVERY = 1 << 14;

    private final NodeTupleTable quads;
    private final TupleIndex index;
    private final Tuple<NodeId> search;

    private IdScan(NodeTupleTable quads, TupleIndex index, Tuple<NodeId> search) {
        this.quads = quads;
        this.index = index;
        this.search = search;
    }

    /**
     * The scan of {@code pattern} (S, P, O; variables or constants) over {@code dsg}'s quads, or
     * null when a constant is in no triple of the store (the pattern matches nothing).
     */
    static IdScan of(DatasetGraph dsg, Node[] pattern) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        NodeId[] ids = new NodeId[4];
        ids[0] = NodeId.NodeIdAny;
        for (int slot = 0; slot < 3; slot++) {
            Node n = pattern[slot];
            if (n.isVariable()) {
                ids[slot + 1] = NodeId.NodeIdAny;
            } else {
                NodeId id = nodes.getNodeIdForNode(n);
                if (NodeId.isDoesNotExist(id)) {
                    return null;
                }
                ids[slot + 1] = id;
            }
        }
        return new IdScan(quads, quads.getTupleTable().selectIndex(indexFor(pattern)), TupleFactory.create(ids));
    }

    /** The index among SPOG, POSG and OSPG whose leading slots are the pattern's constants. */
    private static String indexFor(Node[] pattern) {
        for (int i = 0; i < ORDERS.length; i++) {
            boolean prefix = true;
            boolean seenVariable = false;
            for (int slot : ORDERS[i]) {
                boolean variable = pattern[slot].isVariable();
                prefix &= !(seenVariable && !variable);
                seenVariable |= variable;
            }
            if (prefix) {
                return INDEXES[i];
            }
        }
        throw new IllegalStateException("no index fits " + java.util.Arrays.toString(pattern));
    }

    /**
     * A node id as a key for maps and sets. {@link NodeId#equals} and {@code hashCode} leave the
     * type out, so that an inline integer 31 equals the node at offset 31 of the node table.
     */
    record Key(NodeIdType type, long value) {
        static Key of(NodeId id) {
            return new Key(id.type(), id.getPtrLocation());
        }
    }

    /** Whether two node ids are the same node: type and value. */
    static boolean same(NodeId a, NodeId b) {
        return b != null && a.type() == b.type() && a.getPtrLocation() == b.getPtrLocation();
    }

    /** The node table, to decode what the scan gives. */
    NodeTable nodes() {
        return quads.getNodeTable();
    }

    /**
     * The distinct matching triples as S, P, O node ids; throws {@link QueryCancelledException}
     * once {@code cancel} is set. Close it with {@link Iter#close}.
     */
    IteratorCloseable<Tuple<NodeId>> triples(AtomicBoolean cancel) {
        Iterator<Tuple<NodeId>> records = index.find(search);
        return new IteratorCloseable<>() {
            private Tuple<NodeId> next;
            private NodeId s;
            private NodeId p;
            private NodeId o;
            private long read;

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    Tuple<NodeId> q = records.next(); // G S P O
                    if (++read % CHECK_EVERY == 0 && cancel != null && cancel.get()) {
                        throw new QueryCancelledException();
                    }
                    if (same(q.get(1), s) && same(q.get(2), p) && same(q.get(3), o)) {
                        continue; // the same triple in another graph
                    }
                    s = q.get(1);
                    p = q.get(2);
                    o = q.get(3);
                    next = TupleFactory.create3(s, p, o);
                }
                return next != null;
            }

            @Override
            public Tuple<NodeId> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Tuple<NodeId> t = next;
                next = null;
                return t;
            }

            @Override
            public void close() {
                Iter.close(records);
            }

            @Override
            public void forEachRemaining(java.util.function.Consumer<? super Tuple<NodeId>> action) {
                while (hasNext()) {
                    action.accept(next());
                }
            }
        };
    }
}
