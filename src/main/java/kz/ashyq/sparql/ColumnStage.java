package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kz.ashyq.store.ReadMemo;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterNullIterator;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * One triple {@code ?key p ?value} (or {@code ?value p ?key}) joined to the rows fed to it, each
 * of which binds {@code ?key}: the join TDB2 does with a B+tree descent per row. Rows are looked
 * up that way at first; beside them, the predicate's records are read from the POSG index, as many
 * as {@link #RATIO} per row looked up plus the records those lookups read. When they are all read,
 * before the rows run out, the rest of the rows are answered from them, kept as an
 * {@link IdColumn}. So the reading costs about what the descents it spares would have, and a join
 * of as many rows as there are records takes one pass over the index rather than a descent each.
 *
 * <p>The answers are TDB2's: a triple held in several graphs is read once, as the union default
 * graph has it, and a node id's 8 bytes name one term. A row that does not bind {@code ?key}, or
 * binds {@code ?value}, is joined by TDB2 to the triple as written.
 */
final class ColumnStage extends QueryIterRepeatApply {

    /**
     * Records read per row looked up. A descent in TDB2 cost 2 to 4 µs on BSBM's 3.6 million
     * triples in a profile of its business-intelligence query 8; reading a record in order and
     * adding it to the column about 100 ns: 32 stays under that ratio.
     */
    static final int RATIO = 32;
    /**
     * Rows looked up before any record is read: a pattern fed one row at a time (the right of an
     * {@code OPTIONAL}, an {@code EXISTS}) would otherwise read records it never uses.
     */
    static final int MIN_ROWS = 256;
    /** The most pairs a column holds (about 40 MB while built); past it, every row is looked up. */
    static final int MAX_PAIRS = 1 << 20;

    /**
     * Columns kept for later queries of the same data (store.ReadMemo), by store, predicate and
     * which end is the key: a release, an update or a compaction drops them. At most
     * {@link #KEPT_COLUMNS} of at most {@link #MAX_KEPT_PAIRS} pairs, about 9 MB each.
     */
    static final int KEPT_COLUMNS = 6;
    static final int MAX_KEPT_PAIRS = 1 << 18;
    private static final ReadMemo<Shape, IdColumn> KEPT = new ReadMemo<>(KEPT_COLUMNS);

    /** How many columns were read whole, kept or not: for the tests, which check both ways are taken. */
    static final java.util.concurrent.atomic.LongAdder READ_WHOLE = new java.util.concurrent.atomic.LongAdder();

    private record Shape(String store, Node predicate, boolean keyIsSubject) {}

    private final Var key;
    private final Var value;
    private final boolean keyIsSubject;
    private final Node predicate;
    private final Op tripleOverUnion;
    private final ExecutionContext cxt;
    private final NodeTable nodes;
    private NodeId predicateId;
    private IdScan.Keys records;
    private IdColumn.Builder gathered = new IdColumn.Builder();
    private IdColumn column;
    private long budget;
    private long looked;

    /**
     * @param keyIsSubject whether {@code key} is the triple's subject (else its object)
     * @param tripleOverUnion the triple as written, over the union graph
     */
    ColumnStage(QueryIterator input, ExecutionContext cxt, Var key, Node predicate, Var value, boolean keyIsSubject,
            Op tripleOverUnion) {
        super(input, cxt);
        this.key = key;
        this.value = value;
        this.keyIsSubject = keyIsSubject;
        this.predicate = predicate;
        this.tripleOverUnion = tripleOverUnion;
        this.cxt = cxt;
        this.nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable().getNodeTupleTable().getNodeTable();
    }

    @Override
    protected QueryIterator nextStage(Binding row) {
        if (!row.contains(key) || row.contains(value)) {
            return QC.execute(tripleOverUnion, QueryIterSingleton.create(row, cxt), cxt);
        }
        if (predicateId == null) {
            predicateId = nodes.getNodeIdForNode(predicate);
            column = shape() == null ? null : KEPT.get(cxt.getDataset(), shape());
        }
        NodeId keyId = idOf(row, key);
        if (NodeId.isDoesNotExist(predicateId) || keyId == null || NodeId.isDoesNotExist(keyId)) {
            return QueryIterNullIterator.create(cxt);
        }
        BindingNodeId ids = ids(row);
        List<Binding> out = new ArrayList<>();
        if (column != null) {
            for (int pair = column.first(IdScan.bits(keyId)); pair >= 0; pair = column.next(pair)) {
                out.add(bind(ids, IdScan.nodeId(column.value(pair))));
            }
        } else {
            // SPOG (key, p) for a subject key, POSG (p, key) for an object key: the value is third
            IdScan lookup = keyIsSubject ? IdScan.ofIds(cxt.getDataset(), "SPOG", keyId, predicateId)
                    : IdScan.ofIds(cxt.getDataset(), "POSG", predicateId, keyId);
            try (IdScan.Keys found = lookup.keys(cxt.getCancelSignal())) {
                while (found.hasNext()) {
                    out.add(bind(ids, IdScan.nodeId(IdScan.bits(found.next(), 2))));
                }
            }
            budget += RATIO + out.size();
            if (++looked >= MIN_ROWS) {
                readRecords();
            }
        }
        return QueryIterPlainWrapper.create(out.iterator(), cxt);
    }

    /** Reads the predicate's records up to the budget; makes the column once they are all read. */
    private void readRecords() {
        if (gathered == null) {
            return;
        }
        if (records == null) {
            records = IdScan.ofIds(cxt.getDataset(), "POSG", predicateId).keys(cxt.getCancelSignal());
        }
        // POSG's records are (p, o, s, g)
        int keyAt = keyIsSubject ? 2 : 1;
        int valueAt = keyIsSubject ? 1 : 2;
        while (budget > 0 && records.hasNext()) {
            byte[] record = records.next();
            gathered.add(IdScan.bits(record, keyAt), IdScan.bits(record, valueAt));
            budget--;
            if (gathered.size() > MAX_PAIRS) {
                stopReading();
                return;
            }
        }
        if (!records.hasNext()) {
            column = gathered.build();
            READ_WHOLE.increment();
            if (gathered.size() <= MAX_KEPT_PAIRS && shape() != null) {
                KEPT.put(cxt.getDataset(), shape(), column);
            }
            stopReading();
        }
    }

    /** What the column is kept by; null for a store in memory, which has no place to name it by. */
    private Shape shape() {
        Location where = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getLocation();
        return where.isMem() ? null : new Shape(where.getDirectoryPath(), predicate, keyIsSubject);
    }

    private void stopReading() {
        gathered = null;
        if (records != null) {
            records.close();
        }
    }

    /** The node id {@code var} is bound to in {@code row}: as TDB2 bound it, or looked up (null for an unbound one). */
    private NodeId idOf(Binding row, Var var) {
        if (row instanceof BindingTDB tdb) {
            NodeId id = tdb.getBindingId().get(var);
            if (id != null) {
                return id;
            }
        }
        Node node = row.get(var);
        return node == null ? null : nodes.getNodeIdForNode(node);
    }

    /**
     * The row as node ids, every variable converted, as TDB2 converts a row it is fed: TDB2 joins
     * later triples on the ids alone.
     */
    private BindingNodeId ids(Binding row) {
        if (row instanceof BindingTDB tdb) {
            return tdb.getBindingId();
        }
        BindingNodeId ids = new BindingNodeId(row);
        for (Iterator<Var> vars = row.vars(); vars.hasNext(); ) {
            Var v = vars.next();
            ids.put(v, nodes.getNodeIdForNode(row.get(v)));
        }
        return ids;
    }

    private Binding bind(BindingNodeId ids, NodeId id) {
        BindingNodeId bound = new BindingNodeId(ids);
        bound.put(value, id);
        return new BindingTDB(bound, nodes);
    }

    @Override
    protected void closeSubIterator() {
        stopReading();
        super.closeSubIterator();
    }
}
