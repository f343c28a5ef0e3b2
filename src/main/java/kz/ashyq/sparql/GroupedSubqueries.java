package kz.ashyq.sparql;

import java.util.List;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.main.JoinClassifier;

/**
 * Grouped subqueries ({@code SELECT … GROUP BY} in braces) joined to other rows, run once
 * ({@link AnalyticRewrite} calls these): ARQ runs one after the rows of a sequence once per row,
 * and joins one to a pattern by hashing both sides' rows.
 */
final class GroupedSubqueries {

    private GroupedSubqueries() {}

    /**
     * {@code (sequence A (project ... (group ...)))}: ARQ runs the subquery once per row of
     * {@code A}, each time over the whole store (BSBM's business-intelligence query 3: the reviews
     * of a month, grouped, once per product). As a join it runs once and is joined on its
     * variables, which is the same answer: a sequence is the join of its steps, run one into the
     * next. Null for another sequence.
     */
    static Op sequence(List<Op> steps) {
        if (steps.size() != 2 || !(steps.get(1) instanceof OpProject project) || !grouped(project.getSubOp())) {
            return null;
        }
        return groupedFirst(steps.get(0), steps.get(1));
    }

    /**
     * A join of a pattern and a grouped subquery (BSBM's business-intelligence query 2: the 10,000
     * products joined to those sharing a feature, counted): ARQ hashes both sides' rows, decoding
     * every product of the pattern's side. Run as the subquery's rows fed to the pattern, each is
     * a lookup in the pattern's column ({@link OpColumnJoins}). Null for another join.
     */
    static Op join(Op left, Op right) {
        if (right instanceof OpProject p && grouped(p.getSubOp())) {
            return groupedFirst(left, right);
        }
        if (left instanceof OpProject p && grouped(p.getSubOp())) {
            return groupedFirst(right, left);
        }
        return null;
    }

    /**
     * The join of {@code other} and the grouped subquery {@code grouped}, the subquery run once:
     * its rows fed to {@code other} when that is a pattern of the default graph, filtered or not,
     * which then gives the join's answer (ARQ's {@code JoinClassifier}); else a join.
     */
    private static Op groupedFirst(Op other, Op grouped) {
        Op pattern = other instanceof OpFilter f ? f.getSubOp() : other;
        if (pattern instanceof OpQuadPattern qp && Quad.isDefaultGraphGenerated(qp.getGraphNode())
                && JoinClassifier.isLinear(grouped, other)) {
            return OpSequence.create(grouped, other);
        }
        return OpJoin.create(other, grouped);
    }

    /** Whether {@code op} is a group under filters, extensions and projections only. */
    private static boolean grouped(Op op) {
        while (op instanceof Op1 one && !(op instanceof OpGroup)) {
            if (!(op instanceof OpFilter || op instanceof OpExtend || op instanceof OpProject)) {
                return false;
            }
            op = one.getSubOp();
        }
        return op instanceof OpGroup || op instanceof OpCountJoin || op instanceof OpCountByIds;
    }
}
