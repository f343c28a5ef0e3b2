package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountDistinct;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggCountVarDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;

/**
 * Finds, in quad-form algebra over the union default graph, the shapes answered on node ids and
 * puts the id operators in their place; anything else is left as it is. The shapes, with why each
 * gives ARQ's answer, are in {@code docs/sparql.md}.
 *
 * <ul>
 *   <li>{@code (group (?v)? ((?n (count ...))...) (quadpattern one-quad))}: counts, of all matches
 *       or of distinct values of a variable of the pattern, grouped on at most one variable of
 *       the pattern, the pattern without a repeated variable ({@link OpCountByIds});</li>
 *   <li>{@code (top (k cond...) (quadpattern one-quad))}: the first k rows in the order of the
 *       conditions, the first of which is a variable of the pattern ({@link OpTopByIds}).
 * </ul>
 */
final class AnalyticRewrite extends TransformCopy {

    @Override
    public Op transform(OpGroup group, Op sub) {
        Op original = super.transform(group, sub);
        Node[] pattern = singleTriple(sub);
        if (pattern == null || group.getGroupVars().size() > 1 || !group.getGroupVars().getExprs().isEmpty()) {
            return original;
        }
        int groupSlot = -1;
        if (group.getGroupVars().size() == 1) {
            groupSlot = slotOf(pattern, group.getGroupVars().getVars().get(0));
            if (groupSlot < 0) {
                return original;
            }
        }
        List<OpCountByIds.Count> counts = new ArrayList<>();
        for (ExprAggregator agg : group.getAggregators()) {
            OpCountByIds.Count c = count(agg, pattern);
            if (c == null) {
                return original;
            }
            counts.add(c);
        }
        return counts.isEmpty() ? original : new OpCountByIds(original, pattern, groupSlot, counts);
    }

    @Override
    public Op transform(OpTopN top, Op sub) {
        Op original = super.transform(top, sub);
        Node[] pattern = singleTriple(sub);
        if (pattern == null || top.getConditions().isEmpty()) {
            return original;
        }
        Expr key = top.getConditions().get(0).getExpression();
        int keySlot = key.isVariable() ? slotOf(pattern, key.asVar()) : -1;
        return keySlot < 0 ? original
                : new OpTopByIds(original, pattern, keySlot, top.getConditions(), top.getLimit());
    }

    /** A {@code COUNT} this operator computes, or null. */
    private static OpCountByIds.Count count(ExprAggregator agg, Node[] pattern) {
        Aggregator a = agg.getAggregator();
        if (a instanceof AggCount || a instanceof AggCountDistinct) {
            // every solution binds exactly the pattern's variables, and distinct triples give
            // distinct solutions: COUNT(DISTINCT *) = COUNT(*)
            return new OpCountByIds.Count(agg.getVar(), OpCountByIds.Count.ALL);
        }
        Expr e = a.getExprList() == null || a.getExprList().size() != 1 ? null : a.getExprList().get(0);
        if (e == null || !e.isVariable() || slotOf(pattern, e.asVar()) < 0) {
            return null;
        }
        if (a instanceof AggCountVar) {
            return new OpCountByIds.Count(agg.getVar(), OpCountByIds.Count.ALL); // always bound
        }
        if (a instanceof AggCountVarDistinct) {
            return new OpCountByIds.Count(agg.getVar(), slotOf(pattern, e.asVar()));
        }
        return null;
    }

    /**
     * S, P, O of a quad pattern of one quad in the default graph (the union default graph at
     * evaluation), with no variable repeated; otherwise null.
     */
    static Node[] singleTriple(Op op) {
        if (!(op instanceof OpQuadPattern qp) || qp.getPattern().size() != 1
                || !Quad.isDefaultGraphGenerated(qp.getGraphNode())) {
            return null;
        }
        Quad q = qp.getPattern().get(0);
        Node[] spo = {q.getSubject(), q.getPredicate(), q.getObject()};
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (spo[i].isVariable() && spo[i].equals(spo[j])) {
                    return null;
                }
            }
            if (!spo[i].isVariable() && !spo[i].isConcrete()) {
                return null;
            }
        }
        return spo;
    }

    /** The slot (0, 1, 2) of {@code v} in the pattern, or -1. */
    static int slotOf(Node[] pattern, Var v) {
        for (int i = 0; i < 3; i++) {
            if (pattern[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }
}
