package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kz.ashyq.store.DataVersion;
import kz.ashyq.store.ReadMemo;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIter1;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * One triple {@code ?key p ?value} (or {@code ?value p ?key}, or {@code ?key p <o>}) joined to the
 * rows fed to it, each of which binds {@code ?key}: the join TDB2 does with a B+tree descent per
 * row. Rows are looked up that way at first; beside them, the predicate's records (those of
 * {@code p <o>} for a constant object) are read from the POSG index, as many as {@link #RATIO} per
 * row looked up plus the records those lookups read. When they are all read, before the rows run
 * out, the rest of the rows are answered from them, kept as an {@link IdColumn}. So the reading
 * costs about what the descents it spares would have, and a join of as many rows as there are
 * records takes one pass over the index rather than a descent each.
 *
 * <p>A read that the rows did not pay for to its end is kept too, up to where it got, and the next
 * query of the same data goes on from there: BSBM's explore queries join a few hundred rows each
 * to the same predicates of 10,000 records, so no one query reads a predicate whole, but a few
 * queries do between them and the rest find it kept.
 *
 * <p>The answers are TDB2's: a triple held in several graphs is read once, as the union default
 * graph has it, and a node id's 8 bytes name one term. A row that does not bind {@code ?key}, or
 * binds {@code ?value}, is joined by TDB2 to the triple as written.
 *
 * <p>The rows' matches are produced in one loop, not as an iterator per row, as ARQ's
 * {@code QueryIterRepeatApply} would: each of those is registered with the execution context and
 * taken off its list again, which was a third of business-intelligence query 3's time.
 */
final class ColumnStage extends QueryIter1 {

    /**
     * Records read per row looked up. A descent in TDB2 cost 2 to 4 µs on BSBM's 3.6 million
     * triples in a profile of its business-intelligence query 8; reading a record in order and
     * adding it to the column about 100 ns: 32 stays under that ratio.
     */
    static final int RATIO = 32;
    /**
     * Rows looked up before any record is read: a pattern fed one row at a time (the right of an
     * {@code OPTIONAL}, an {@code EXISTS}) would otherwise read records it never uses. The count
     * goes on across queries of the same data, with the records the rows paid for: explore query
     * 5 joins 180 rows a query to a predicate of 10,000 records, and looked every one of them up
     * in every query.
     */
    static final int MIN_ROWS = 256;
    /** The most pairs a column holds (about 40 MB while built); past it, every row is looked up. */
    static final int MAX_PAIRS = 1 << 20;

    /**
     * Columns kept for later queries of the same data (store.ReadMemo), by store, predicate, object
     * and which end is the key: a release, an update or a compaction drops them. Each of at most
     * {@link #MAX_KEPT_PAIRS} pairs; all of them within three quarters of the analytic engine's
     * memory ({@link AnalyticEngine#keepMemory}), at {@value #KEPT_PAIR_BYTES} bytes a pair (36
     * to 60 with the hash table): 2.6 million pairs of the 160 MB default. BSBM's explore mix joins
     * to 15 predicates, and its business-intelligence queries to its offers' 200,000 prices and
     * vendors.
     */
    static final int MAX_KEPT_PAIRS = 1 << 18;
    static final int KEPT_PAIR_BYTES = 48;
    private static final ReadMemo<Shape, IdColumn> KEPT = new ReadMemo<>(64, IdColumn::size,
            AnalyticEngine.DEFAULT_KEPT_BYTES / 4 * 3 / KEPT_PAIR_BYTES);
    /**
     * Reads not yet at their end, each taken by one query at a time and put back where it got:
     * within three sixteenths of the engine's memory, each pair counted at
     * {@value #READING_PAIR_BYTES} bytes (16 in arrays at most half empty): about a million pairs,
     * 30 MB, of the default.
     */
    static final int READING_PAIR_BYTES = 32;
    private static final ReadMemo<Shape, Reading> READING = new ReadMemo<>(16,
            r -> r.gathered() == null ? 0 : r.gathered().size(), AnalyticEngine.DEFAULT_KEPT_BYTES / 16 * 3 / READING_PAIR_BYTES);

    /**
     * The column of {@code ?key predicate ?value} kept for the data {@code cxt} reads, or null when
     * none is: for a caller that counts over it without rows, and leaves reading it to the stages.
     */
    static IdColumn kept(ExecutionContext cxt, Node predicate, boolean keyIsSubject) {
        Location where = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getLocation();
        return where.isMem() ? null : KEPT.get(cxt.getDataset(), new Shape(where.getDirectoryPath(), predicate, null, keyIsSubject));
    }

    /** Bounds the kept columns and the reads left partway to their shares of {@code bytes}. */
    static void keepMemory(long bytes) {
        KEPT.bound(bytes / 4 * 3 / KEPT_PAIR_BYTES);
        READING.bound(bytes / 16 * 3 / READING_PAIR_BYTES);
    }

    /** How many columns were read whole, kept or not: for the tests, which check both ways are taken. */
    static final java.util.concurrent.atomic.LongAdder READ_WHOLE = new java.util.concurrent.atomic.LongAdder();

    /** @param object the triple's constant object, or null when its object is a variable */
    private record Shape(String store, Node predicate, Node object, boolean keyIsSubject) {}

    /**
     * The pairs of a read not at its end and the last record read (both null when no record has
     * been read yet), with the rows looked up so far and the records they have paid for.
     */
    private record Reading(IdColumn.Builder gathered, byte[] last, long looked, long budget) {}

    private final Var key;
    private final Var value; // null for a constant object
    private final Node object; // the constant object, or null
    private final boolean keyIsSubject;
    private final Node predicate;
    private final Op tripleOverUnion;
    private final ExecutionContext cxt;
    private final NodeTable nodes;
    private NodeId[] prefix; // the predicate's id, and the constant object's
    private Shape shape;
    private DataVersion version;
    private IdScan.Keys records;
    private byte[] lastRecord;
    private IdColumn.Builder gathered;
    private IdColumn column;
    private long budget;
    private long looked;
    private Iterator<Binding> stage; // the matches of the row taken last
    private QueryIterator stageByTdb; // the same, when TDB2 joins the row: closed when done

    /**
     * @param other the triple's other end: a new variable, or a constant object ({@code keyIsSubject} then)
     * @param keyIsSubject whether {@code key} is the triple's subject (else its object)
     * @param tripleOverUnion the triple as written, over the union graph
     */
    ColumnStage(QueryIterator input, ExecutionContext cxt, Var key, Node predicate, Node other, boolean keyIsSubject,
            Op tripleOverUnion) {
        super(input, cxt);
        if (!other.isVariable() && !keyIsSubject) {
            throw new IllegalArgumentException("a constant end must be the object: " + tripleOverUnion);
        }
        this.key = key;
        this.value = other.isVariable() ? Var.alloc(other) : null;
        this.object = other.isVariable() ? null : other;
        this.keyIsSubject = keyIsSubject;
        this.predicate = predicate;
        this.tripleOverUnion = tripleOverUnion;
        this.cxt = cxt;
        this.nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable().getNodeTupleTable().getNodeTable();
    }

    @Override
    protected boolean hasNextBinding() {
        while (stage == null || !stage.hasNext()) {
            closeStage();
            if (!getInput().hasNext()) {
                return false;
            }
            stage = matches(getInput().next());
        }
        return true;
    }

    @Override
    protected Binding moveToNextBinding() {
        return stage.next();
    }

    /** The row's matches: the row joined to the triple. */
    private Iterator<Binding> matches(Binding row) {
        if (!row.contains(key) || value != null && row.contains(value)) {
            stageByTdb = QC.execute(tripleOverUnion, QueryIterSingleton.create(row, cxt), cxt);
            return stageByTdb;
        }
        if (prefix == null) {
            start();
        }
        NodeId keyId = idOf(row, key);
        if (prefix.length == 0 || keyId == null || NodeId.isDoesNotExist(keyId)) {
            return java.util.Collections.emptyIterator();
        }
        if (object != null) {
            return holds(keyId) ? List.of(row).iterator() : java.util.Collections.emptyIterator();
        }
        BindingNodeId ids = ids(row);
        if (column != null) {
            return new Pairs(ids, column.first(IdScan.bits(keyId)));
        }
        // SPOG (key, p) for a subject key, POSG (p, key) for an object key: the value is third
        List<Binding> out = new ArrayList<>();
        IdScan lookup = keyIsSubject ? IdScan.ofIds(cxt.getDataset(), "SPOG", keyId, prefix[0])
                : IdScan.ofIds(cxt.getDataset(), "POSG", prefix[0], keyId);
        try (IdScan.Keys found = lookup.keys(cxt.getCancelSignal())) {
            while (found.hasNext()) {
                out.add(bind(ids, IdScan.nodeId(IdScan.bits(found.next(), 2))));
            }
        }
        lookedUp(out.size());
        return out.iterator();
    }

    /** The column's values of one key, bound in turn. */
    private final class Pairs implements Iterator<Binding> {
        private final BindingNodeId ids;
        private int pair;

        Pairs(BindingNodeId ids, int first) {
            this.ids = ids;
            this.pair = first;
        }

        @Override
        public boolean hasNext() {
            return pair >= 0;
        }

        @Override
        public Binding next() {
            Binding b = bind(ids, IdScan.nodeId(column.value(pair)));
            pair = column.next(pair);
            return b;
        }
    }

    private void closeStage() {
        if (stageByTdb != null) {
            stageByTdb.close();
            stageByTdb = null;
        }
        stage = null;
    }

    /** Whether the triple {@code key p o} of a constant object is in the store. */
    private boolean holds(NodeId keyId) {
        if (column != null) {
            return column.first(IdScan.bits(keyId)) >= 0;
        }
        boolean found;
        try (IdScan.Keys keys = IdScan.ofIds(cxt.getDataset(), "SPOG", keyId, prefix[0], prefix[1])
                .keys(cxt.getCancelSignal())) {
            found = keys.hasNext();
        }
        lookedUp(found ? 1 : 0);
        return found;
    }

    private void lookedUp(int records) {
        budget += RATIO + records;
        if (++looked >= MIN_ROWS) {
            readRecords();
        }
    }

    /**
     * The ids of the predicate and object (none when one is not in the store), and the column kept
     * for them, or the read an earlier query left.
     */
    private void start() {
        NodeId p = nodes.getNodeIdForNode(predicate);
        NodeId o = object == null ? null : nodes.getNodeIdForNode(object);
        boolean absent = NodeId.isDoesNotExist(p) || o != null && NodeId.isDoesNotExist(o);
        prefix = absent ? new NodeId[0] : o == null ? new NodeId[] {p} : new NodeId[] {p, o};
        Location where = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getLocation();
        if (absent || where.isMem()) {
            gathered = new IdColumn.Builder(); // a store in memory has no place to name what is kept by
            return;
        }
        shape = new Shape(where.getDirectoryPath(), predicate, object, keyIsSubject);
        version = DataVersion.ofTransaction(cxt.getDataset());
        column = KEPT.get(cxt.getDataset(), shape);
        Reading left = column == null ? READING.take(cxt.getDataset(), shape) : null;
        gathered = left == null || left.gathered() == null ? new IdColumn.Builder() : left.gathered();
        lastRecord = left == null ? null : left.last();
        looked = left == null ? 0 : left.looked();
        budget = left == null ? 0 : left.budget();
    }

    /** Reads the predicate's records up to the budget; makes the column once they are all read. */
    private void readRecords() {
        if (gathered == null) {
            return;
        }
        if (records == null) {
            IdScan scan = IdScan.ofIds(cxt.getDataset(), "POSG", prefix);
            records = lastRecord == null ? scan.keys(cxt.getCancelSignal())
                    : scan.keysAfter(lastRecord, cxt.getCancelSignal());
        }
        // POSG's records are (p, o, s, g)
        int keyAt = keyIsSubject ? 2 : 1;
        int valueAt = keyIsSubject ? 1 : 2;
        while (budget > 0 && records.hasNext()) {
            byte[] record = records.next();
            gathered.add(IdScan.bits(record, keyAt), IdScan.bits(record, valueAt));
            lastRecord = record;
            budget--;
            if (gathered.size() > MAX_PAIRS) {
                stopReading(false);
                return;
            }
        }
        if (!records.hasNext()) {
            column = gathered.build();
            READ_WHOLE.increment();
            if (shape != null && column.size() <= MAX_KEPT_PAIRS) {
                KEPT.put(version, shape, column);
            }
            stopReading(false);
        }
    }

    /** Stops reading; with {@code keep}, leaves the read where it got for the next query of the same data. */
    private void stopReading(boolean keep) {
        if (keep && gathered != null && shape != null && (lastRecord != null || looked > 0)
                && gathered.size() <= MAX_KEPT_PAIRS) {
            READING.put(version, shape, new Reading(lastRecord == null ? null : gathered, lastRecord, looked, budget));
        }
        gathered = null;
        if (records != null) {
            records.close();
            records = null;
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
        closeStage();
        stopReading(true);
    }

    @Override
    protected void requestSubCancel() {
        if (stageByTdb != null) {
            stageByTdb.cancel();
        }
    }
}
