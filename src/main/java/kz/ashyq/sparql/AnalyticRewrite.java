package kz.ashyq.sparql;

import org.apache.jena.sparql.expr.E_BNode;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Random;
import org.apache.jena.sparql.expr.E_StrUUID;
import org.apache.jena.sparql.expr.E_UUID;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.vocabulary.XSD;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Equals;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
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
 *       conditions, the first of which is a variable of the pattern ({@link OpTopByIds});</li>
 *   <li>{@code (filter (= ?a ?b) (quadpattern ...))} where the pattern's triples without
 *       {@code ?b} bind {@code ?a}: a join on the term where {@code ?a} is an IRI or a blank node
 *       ({@link OpEqualityJoin});</li>
 *   <li>{@code (quadpattern ...)} with two or more triples {@code ?x p o} of one subject and a
 *       constant predicate and object: their subjects intersected on the index, the other triples
 *       joined to them ({@link OpSharedSubject});</li>
 *   <li>{@code (filter (cond(?o)...) (quadpattern ... (?x p ?o) ...))} where nothing else binds
 *       {@code ?o}: the triple's distinct objects filtered first, each once, the other triples
 *       joined to the triples they pass ({@link OpValuesFirst});</li>
 *   <li>{@code (distinct (project vars (filter/sequence chain)))}: the chain's first step made
 *       distinct on the variables used after it ({@link EarlyDistinct});</li>
 *   <li>{@code (group () ((?n (count ...))...) sub)} where {@code sub}'s last step is one triple
 *       joining a new variable: that triple's records counted per row ({@link OpCountJoin});</li>
 *   <li>{@code (sequence A (project ... (group ...)))}: a join again, so that the grouped subquery
 *       runs once rather than once per row of {@code A}.
 * </ul>
 */
final class AnalyticRewrite extends TransformCopy {

    @Override
    public Op transform(OpGroup group, Op sub) {
        Op original = super.transform(group, sub);
        OpCountJoin joined = original instanceof OpGroup g ? countJoin(g, sub) : null;
        if (joined != null) {
            return joined;
        }
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

    /**
     * A count of rows whose last step joins one triple of a new variable: the last of a sequence,
     * or the one triple a values-first filter joins ({@link OpCountJoin}); null for another shape.
     */
    private static OpCountJoin countJoin(OpGroup group, Op sub) {
        if (sub instanceof OpValuesFirst first && first.onlyOther() != null) {
            return OpCountJoin.of(group, first.alone(), first.filteredVars(), first.onlyOther());
        }
        if (sub instanceof OpQuadPattern qp && qp.getPattern().size() == 2 && Quad.isDefaultGraphGenerated(qp.getGraphNode())) {
            // two triples, one of which has a constant end: its rows are few, and the other is counted
            for (int i = 0; i < 2; i++) {
                Triple first = qp.getPattern().get(i).asTriple();
                Triple last = qp.getPattern().get(1 - i).asTriple();
                if (first.getSubject().isConcrete() != first.getObject().isConcrete() && first.getPredicate().isURI()) {
                    OpCountJoin joined = OpCountJoin.of(group, new OpQuadPattern(qp.getGraphNode(),
                            BasicPattern.wrap(List.of(first))), varsOf(first), last);
                    if (joined != null) {
                        return joined;
                    }
                }
            }
        }
        if (sub instanceof OpSequence seq && seq.size() > 1 && singleTriple(seq.get(seq.size() - 1)) != null) {
            Op before = seq.size() == 2 ? seq.get(0) : OpSequence.create().copy(seq.getElements().subList(0, seq.size() - 1));
            Node[] last = singleTriple(seq.get(seq.size() - 1));
            return OpCountJoin.of(group, before, java.util.Set.copyOf(org.apache.jena.sparql.algebra.OpVars.mentionedVars(before)),
                    Triple.create(last[0], last[1], last[2]));
        }
        return null;
    }

    private static java.util.Set<Var> varsOf(Triple t) {
        java.util.Set<Var> vars = new java.util.HashSet<>();
        for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
            if (n.isVariable()) {
                vars.add(Var.alloc(n));
            }
        }
        return vars;
    }

    /** A grouped subquery after the rows of a sequence: {@link GroupedSubqueries#sequence}. */
    @Override
    public Op transform(OpSequence sequence, List<Op> steps) {
        Op rewritten = GroupedSubqueries.sequence(steps);
        return rewritten != null ? rewritten : super.transform(sequence, steps);
    }

    /** A pattern joined to a grouped subquery: {@link GroupedSubqueries#join}. */
    @Override
    public Op transform(org.apache.jena.sparql.algebra.op.OpJoin join, Op left, Op right) {
        Op rewritten = GroupedSubqueries.join(left, right);
        return rewritten != null ? rewritten : super.transform(join, left, right);
    }

    @Override
    public Op transform(OpDistinct distinct, Op sub) {
        Op op = super.transform(distinct, sub);
        return op instanceof OpDistinct d ? EarlyDistinct.rewrite(d) : op;
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

    @Override
    public Op transform(OpQuadPattern pattern) {
        if (!Quad.isDefaultGraphGenerated(pattern.getGraphNode())) {
            return pattern;
        }
        // the subject variable with the most triples of a constant predicate and object
        Map<Node, Integer> stars = new HashMap<>();
        for (Quad q : pattern.getPattern()) {
            if (q.getSubject().isVariable() && q.getPredicate().isConcrete() && q.getObject().isConcrete()) {
                stars.merge(q.getSubject(), 1, Integer::sum);
            }
        }
        Node star = stars.entrySet().stream().filter(e -> e.getValue() >= 2).max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(null);
        if (star == null) {
            return pattern;
        }
        List<Node[]> constants = new ArrayList<>();
        BasicPattern rest = new BasicPattern();
        for (Quad q : pattern.getPattern()) {
            if (q.getSubject().equals(star) && q.getPredicate().isConcrete() && q.getObject().isConcrete()) {
                constants.add(new Node[] {q.getPredicate(), q.getObject()});
            } else {
                rest.add(q.asTriple());
            }
        }
        return new OpSharedSubject(pattern, Var.alloc(star), constants,
                rest.isEmpty() ? null : new OpQuadPattern(pattern.getGraphNode(), rest));
    }

    @Override
    public Op transform(OpFilter filter, Op sub) {
        Op original = super.transform(filter, sub);
        OpQuadPattern qp = sub instanceof OpSharedSubject shared ? shared.pattern()
                : sub instanceof OpQuadPattern p ? p : null;
        if (qp == null || !Quad.isDefaultGraphGenerated(qp.getGraphNode())) {
            return original;
        }
        for (Expr e : filter.getExprs()) {
            OpEqualityJoin joined = e instanceof E_Equals eq ? equalityJoin(original, qp, eq) : null;
            if (joined != null) {
                ExprList rest = new ExprList();
                filter.getExprs().forEach(x -> {
                    if (x != e) {
                        rest.add(x);
                    }
                });
                return OpFilter.filterBy(rest, joined);
            }
        }
        return sub instanceof OpQuadPattern p ? valuesFirst(original, filter.getExprs(), p) : original;
    }

    /**
     * The filter's conditions on the object of one triple {@code ?x p ?o} alone, answered values
     * first ({@link OpValuesFirst}), the other conditions over it; or {@code original} when no
     * triple has such conditions.
     */
    private static Op valuesFirst(Op original, ExprList exprs, OpQuadPattern qp) {
        List<Quad> quads = qp.getPattern().getList();
        for (Quad q : quads) {
            if (!q.getSubject().isVariable() || !q.getPredicate().isConcrete() || !q.getObject().isVariable()
                    || q.getSubject().equals(q.getObject())
                    || quads.stream().filter(x -> x != q).anyMatch(x -> x.asTriple().subjectMatches(q.getObject())
                            || x.asTriple().predicateMatches(q.getObject()) || x.asTriple().objectMatches(q.getObject()))) {
                continue;
            }
            ExprList onValues = new ExprList();
            ExprList others = new ExprList();
            for (Expr e : exprs) {
                boolean onObject = e.getVarsMentioned().equals(java.util.Set.of(Var.alloc(q.getObject()))) && fixed(e);
                (onObject ? onValues : others).add(e);
            }
            if (!onValues.isEmpty()) {
                BasicPattern rest = new BasicPattern();
                quads.stream().filter(x -> x != q).forEach(x -> rest.add(x.asTriple()));
                return OpFilter.filterBy(others, new OpValuesFirst(OpFilter.filterBy(onValues, qp), qp.getGraphNode(),
                        q.asTriple(), onValues, rest));
            }
        }
        return original;
    }

    /**
     * Whether an expression gives one value for one binding, always: variables, constants and
     * SPARQL's functions of them, casts to XSD types; not {@code RAND}, {@code BNODE}, {@code UUID},
     * {@code STRUUID}, {@code EXISTS} or extension functions.
     */
    static boolean fixed(Expr e) {
        if (e instanceof ExprVar || e instanceof NodeValue) {
            return true;
        }
        // BNODE() and BNODE(str) are E_BNode's nested classes, not its subclasses
        boolean blankNode = e.getClass().getName().startsWith(E_BNode.class.getName());
        if (e instanceof ExprFunctionOp || e instanceof E_Random || blankNode || e instanceof E_UUID
                || e instanceof E_StrUUID || e instanceof E_Function f && !f.getFunctionIRI().startsWith(XSD.NS)) {
            return false;
        }
        return e instanceof ExprFunction f && f.getArgs().stream().allMatch(AnalyticRewrite::fixed);
    }

    /**
     * {@code ?a = ?b} as a join, read from the side with more constants (the likelier to be
     * small), or null when the pattern does not split for it.
     */
    private static OpEqualityJoin equalityJoin(Op original, OpQuadPattern qp, E_Equals eq) {
        if (!eq.getArg1().isVariable() || !eq.getArg2().isVariable()) {
            return null;
        }
        OpEqualityJoin one = split(original, qp, eq.getArg1().asVar(), eq.getArg2().asVar(), eq);
        OpEqualityJoin two = split(original, qp, eq.getArg2().asVar(), eq.getArg1().asVar(), eq);
        return one == null || two != null && two.leftConstants() > one.leftConstants() ? two : one;
    }

    /**
     * The pattern split into the triples without {@code b} (which must bind {@code a}) and those
     * with it, joined on {@code a = b} ({@link OpEqualityJoin}); null when it does not split so.
     */
    private static OpEqualityJoin split(Op original, OpQuadPattern qp, Var a, Var b, Expr eq) {
        BasicPattern left = new BasicPattern();
        BasicPattern right = new BasicPattern();
        boolean bindsA = false;
        for (Quad q : qp.getPattern()) {
            boolean hasB = q.getSubject().equals(b) || q.getPredicate().equals(b) || q.getObject().equals(b);
            (hasB ? right : left).add(q.asTriple());
            bindsA |= !hasB && (q.getSubject().equals(a) || q.getPredicate().equals(a) || q.getObject().equals(a));
        }
        if (!bindsA || right.isEmpty() || a.equals(b)) {
            return null;
        }
        return new OpEqualityJoin(original, new OpQuadPattern(qp.getGraphNode(), left),
                new OpQuadPattern(qp.getGraphNode(), right), a, b, eq);
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
