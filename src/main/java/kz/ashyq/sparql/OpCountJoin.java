package kz.ashyq.sparql;

import java.util.List;
import java.util.Objects;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A count of the rows of a join whose last triple {@code ?k p ?u} (or {@code ?u p ?k}) joins a
 * new variable {@code ?k} to {@code ?u}, which the rows before it bind:
 * {@code SELECT (COUNT(?k) AS ?n) { ?k schema:containedInPlace ?u . ?u skos:notation ?code
 * FILTER (STRSTARTS(?code, "75")) }}, the registry's kindergartens of the units of a region.
 * TDB2 makes a row for every kindergarten, and ARQ counts them; this counts, for each row before
 * the triple, the records of {@code (p, u)} in the index, without making a row or decoding a node.
 *
 * <p>The count is ARQ's: each row before the triple joins with as many rows as the triple has
 * distinct matches for its {@code ?u}, a triple held in several graphs counted once, as the union
 * default graph has it; {@code ?k} is bound in every row, so {@code COUNT(?k)} is
 * {@code COUNT(*)}. A row that does not bind {@code ?u}, or binds {@code ?k}, runs the original.
 */
final class OpCountJoin extends OpExt {

    private final OpGroup original;
    private final Op originalOverUnion;
    private final Op before;
    private final Triple last;
    private final Var k;
    private final Var u;

    /** @param before the rows the triple {@code last} is joined to; {@code k} is new in it */
    OpCountJoin(OpGroup original, Op before, Triple last, Var k) {
        super("countJoin");
        this.original = original;
        // TDB2 points the default graph's patterns at the union graph after the rewrites, and that
        // does not reach inside this operator
        this.originalOverUnion = OpLib.unionDefaultGraphQuads(original);
        this.before = OpLib.unionDefaultGraphQuads(before);
        this.last = last;
        this.k = k;
        this.u = Var.alloc(last.getSubject().equals(k) ? last.getObject() : last.getSubject());
    }

    /**
     * The count join for {@code group} over {@code before} joined to {@code last}, or null when the
     * shape is not one: no grouping, each aggregate a {@code COUNT(*)} or {@code COUNT(?k)} without
     * {@code DISTINCT}, {@code last} a triple of two variables and a constant predicate, one of which
     * is among {@code beforeVars} and the other ({@code ?k}) not.
     */
    static OpCountJoin of(OpGroup group, Op before, java.util.Set<Var> beforeVars, Triple last) {
        if (!group.getGroupVars().isEmpty() || group.getAggregators().isEmpty() || !last.getPredicate().isURI()
                || !last.getSubject().isVariable() || !last.getObject().isVariable()
                || last.getSubject().equals(last.getObject())) {
            return null;
        }
        boolean sBefore = beforeVars.contains(Var.alloc(last.getSubject()));
        if (sBefore == beforeVars.contains(Var.alloc(last.getObject()))) {
            return null; // both ends bound before, or neither
        }
        Var k = Var.alloc(sBefore ? last.getObject() : last.getSubject());
        for (ExprAggregator agg : group.getAggregators()) {
            var a = agg.getAggregator();
            boolean star = a instanceof org.apache.jena.sparql.expr.aggregate.AggCount;
            boolean ofK = a instanceof org.apache.jena.sparql.expr.aggregate.AggCountVar
                    && a.getExprList().get(0).isVariable() && a.getExprList().get(0).asVar().equals(k);
            if (!star && !ofK) {
                return null;
            }
        }
        return new OpCountJoin(group, before, last, k);
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        List<Binding> inputs = IdStages.drained(input);
        Long total = count(QC.execute(before, QueryIterPlainWrapper.create(inputs.iterator(), cxt), cxt), cxt);
        if (total == null) {
            return QC.execute(originalOverUnion, QueryIterPlainWrapper.create(inputs.iterator(), cxt), cxt);
        }
        BindingBuilder row = Binding.builder();
        Node n = NodeValue.makeInteger(total).asNode();
        for (ExprAggregator agg : original.getAggregators()) {
            row.add(agg.getVar(), n);
        }
        return QueryIterSingleton.create(row.build(), cxt);
    }

    /** The rows' count, or null when a row does not bind {@code ?u} or binds {@code ?k}. */
    private Long count(QueryIterator rows, ExecutionContext cxt) {
        NodeTable nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable().getNodeTupleTable().getNodeTable();
        NodeId p = nodes.getNodeIdForNode(last.getPredicate());
        boolean uIsSubject = last.getSubject().equals(u);
        long total = 0;
        try {
            while (rows.hasNext()) {
                Binding row = rows.next();
                if (!row.contains(u) || row.contains(k)) {
                    return null;
                }
                NodeId id = row instanceof BindingTDB tdb && tdb.getBindingId().containsKey(u) ? tdb.getBindingId().get(u)
                        : nodes.getNodeIdForNode(row.get(u));
                if (NodeId.isDoesNotExist(p) || NodeId.isDoesNotExist(id)) {
                    continue;
                }
                IdScan scan = uIsSubject ? IdScan.ofIds(cxt.getDataset(), "SPOG", id, p)
                        : IdScan.ofIds(cxt.getDataset(), "POSG", p, id);
                try (IdScan.Keys keys = scan.keys(cxt.getCancelSignal())) {
                    while (keys.hasNext()) {
                        keys.next();
                        total++;
                    }
                }
            }
        } finally {
            rows.close();
        }
        return total;
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(k + " " + last + " ");
        before.output(out, sCxt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, last);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpCountJoin o && o.original.equalTo(original, labels);
    }
}
