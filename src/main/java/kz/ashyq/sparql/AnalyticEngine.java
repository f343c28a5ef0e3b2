package kz.ashyq.sparql;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
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
 * TDB2's query engine with Ashyq's rewrites: filtered basic graph patterns are put in the
 * statistics' order before filters are placed ({@link StatisticsOrder}), and, over the union
 * default graph, counts and ordered first rows of one triple pattern, stars of given predicates and
 * objects, and filters of equal IRIs are answered on node ids or as joins
 * ({@link AnalyticRewrite}), and the triples that join many rows to one predicate's values read
 * the predicate once ({@link OpColumnJoins}); a query with its own dataset ({@code FROM}, {@code default-graph-uri})
 * gets only the first. {@code docs/sparql.md} lists the shapes. Setting {@link #ENABLED} to false
 * in a query's context turns them all off, which is how the tests compare answers with plain ARQ.
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

    /** The memory {@link #keepMemory} gives unless told otherwise. */
    public static final long DEFAULT_KEPT_BYTES = 160L << 20;

    /**
     * Bounds what the engine keeps between queries of the same data, for the whole process: kept
     * columns of predicates get three quarters of {@code bytes}, reads left partway three
     * sixteenths, value filters' kept objects a sixteenth. What is kept beyond a lower bound goes
     * at once; 0 keeps nothing, and every query reads or looks up for itself.
     */
    public static void keepMemory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the memory kept must be 0 or more bytes, was " + bytes);
        }
        ColumnStage.keepMemory(bytes);
        PassingValues.keepMemory(bytes);
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
            modified = OpLeftFirst.rewrite(OpGroupOnIds.rewrite(OpColumnJoins.rewrite(IdExprs.rewrite(
                    Transformer.transform(new AnalyticRewrite(), modified)))));
            setOp(modified);
        }
        return modified;
    }

    /** Filtered patterns in the statistics' order before filters are placed: {@link StatisticsOrder}. */
    private Op reorderBgps(Op op) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(originalDataset);
        ReorderTransformation reorder = tdb == null ? null : tdb.getReorderTransform();
        return reorder == null ? op : Transformer.transform(new StatisticsOrder(reorder), op);
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
