package kz.ashyq.sparql;

import java.util.Set;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;

/**
 * The rows an id operator gives for each row fed to it. A row that binds a variable of its pattern
 * runs the pattern as written, over the union graph: TDB2 starts from what the row binds, where
 * the operator's work would be done again for every row (an {@code EXISTS}, the right of an
 * {@code OPTIONAL}). Otherwise the operator's work is done once per evaluation and joined to each
 * row; work that gives way (null) runs the pattern as written too.
 *
 * @param <T> what the work finds
 */
abstract class IdStages<T> extends QueryIterRepeatApply {

    private final Op overUnion;
    private final Set<Var> patternVars;
    private final ExecutionContext cxt;
    private T found;
    private boolean looked;

    /**
     * @param overUnion the pattern as written, over the union graph
     * @param patternVars its variables
     */
    IdStages(QueryIterator input, ExecutionContext cxt, Op overUnion, Set<Var> patternVars) {
        super(input, cxt);
        this.overUnion = overUnion;
        this.patternVars = patternVars;
        this.cxt = cxt;
    }

    /** The operator's work, done once; null when TDB2 had better run the pattern. */
    protected abstract T work();

    /** The rows for {@code row}, from what the work found. */
    protected abstract QueryIterator stage(Binding row, T found);

    @Override
    protected final QueryIterator nextStage(Binding row) {
        if (patternVars.stream().anyMatch(row::contains)) {
            return QC.execute(overUnion, QueryIterSingleton.create(row, cxt), cxt);
        }
        if (!looked) {
            found = work();
            looked = true;
        }
        return found == null ? QC.execute(overUnion, QueryIterSingleton.create(row, cxt), cxt) : stage(row, found);
    }

    /**
     * The rows of {@code input}, read to the end, and it closed: for an operator that answers all
     * the rows fed to it at once, or runs its original over them.
     */
    static java.util.List<Binding> drained(QueryIterator input) {
        java.util.List<Binding> rows = new java.util.ArrayList<>();
        input.forEachRemaining(rows::add);
        input.close();
        return rows;
    }

    /**
     * {@code row} with {@code vars} bound to {@code ids}: as node ids, decoded only when read, when
     * the row is empty (TDB2 joins on them as they are); decoded otherwise, as TDB2 matches on a
     * binding of ids only with the ids it holds and would not see the row's own variables.
     */
    static Binding bind(Binding row, NodeTable nodes, Var[] vars, NodeId[] ids) {
        if (row.isEmpty()) {
            BindingNodeId bound = new BindingNodeId(row);
            for (int i = 0; i < vars.length; i++) {
                bound.put(vars[i], ids[i]);
            }
            return new BindingTDB(bound, nodes);
        }
        var b = BindingFactory.builder(row);
        for (int i = 0; i < vars.length; i++) {
            b.add(vars[i], nodes.getNodeForNodeId(ids[i]));
        }
        return b.build();
    }
}
