package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * {@code GROUP BY ?g} (or several variables) with counts ({@code COUNT(*)}, {@code COUNT(?v)}, not
 * {@code DISTINCT}) over any rows, grouped on the node ids of the variables where TDB2's row has
 * them: ARQ decodes them in every row to make its group's key (BSBM's business-intelligence query
 * 3: the product of each review of a month; query 5: each review's country and product); this
 * decodes each once per group.
 *
 * <p>The groups are ARQ's: a term has one id in a store, so rows with equal ids are in one group;
 * a row whose {@code ?g} is not an id of TDB2's (bound by {@code VALUES}, say) is keyed by its term,
 * and the two kinds of key are merged by term at the end; a row without {@code ?g} is in the group
 * of the unbound. {@code COUNT(?v)} counts the rows that bind {@code ?v}, as ARQ counts an
 * expression that is not an error. No rows, no groups.
 */
final class OpGroupOnIds extends OpExt {

    private static final Object UNBOUND = new Object();

    /** How many groupings were counted without rows ({@link OpValuesFirst#countsPer}): for the tests. */
    static final java.util.concurrent.atomic.LongAdder WITHOUT_ROWS = new java.util.concurrent.atomic.LongAdder();

    private final OpGroup original;
    private final Op subOverUnion;
    private final List<Var> gs;
    private final Var g; // the one group variable, or null when there are several

    private OpGroupOnIds(OpGroup original, List<Var> gs) {
        super("groupOnIds");
        this.original = original;
        // TDB2 points the default graph's patterns at the union graph after the rewrites, and that
        // does not reach inside this operator
        this.subOverUnion = OpLib.unionDefaultGraphQuads(original.getSubOp());
        this.gs = List.copyOf(gs);
        this.g = gs.size() == 1 ? gs.get(0) : null;
    }

    /** {@code op} with each group of the shape grouped on ids; after the other rewrites, whose shapes it would hide. */
    static Op rewrite(Op op) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpGroup group, Op sub) {
                Op copy = super.transform(group, sub);
                return copy instanceof OpGroup g && shape(g) ? new OpGroupOnIds(g, g.getGroupVars().getVars()) : copy;
            }
        }, op);
    }

    /** Group variables, no expression; counts only, of rows or of a variable, not distinct. */
    private static boolean shape(OpGroup group) {
        if (group.getGroupVars().isEmpty() || !group.getGroupVars().getExprs().isEmpty()
                || group.getAggregators().isEmpty()) {
            return false;
        }
        for (ExprAggregator agg : group.getAggregators()) {
            var a = agg.getAggregator();
            boolean ofVar = a instanceof AggCountVar && a.getExprList().get(0).isVariable();
            if (!(a instanceof AggCount) && !ofVar) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        // grouped when first read, as ARQ's group is: a join whose other side has no rows never reads it
        return QueryIterPlainWrapper.create(new org.apache.jena.atlas.iterator.IteratorDelayedInitialization<Binding>() {
            @Override
            protected java.util.Iterator<Binding> initializeIterator() {
                return grouped(input, cxt).iterator();
            }
        }, cxt);
    }

    private List<Binding> grouped(QueryIterator input, ExecutionContext cxt) {
        NodeTable nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable().getNodeTupleTable().getNodeTable();
        List<ExprAggregator> aggs = original.getAggregators();
        Var[] counted = new Var[aggs.size()]; // null for COUNT(*)
        for (int i = 0; i < counted.length; i++) {
            var a = aggs.get(i).getAggregator();
            counted[i] = a instanceof AggCountVar ? a.getExprList().get(0).asVar() : null;
        }
        Map<Object, long[]> groups = countedWithoutRows(input, counted.length, cxt);
        if (groups != null) {
            return rowsOf(merged(groups, nodes));
        }
        groups = new HashMap<>();
        QueryIterator rows = QC.execute(subOverUnion, input, cxt);
        try {
            while (rows.hasNext()) {
                Binding row = rows.next();
                long[] counts = groups.computeIfAbsent(key(row), k -> new long[counted.length]);
                for (int i = 0; i < counted.length; i++) {
                    counts[i] += counted[i] == null || row.contains(counted[i]) ? 1 : 0;
                }
            }
        } finally {
            rows.close();
        }
        return rowsOf(merged(groups, nodes));
    }

    /**
     * The groups of a filter on one triple's values joined to one more triple ({@link
     * OpValuesFirst#countsPer}), counted on ids without rows, when nothing is fed in; else null.
     * Every match binds all of the pattern's variables, so each aggregate counts every row.
     */
    private Map<Object, long[]> countedWithoutRows(QueryIterator input, int aggregates, ExecutionContext cxt) {
        if (g == null || !(input instanceof org.apache.jena.sparql.engine.iterator.QueryIterRoot)) {
            return null;
        }
        Op sub = original.getSubOp();
        Map<Long, long[]> counts = null;
        if (sub instanceof OpValuesFirst valuesFirst) {
            counts = valuesFirst.countsPer(g, valuesFirst.onlyOther(), cxt);
        } else if (sub instanceof org.apache.jena.sparql.algebra.op.OpSequence seq && seq.size() == 2
                && seq.get(0) instanceof OpValuesFirst alone && alone.onlyOther() == null && seq.get(1) instanceof OpColumnJoins next) {
            counts = alone.countsPer(g, next.onlyTriple(), cxt);
        }
        if (counts == null) {
            return null;
        }
        WITHOUT_ROWS.increment();
        Map<Object, long[]> groups = new HashMap<>();
        counts.forEach((id, n) -> {
            long[] each = new long[aggregates];
            Arrays.fill(each, n[0]);
            groups.put(id, each);
        });
        input.close();
        return groups;
    }

    /** The group's key: one variable's, or the list of each variable's. */
    private Object key(Binding row) {
        if (g != null) {
            return key(row, g);
        }
        Object[] keys = new Object[gs.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(row, gs.get(i));
        }
        return Arrays.asList(keys);
    }

    /** A variable's key: its id's 8 bytes, its term, or {@link #UNBOUND}. */
    private static Object key(Binding row, Var g) {
        if (row instanceof BindingTDB tdb) {
            NodeId id = tdb.getNodeId(g);
            if (id != null && !NodeId.isDoesNotExist(id) && !NodeId.isAny(id)) {
                return IdScan.bits(id);
            }
        }
        Node node = row.get(g);
        return node == null ? UNBOUND : node;
    }

    /** The groups by term (ids decoded once each), counts of one term under both kinds of key added up. */
    private static Map<Object, long[]> merged(Map<Object, long[]> groups, NodeTable nodes) {
        Map<Object, long[]> byTerm = new LinkedHashMap<>();
        groups.forEach((key, counts) -> {
            Object term = key instanceof List<?> keys ? keys.stream().map(k -> term(k, nodes)).toList() : term(key, nodes);
            byTerm.merge(term, counts, (a, b) -> {
                long[] sum = a.clone();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += b[i];
                }
                return sum;
            });
        });
        return byTerm;
    }

    /** A variable's key as its term: an id decoded. */
    private static Object term(Object key, NodeTable nodes) {
        return key instanceof Long bits ? nodes.getNodeForNodeId(IdScan.nodeId(bits)) : key;
    }

    private List<Binding> rowsOf(Map<Object, long[]> groups) {
        List<Binding> out = new ArrayList<>(groups.size());
        List<ExprAggregator> aggs = original.getAggregators();
        groups.forEach((term, counts) -> {
            BindingBuilder row = Binding.builder();
            List<?> terms = g != null ? List.of(term) : (List<?>) term;
            for (int i = 0; i < gs.size(); i++) {
                if (terms.get(i) != UNBOUND) {
                    row.add(gs.get(i), (Node) terms.get(i));
                }
            }
            for (int i = 0; i < counts.length; i++) {
                row.add(aggs.get(i).getVar(), NodeValue.makeInteger(counts[i]).asNode());
            }
            out.add(row.build());
        });
        return out;
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(gs + " ");
        subOverUnion.output(out, sCxt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, gs);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpGroupOnIds o && o.original.equalTo(original, labels);
    }
}
