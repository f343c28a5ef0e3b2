package kz.ashyq.sparql;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.util.VarUtils;

/**
 * Puts a filtered basic graph pattern in the order TDB2's statistics give, before ARQ's optimiser
 * places the filters. TDB2 reorders a pattern only when it runs it, after filter placement has cut
 * the pattern where a filter can first be applied, in the order the query was written: a query
 * that starts with {@code ?product rdfs:label ?label} and filters {@code ?product != X} reads every
 * label first.
 *
 * <p>Only a pattern that filter placement would cut (a filter applies before its last triple) is
 * reordered, and the written order is kept when a selective filter (a string match, an equality)
 * applies to the first triple alone: scanning that triple's matches and filtering them is then
 * usually the fast way, as BSBM's explore query 6 shows. The order of a pattern's triples never
 * changes its answers.
 */
final class StatisticsOrder extends TransformCopy {

    /** Functions after which a filter keeps few solutions. */
    private static final Set<String> SELECTIVE = Set.of("regex", "contains", "strstarts", "strends", "eq",
            "sameterm", "langmatches", "in");

    private final ReorderTransformation reorder;

    StatisticsOrder(ReorderTransformation reorder) {
        this.reorder = reorder;
    }

    @Override
    public Op transform(OpFilter filter, Op sub) {
        if (!(sub instanceof OpBGP bgp) || !cutEarly(filter.getExprs(), bgp.getPattern().getList())
                || selectiveOnFirst(filter.getExprs(), bgp.getPattern().get(0))) {
            return super.transform(filter, sub);
        }
        return OpFilter.filterDirect(filter.getExprs(), new OpBGP(reorder.reorder(filteredFirst(filter.getExprs(),
                bgp.getPattern()))));
    }

    /**
     * The triples that alone bind one of a filter's variables first, each group in the written
     * order. TDB2's reordering takes, of triples that weigh the same, the first written: so a filter
     * is placed after the fewest lookups (in BSBM's explore query 5, a product's two numbers before
     * its label), and a triple that weighs less still goes first.
     */
    private static BasicPattern filteredFirst(ExprList exprs, BasicPattern pattern) {
        Set<Var> filtered = new HashSet<>();
        exprs.forEach(e -> filtered.addAll(e.getVarsMentioned()));
        java.util.Map<Var, Integer> triplesOf = new java.util.HashMap<>();
        for (Triple t : pattern) {
            VarUtils.getVars(t).forEach(v -> triplesOf.merge(v, 1, Integer::sum));
        }
        BasicPattern first = new BasicPattern();
        BasicPattern rest = new BasicPattern();
        for (Triple t : pattern) {
            boolean feeds = VarUtils.getVars(t).stream().anyMatch(v -> filtered.contains(v) && triplesOf.get(v) == 1);
            (feeds ? first : rest).add(t);
        }
        first.addAll(rest);
        return first;
    }

    /** Whether a filter can be placed before the pattern's last triple, in the written order. */
    private static boolean cutEarly(ExprList exprs, List<Triple> triples) {
        Set<Var> bound = new HashSet<>();
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

    private static boolean selectiveOnFirst(ExprList exprs, Triple first) {
        Set<Var> bound = VarUtils.getVars(first);
        for (Expr e : exprs) {
            if (bound.containsAll(e.getVarsMentioned()) && e instanceof ExprFunction f && f.getFunctionSymbol() != null
                    && SELECTIVE.contains(f.getFunctionSymbol().getSymbol().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
