package kz.ashyq.sparql;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.util.VarUtils;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.QueryEngineTDB;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * TDB2's query engine with Ashyq's analytic rewrites ({@link AnalyticRewrite}): aggregates over
 * one triple pattern of the union default graph are answered on node ids, and basic graph
 * patterns are put in the statistics' order before filters are placed. Every other query, and
 * every query with its own dataset ({@code FROM}, {@code default-graph-uri}), runs as TDB2 runs
 * it; {@code docs/sparql.md} lists the shapes. Setting {@link #ENABLED} to false in a query's context turns the rewrites
 * off, which is how the tests compare answers with plain ARQ.
 */
public final class AnalyticEngine extends QueryEngineTDB {

    /** Context flag: false turns the rewrites off for a query or a dataset; on when absent. */
    public static final Symbol ENABLED = Symbol.create("urn:ashyq:analyticRewrites");

    private static final QueryEngineFactory FACTORY = new Factory();
    private static boolean registered;

    private AnalyticEngine(Query query, DatasetGraphTDB dsg, Binding input, Context cxt) {
        super(query, dsg, input, cxt);
    }

    private AnalyticEngine(Op op, DatasetGraphTDB dsg, Binding input, Context cxt) {
        super(op, dsg, input, cxt);
    }

    /** Puts the engine ahead of TDB2's own for every TDB2 dataset; once per JVM. */
    public static synchronized void register() {
        if (!registered) {
            JenaSystem.init(); // TDB2 registers its engine there, at the front: ours goes in front of it
            QueryEngineRegistry.addFactory(FACTORY);
            registered = true;
        }
    }

    @Override
    protected Op modifyOp(Op op) {
        Op modified = super.modifyOp(reorderBgps(op));
        boolean union = context.isTrue(TDB2.symUnionDefaultGraph1) || context.isTrue(TDB2.symUnionDefaultGraph2);
        if (union && !isDynamicDataset()) {
            modified = Transformer.transform(new AnalyticRewrite(), modified);
            setOp(modified);
        }
        return modified;
    }

    /**
     * A filtered basic graph pattern in the order TDB2's statistics give, before ARQ's optimiser
     * places the filters. TDB2 reorders a pattern only when it runs it, after filter placement has
     * cut the pattern where a filter can first be applied, in the order the query was written: a
     * query that starts with {@code ?product rdfs:label ?label} and filters {@code ?product != X}
     * reads every label first. Only a pattern that filter placement would cut (a filter applies
     * before its last triple) is reordered, and the written order is kept when a selective filter
     * (a string match, an equality) applies to the first triple alone: scanning that pattern and filtering
     * it is then usually the fast way, as BSBM's explore query 6 shows. The order of a pattern's
     * triples never changes its answers.
     */
    private Op reorderBgps(Op op) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(originalDataset);
        ReorderTransformation reorder = tdb == null ? null : tdb.getReorderTransform();
        if (reorder == null || context.isFalse(ENABLED)) {
            return op;
        }
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpFilter filter, Op sub) {
                if (!(sub instanceof OpBGP bgp) || !cutEarly(filter.getExprs(), bgp.getPattern().getList())
                        || selectiveOnFirst(filter.getExprs(), bgp.getPattern().get(0))) {
                    return super.transform(filter, sub);
                }
                return OpFilter.filterDirect(filter.getExprs(), new OpBGP(reorder.reorder(bgp.getPattern())));
            }
        }, op);
    }

    /** Functions after which a filter keeps few solutions. */
    private static final java.util.Set<String> SELECTIVE = java.util.Set.of("regex", "contains", "strstarts",
            "strends", "eq", "sameterm", "langmatches", "in");

    /**
     * Whether a filter can be placed before the pattern's last triple, in the written order: only
     * then does filter placement cut the pattern (otherwise TDB2 orders the whole of it anyway).
     */
    private static boolean cutEarly(ExprList exprs, java.util.List<org.apache.jena.graph.Triple> triples) {
        java.util.Set<Var> bound = new java.util.HashSet<>();
        for (int i = 0; i < triples.size() - 1; i++) {
            bound.addAll(VarUtils.getVars(triples.get(i)));
            for (Expr e : exprs) {
                if (bound.containsAll(e.getVarsMentioned())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean selectiveOnFirst(ExprList exprs, org.apache.jena.graph.Triple first) {
        java.util.Set<Var> bound = VarUtils.getVars(first);
        for (Expr e : exprs) {
            if (bound.containsAll(e.getVarsMentioned()) && e instanceof ExprFunction f && f.getFunctionSymbol() != null
                    && SELECTIVE.contains(f.getFunctionSymbol().getSymbol().toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static final class Factory implements QueryEngineFactory {
        @Override
        public boolean accept(Query query, DatasetGraph dsg, Context cxt) {
            return accept(dsg, cxt);
        }

        @Override
        public boolean accept(Op op, DatasetGraph dsg, Context cxt) {
            return accept(dsg, cxt);
        }

        private static boolean accept(DatasetGraph dsg, Context cxt) {
            return TDBInternal.isBackedByTDB(dsg) && !cxt.isFalse(ENABLED);
        }

        @Override
        public Plan create(Query query, DatasetGraph dsg, Binding input, Context cxt) {
            return new AnalyticEngine(query, TDBInternal.requireStorage(dsg), input, cxt).getPlan();
        }

        @Override
        public Plan create(Op op, DatasetGraph dsg, Binding input, Context cxt) {
            return new AnalyticEngine(op, TDBInternal.requireStorage(dsg), input, cxt).getPlan();
        }
    }
}
