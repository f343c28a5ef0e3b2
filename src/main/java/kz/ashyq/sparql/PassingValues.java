package kz.ashyq.sparql;

import java.util.Arrays;
import kz.ashyq.store.ReadMemo;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The triples {@code ?s p ?o} whose object a filter passes, read from the POSG index as they are
 * asked for, in its order: each distinct object decoded and filtered once, its records made rows
 * when it passes.
 *
 * <p>A predicate read to its end whose objects each have 32 records or more on average leaves its
 * distinct objects kept with the data version (store.ReadMemo): the next query filters those and
 * reads only the records of the objects that pass. BSBM's reviews have 100,000 dates on about
 * 2,000 days; its business-intelligence query 3 wants two months of them, twice.
 */
final class PassingValues implements java.util.Iterator<Binding>, org.apache.jena.atlas.lib.Closeable {

    /** Makes a row of a match. */
    interface RowMaker {
        Binding row(long subject, long object, NodeTable nodes);
    }

    /**
     * Records per distinct object, on average, for the objects to be kept: an object that passes is
     * then read with a B+tree descent, which costs about what reading 40 records in order does.
     */
    private static final int RECORDS_PER_VALUE = 32;
    /**
     * Distinct objects kept, of all predicates: 8 bytes each, within a sixteenth of the analytic
     * engine's memory ({@link AnalyticEngine#keepMemory}; 10 MB of the default).
     */
    private static final ReadMemo<Shape, long[]> VALUES = new ReadMemo<>(32, v -> v.length,
            AnalyticEngine.DEFAULT_KEPT_BYTES / 16 / Long.BYTES);

    /** Bounds the kept objects to their share of {@code bytes}. */
    static void keepMemory(long bytes) {
        VALUES.bound(bytes / 16 / Long.BYTES);
    }

    /** How many reads filtered kept objects: for the tests, which check that the way is taken. */
    static final java.util.concurrent.atomic.LongAdder FROM_KEPT = new java.util.concurrent.atomic.LongAdder();

    /** How many objects were filtered on their inline ids ({@link InlineRange}), added when a read ends: for the tests. */
    static final java.util.concurrent.atomic.LongAdder ON_IDS = new java.util.concurrent.atomic.LongAdder();

    private record Shape(String store, Node predicate) {}

    private final ExecutionContext cxt;
    private final ExprList filter;
    private final InlineRange range; // the filter decided on inline ids, where it can be; else null
    private final Var object;
    private final RowMaker rows;
    private final NodeTable nodes;
    private final int maxValues;
    private final Node predicate;
    private final Shape shape;
    private final long[] kept; // the distinct objects, when kept; else the index is read
    private NodeId predicateId; // looked up when a kept object first passes
    private IdScan scan;
    private IdScan.Keys keys;
    private int sAt;
    private int oAt;
    private long current;
    private boolean started;
    private boolean passes;
    private int values;
    private long records;
    private boolean tooMany;
    private Binding ahead;
    private long[] seen = new long[64]; // the distinct objects read, to be kept at the end
    private int nextKept;
    private int onIds; // objects decided on their ids, counted once at the end rather than per object

    /**
     * The matches of {@code ?s predicate ?object} that {@code filter} passes; {@code maxValues}
     * distinct objects at most, after which {@link #tooMany()}.
     */
    PassingValues(ExecutionContext cxt, Node predicate, Var object, ExprList filter, int maxValues, RowMaker rows) {
        this.cxt = cxt;
        this.predicate = predicate;
        this.object = object;
        this.filter = filter;
        this.range = InlineRange.of(filter, object);
        this.maxValues = maxValues;
        this.rows = rows;
        var tdb = TDBInternal.getDatasetGraphTDB(cxt.getDataset());
        this.nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
        Location where = tdb.getLocation();
        this.shape = where.isMem() ? null : new Shape(where.getDirectoryPath(), predicate);
        this.kept = shape == null ? null : VALUES.get(cxt.getDataset(), shape);
        if (kept != null) {
            FROM_KEPT.increment();
        } else {
            open(IdScan.of(cxt.getDataset(), new Node[] {Var.alloc("s"), predicate, object}, 2));
        }
    }

    /** Whether the predicate is in no triple of the store. */
    boolean absent() {
        return kept == null && scan == null;
    }

    /** Whether reading stopped at more than {@code maxValues} distinct objects: the caller gives way to TDB2. */
    boolean tooMany() {
        return tooMany;
    }

    private void open(IdScan s) {
        scan = s;
        if (s != null) {
            keys = s.keys(cxt.getCancelSignal());
            sAt = s.position(0);
            oAt = s.position(2);
        }
    }

    @Override
    public boolean hasNext() {
        while (ahead == null && !tooMany) {
            if (keys != null && keys.hasNext()) {
                byte[] key = keys.next();
                long o = IdScan.bits(key, oAt);
                if (kept == null && (!started || o != current)) {
                    started = true;
                    current = o;
                    if (!newValue(o)) {
                        break;
                    }
                }
                records++;
                if (passes) {
                    ahead = rows.row(IdScan.bits(key, sAt), o, nodes);
                }
            } else if (kept != null && nextKept < kept.length) {
                close();
                current = kept[nextKept++];
                if (newValue(current) && passes) {
                    open(IdScan.ofIds(cxt.getDataset(), "POSG", predicateId(), IdScan.nodeId(current)));
                }
            } else {
                keepValues();
                break;
            }
        }
        return ahead != null;
    }

    /** The predicate's node id, looked up once. */
    private NodeId predicateId() {
        if (predicateId == null) {
            predicateId = nodes.getNodeIdForNode(predicate);
        }
        return predicateId;
    }

    /** Counts and filters a new distinct object; false when there are too many. */
    private boolean newValue(long o) {
        if (++values > maxValues) {
            tooMany = true;
            return false;
        }
        if (kept == null) {
            if (values > seen.length) {
                seen = Arrays.copyOf(seen, seen.length * 2);
            }
            seen[values - 1] = o;
        }
        Boolean decided = range == null ? null : range.test(o);
        onIds += decided != null ? 1 : 0;
        passes = decided != null ? decided
                : filter.isSatisfied(BindingFactory.binding(object, nodes.getNodeForNodeId(IdScan.nodeId(o))), cxt);
        return true;
    }

    /** At the end of a read of the whole index: keeps its distinct objects when they have many records each. */
    private void keepValues() {
        ON_IDS.add(onIds);
        onIds = 0;
        if (kept == null && seen != null && shape != null && values > 0 && records >= (long) RECORDS_PER_VALUE * values) {
            VALUES.put(cxt.getDataset(), shape, Arrays.copyOf(seen, values));
        }
        seen = null;
    }

    @Override
    public Binding next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        Binding b = ahead;
        ahead = null;
        return b;
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            keys = null;
        }
    }
}
