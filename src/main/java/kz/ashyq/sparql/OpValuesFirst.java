package kz.ashyq.sparql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import kz.ashyq.store.ReadMemo;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A filter on the values of one triple's object, {@code ?x p ?o FILTER (?o >= a && ?o < b)}, in a
 * pattern where nothing else binds {@code ?o}, as in BSBM's business-intelligence query 3 (reviews
 * of a month). TDB2 starts from the pattern's smallest triple, looks each match up in the others
 * and decodes every {@code ?o} to filter it. This walks the POSG index of {@code p}, where the
 * records of one object are adjacent, decodes each distinct object once, keeps the records of those
 * the filter passes, and has TDB2 join the rest of the pattern to them, as node ids.
 *
 * <p>Bounded, so it is never much slower than TDB2: it is tried only when {@code p} has at most
 * {@link #SCAN_PAST} times as many triples as the pattern's smallest other triple, by TDB2's
 * statistics; it gives up, and TDB2 runs the pattern, when {@code p} has more than
 * {@link #MAX_VALUES} distinct objects, or when more triples pass than the smallest other triple
 * has. The filter gives the same answer for a row as for its value: only filters of {@code ?o}
 * alone, without functions of no fixed result (random numbers, blank nodes, UUIDs, functions of
 * extensions), are taken ({@link AnalyticRewrite}). A row that binds a variable of the pattern
 * runs the original.
 */
final class OpValuesFirst extends OpExt {

    /** How many times the smallest other triple's count {@code p} may have for the scan to be tried. */
    static final int SCAN_PAST = 10;
    /** The most distinct objects decoded before TDB2 takes over. */
    static final int MAX_VALUES = 100_000;
    /** TDB2's statistics of a store, read again at each data version. */
    private static final ReadMemo<String, StatsMatcher> STATS = new ReadMemo<>(8);

    private final Op original;
    private final Op overUnion;
    private final Var subject;
    private final Node predicate;
    private final Var object;
    private final ExprList valueFilter;
    private final List<Triple> others;
    private final Op rest; // the other triples over the union graph; null when none

    OpValuesFirst(Op original, Node graph, Triple filtered, ExprList valueFilter, BasicPattern others) {
        super("valuesFirst");
        this.original = original;
        this.overUnion = OpLib.unionDefaultGraphQuads(original);
        this.subject = Var.alloc(filtered.getSubject());
        this.predicate = filtered.getPredicate();
        this.object = Var.alloc(filtered.getObject());
        this.valueFilter = valueFilter;
        this.others = others.getList();
        this.rest = others.isEmpty() ? null : OpLib.unionDefaultGraphQuads(new OpQuadPattern(graph, others));
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        return new QueryIterRepeatApply(input, cxt) {
            private Found found;
            private boolean looked;

            @Override
            protected QueryIterator nextStage(Binding row) {
                if (!looked && !bindsThePattern(row)) {
                    found = matches(cxt);
                    looked = true;
                }
                if (found == null || bindsThePattern(row)) {
                    return QC.execute(overUnion, QueryIterSingleton.create(row, cxt), cxt);
                }
                List<Binding> rows = new ArrayList<>(found.size);
                for (int i = 0; i < found.size; i++) {
                    NodeId s = id(found.subjects[i]);
                    NodeId o = id(found.objects[i]);
                    if (row.isEmpty()) {
                        BindingNodeId ids = new BindingNodeId(row);
                        ids.put(subject, s);
                        ids.put(object, o);
                        rows.add(new BindingTDB(ids, found.nodes));
                    } else { // TDB2 would not see the row's own variables in a binding of ids
                        rows.add(BindingFactory.binding(row, subject, found.nodes.getNodeForNodeId(s), object,
                                found.nodes.getNodeForNodeId(o)));
                    }
                }
                QueryIterator bound = QueryIterPlainWrapper.create(rows.iterator(), cxt);
                return rest == null ? bound : QC.execute(rest, bound, cxt);
            }
        };
    }

    private boolean bindsThePattern(Binding row) {
        if (row.contains(subject) || row.contains(object)) {
            return true;
        }
        for (Triple t : others) {
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isVariable() && row.contains(Var.alloc(n))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static NodeId id(long bits) {
        byte[] eight = new byte[8];
        org.apache.jena.atlas.lib.Bytes.setLong(bits, eight, 0);
        return NodeIdFactory.get(eight, 0);
    }

    /** The triples the filter passes, as node ids, in POSG order. */
    private static final class Found {
        final NodeTable nodes;
        long[] subjects = new long[256];
        long[] objects = new long[256];
        int size;

        Found(NodeTable nodes) {
            this.nodes = nodes;
        }

        void add(long s, long o) {
            if (size == subjects.length) {
                subjects = Arrays.copyOf(subjects, size * 2);
                objects = Arrays.copyOf(objects, size * 2);
            }
            subjects[size] = s;
            objects[size++] = o;
        }
    }

    /** The matches, or null when TDB2 had better run the pattern. */
    private Found matches(ExecutionContext cxt) {
        DatasetGraph d = cxt.getDataset();
        double bound = Double.POSITIVE_INFINITY;
        if (!others.isEmpty()) {
            StatsMatcher stats = stats(d);
            if (stats == null) {
                return null;
            }
            for (Triple t : others) {
                bound = Math.min(bound, stats.match(t));
            }
            if (bound <= 0 || stats.match(Triple.create(subject, predicate, object)) > SCAN_PAST * bound) {
                return null;
            }
        }
        IdScan scan = IdScan.of(d, new Node[] {subject, predicate, object}, 2);
        NodeTable nodes = TDBInternal.getDatasetGraphTDB(d).getQuadTable().getNodeTupleTable().getNodeTable();
        Found found = new Found(nodes);
        if (scan == null) {
            return found; // the predicate is in no triple
        }
        int sAt = scan.position(0);
        int oAt = scan.position(2);
        IdScan.Keys keys = scan.keys(cxt.getCancelSignal());
        try {
            long current = 0;
            boolean first = true;
            boolean passes = false;
            int values = 0;
            while (keys.hasNext()) {
                byte[] key = keys.next();
                long o = IdScan.bits(key, oAt);
                if (first || o != current) {
                    first = false;
                    current = o;
                    if (++values > MAX_VALUES) {
                        return null;
                    }
                    passes = valueFilter.isSatisfied(BindingFactory.binding(object, scan.node(key, oAt)), cxt);
                }
                if (passes) {
                    found.add(IdScan.bits(key, sAt), o);
                    if (found.size > bound) {
                        return null;
                    }
                }
            }
        } finally {
            keys.close();
        }
        return found;
    }

    /** TDB2's statistics of the store, or null when it has none. */
    private static StatsMatcher stats(DatasetGraph d) {
        org.apache.jena.dboe.base.file.Location where = TDBInternal.getDatasetGraphTDB(d).getLocation();
        if (where.isMem()) {
            return null;
        }
        String file = where.getPath("stats.opt");
        StatsMatcher kept = STATS.get(d, file);
        if (kept == null && Files.exists(Path.of(file))) {
            kept = new StatsMatcher(file);
            STATS.put(d, file, kept);
        }
        return kept;
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(subject + " " + predicate + " " + object + " " + valueFilter + " " + others);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, object);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpValuesFirst o && o.original.equalTo(original, labels);
    }
}
