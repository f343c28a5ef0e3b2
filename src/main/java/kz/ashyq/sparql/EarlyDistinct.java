package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;

/**
 * {@code SELECT DISTINCT} over a chain of joins that ARQ runs one after the other, where the first
 * step binds a variable that nothing after it uses: BSBM's explore query 5 joins a product's
 * features to every product with one of them, and then looks up each product's numbers and label
 * once per shared feature. The first step is made distinct on the variables the rest and the
 * answer use, so each product is looked up once.
 *
 * <p>The answer is the same set: the dropped variables are in no later step, no filter after the
 * first step and not in the answer, so they decide neither which rows join nor what the answer
 * holds, only how often a row of the answer comes, and {@code DISTINCT} keeps it once. Filters
 * that hold a pattern ({@code EXISTS}) stop the rewrite. Used over the union default graph only,
 * as the other rewrites of {@link AnalyticRewrite}.
 */
final class EarlyDistinct {

    private EarlyDistinct() {}

    /** {@code (distinct (project vars sub))} with the first step of {@code sub} made distinct where it pays; else as it is. */
    static Op rewrite(OpDistinct distinct) {
        if (!(distinct.getSubOp() instanceof OpProject project)) {
            return distinct;
        }
        Set<Var> used = new HashSet<>(project.getVars());
        Op inner = first(project.getSubOp(), used, false);
        return inner == null ? distinct : new OpDistinct(new OpProject(inner, project.getVars()));
    }

    /**
     * {@code op} with the first step of its chain of filters and sequences made distinct on the
     * variables used after it; null when nothing changes. {@code used} gathers, on the way down,
     * what the later steps, the filters and the answer mention; {@code later} says whether a step
     * comes after this one.
     */
    private static Op first(Op op, Set<Var> used, boolean later) {
        if (op instanceof OpFilter filter) {
            if (!mentions(filter.getExprs(), used)) {
                return null;
            }
            Op sub = first(filter.getSubOp(), used, later);
            return sub == null ? null : OpFilter.filterDirect(filter.getExprs(), sub);
        }
        if (op instanceof OpSequence sequence && sequence.size() > 1) {
            for (int i = 1; i < sequence.size(); i++) {
                used.addAll(OpVars.mentionedVars(sequence.get(i)));
            }
            Op head = first(sequence.get(0), used, true);
            if (head == null) {
                return null;
            }
            List<Op> steps = new ArrayList<>(sequence.getElements());
            steps.set(0, head);
            return OpSequence.create().copy(steps);
        }
        if (!later) {
            return null; // nothing comes after it: the answer's own DISTINCT does the same
        }
        List<Var> kept = new ArrayList<>();
        Set<Var> bound = OpVars.visibleVars(op);
        for (Var v : bound) {
            if (used.contains(v)) {
                kept.add(v);
            }
        }
        return kept.size() == bound.size() ? null : new OnIds(op, kept);
    }

    /** Adds the expressions' variables to {@code used}; false when one holds a pattern. */
    private static boolean mentions(ExprList exprs, Set<Var> used) {
        for (Expr e : exprs) {
            if (holdsPattern(e)) {
                return false;
            }
            used.addAll(e.getVarsMentioned());
        }
        return true;
    }

    /**
     * {@code (distinct (project kept sub))} on TDB2's node ids: a row of ids is kept as ids, so
     * that the later steps look it up without decoding its terms and encoding them again (a plain
     * {@code DISTINCT} there cost what the rows it saved gained). A row from outside runs the plain
     * form.
     */
    static final class OnIds extends OpExt {
        private final Op sub; // over the union graph
        private final List<Var> kept;
        private final Op plain; // as written
        private final Op plainOverUnion;

        OnIds(Op sub, List<Var> kept) {
            super("distinctOnIds");
            // TDB2 points the default graph's patterns at the union graph after the rewrites, and
            // that does not reach inside this operator
            this.sub = OpLib.unionDefaultGraphQuads(sub);
            this.kept = List.copyOf(kept);
            this.plain = new OpDistinct(new OpProject(sub, kept));
            this.plainOverUnion = OpLib.unionDefaultGraphQuads(plain);
        }

        @Override
        public Op effectiveOp() {
            return plain;
        }

        @Override
        public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
            return new QueryIterRepeatApply(input, cxt) {
                @Override
                protected QueryIterator nextStage(Binding row) {
                    if (!row.isEmpty()) {
                        return QC.execute(plainOverUnion, QueryIterSingleton.create(row, cxt), cxt);
                    }
                    QueryIterator rows = QC.execute(sub, QueryIterSingleton.create(row, cxt), cxt);
                    NodeTable nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable()
                            .getNodeTupleTable().getNodeTable();
                    Set<Object> seen = new HashSet<>();
                    // the key is read off the row as it comes: only a row not seen before is projected
                    java.util.Iterator<Binding> distinct = org.apache.jena.atlas.iterator.Iter.iter(rows)
                            .filter(b -> seen.add(key(b))).map(b -> project(b, nodes));
                    return QueryIterPlainWrapper.create(distinct, cxt);
                }
            };
        }

        /** The row on the kept variables: ids where it has them. */
        private Binding project(Binding b, NodeTable nodes) {
            if (b instanceof BindingTDB t && t.getBindingId().getParentBinding().isEmpty() && keptAsIds(t)) {
                BindingNodeId ids = new BindingNodeId(t.getBindingId().getParentBinding());
                for (Var v : kept) {
                    NodeId id = t.getBindingId().get(v);
                    if (id != null) {
                        ids.put(v, id);
                    }
                }
                return new BindingTDB(ids, nodes);
            }
            return BindingFactory.copy(new org.apache.jena.sparql.engine.binding.BindingProject(kept, b));
        }

        /** Whether each kept variable {@code t} binds is bound to a node id. */
        private boolean keptAsIds(BindingTDB t) {
            for (Var v : kept) {
                if (t.contains(v) && !t.getBindingId().containsKey(v)) {
                    return false;
                }
            }
            return true;
        }

        /** The 8 bytes of each kept variable's node id, when a row binds them all to ids. */
        private record Ids(long[] bits) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Ids other && java.util.Arrays.equals(bits, other.bits);
            }

            @Override
            public int hashCode() {
                return java.util.Arrays.hashCode(bits);
            }
        }

        /**
         * What makes two rows the same: each kept variable's node id with its type bits, or its
         * term. A row binding every kept variable to an id has an {@link Ids}, without a list and
         * a boxed number per variable: 1,500 rows in BSBM's explore query 5.
         */
        private Object key(Binding b) {
            if (b instanceof BindingTDB t) {
                long[] bits = new long[kept.size()];
                for (int i = 0; i < bits.length; i++) {
                    NodeId id = t.getBindingId().get(kept.get(i));
                    if (id == null) {
                        return listKey(b);
                    }
                    bits[i] = IdScan.bits(id);
                }
                return new Ids(bits);
            }
            return listKey(b);
        }

        private List<Object> listKey(Binding b) {
            List<Object> key = new ArrayList<>(kept.size());
            for (Var v : kept) {
                if (b instanceof BindingTDB t && t.getBindingId().containsKey(v)) {
                    byte[] eight = new byte[8];
                    NodeIdFactory.set(t.getBindingId().get(v), eight, 0);
                    key.add(org.apache.jena.atlas.lib.Bytes.getLong(eight, 0));
                } else {
                    key.add(b.get(v));
                }
            }
            return key;
        }

        @Override
        public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
            out.print(kept + " " + sub);
        }

        @Override
        public int hashCode() {
            return plain.hashCode();
        }

        @Override
        public boolean equalTo(Op other, NodeIsomorphismMap labels) {
            return other instanceof OnIds o && o.plain.equalTo(plain, labels);
        }
    }

    private static boolean holdsPattern(Expr e) {
        if (e instanceof ExprFunctionOp) {
            return true;
        }
        return e.isFunction() && e.getFunction().getArgs().stream().anyMatch(EarlyDistinct::holdsPattern);
    }
}
