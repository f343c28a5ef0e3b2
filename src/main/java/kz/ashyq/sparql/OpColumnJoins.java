package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.algebra.op.OpConditional;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterPeek;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A basic graph pattern over the union default graph, run as TDB2 runs it, but for its triples
 * {@code ?x p ?y} whose one end is bound by the triples before them and the other is new: those
 * are joined by a {@link ColumnStage}, which reads the predicate's records once when there are
 * enough rows to look up. BSBM's business-intelligence query 8 joins 41,000 offers to their vendor
 * and price, three times over: TDB2 descends a B+tree for each.
 *
 * <p>The triples are taken in the order TDB2 would take them: its statistics' order, given the
 * first row fed in. The triples between two column joins run as a pattern of their own, in TDB2.
 */
final class OpColumnJoins extends OpExt {

    private final OpQuadPattern original;
    private final OpQuadPattern overUnion;
    private final ExprList filters;

    /** @param filters the conditions of a filter over the pattern, or an empty list */
    OpColumnJoins(OpQuadPattern original, ExprList filters) {
        super("columnJoins");
        this.original = original;
        this.overUnion = (OpQuadPattern) OpLib.unionDefaultGraphQuads(original);
        this.filters = filters;
    }

    /**
     * {@code op} with each basic graph pattern of two triples or more over the union default graph
     * run this way; after {@link AnalyticRewrite}, whose shapes it would hide.
     */
    static Op rewrite(Op op) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpQuadPattern pattern) {
                return Quad.isDefaultGraphGenerated(pattern.getGraphNode())
                        ? new OpColumnJoins(pattern, new ExprList()) : pattern;
            }

            @Override
            public Op transform(OpConditional optional, Op left, Op right) {
                // the right of an OPTIONAL is fed its rows one by one: TDB2 runs it as written
                return super.transform(optional, left, right instanceof OpColumnJoins joins ? joins.effectiveOp() : right);
            }

            @Override
            public Op transform(OpFilter filter, Op sub) {
                // TDB2 places a filter over a pattern among its triples: this does the same
                return sub instanceof OpColumnJoins joins && joins.filters.isEmpty()
                        ? new OpColumnJoins(joins.original, filter.getExprs()) : super.transform(filter, sub);
            }
        }, op);
    }

    @Override
    public Op effectiveOp() {
        return OpFilter.filterBy(filters, original);
    }

    /** The pattern's one triple, when it has one and no filter; else null. */
    Triple onlyTriple() {
        return original.getBasicPattern().size() == 1 && filters.isEmpty() ? original.getBasicPattern().get(0) : null;
    }

    /**
     * {@code input} joined to {@code pattern} as written, a pattern or a filter over one, as
     * column joins when the first row fed binds one of {@code patternVars} (the rows of a sequence
     * or a join before it), which each row would otherwise run on its own; null when it binds none,
     * or the rows come one at a time (the right of an OPTIONAL). Then read on from {@code peeked[0]}.
     */
    static QueryIterator boundRows(QueryIterator input, Op pattern, Set<Var> patternVars, QueryIterator[] peeked,
            ExecutionContext cxt) {
        peeked[0] = input;
        OpQuadPattern qp = pattern instanceof OpFilter f && f.getSubOp() instanceof OpQuadPattern q ? q
                : pattern instanceof OpQuadPattern q ? q : null;
        if (input instanceof QueryIterSingleton || qp == null || !Quad.isDefaultGraphGenerated(qp.getGraphNode())) {
            return null;
        }
        QueryIterPeek peek = QueryIterPeek.create(input, cxt);
        peeked[0] = peek;
        if (!peek.hasNext() || patternVars.stream().noneMatch(peek.peek()::contains)) {
            return null;
        }
        ExprList exprs = pattern instanceof OpFilter f ? f.getExprs() : new ExprList();
        return QC.execute(new OpColumnJoins(qp, exprs), peek, cxt);
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        QueryIterPeek peek = QueryIterPeek.create(input, cxt);
        if (!peek.hasNext()) {
            return peek;
        }
        Binding first = peek.peek();
        BasicPattern ordered = ordered(first, cxt);
        if (ordered.getList().stream().allMatch(t -> keySlot(t, vars(first, ordered, t)) < 0)) {
            return QC.execute(OpFilter.filterBy(filters, overUnion), peek, cxt); // TDB2's own way
        }
        return joined(peek, first, ordered, cxt);
    }

    /**
     * The rows of {@code ordered} joined to {@code rows}: runs of triples by TDB2, column joins
     * between them, each filter after the triples that bind its variables.
     */
    private QueryIterator joined(QueryIterator rows, Binding first, BasicPattern ordered, ExecutionContext cxt) {
        Set<Var> bound = new HashSet<>();
        first.vars().forEachRemaining(bound::add);
        Set<Var> byPattern = new HashSet<>();
        List<Expr> unplaced = new ArrayList<>(filters.getList());
        BasicPattern run = new BasicPattern();
        for (Triple t : ordered) {
            int keySlot = keySlot(t, bound);
            if (keySlot < 0) {
                run.add(t);
            } else {
                rows = pattern(run, rows, cxt);
                run = new BasicPattern();
                rows = stage(t, keySlot, rows, cxt);
            }
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isVariable()) {
                    bound.add(Var.alloc(n));
                    byPattern.add(Var.alloc(n));
                }
            }
            // a filter goes right after the triples that bind its variables, as TDB2 places it
            List<Expr> placed = unplaced.stream()
                    .filter(e -> !holdsPattern(e) && byPattern.containsAll(e.getVarsMentioned())).toList();
            if (!placed.isEmpty()) {
                rows = filtered(pattern(run, rows, cxt), placed, cxt);
                run = new BasicPattern();
                unplaced.removeAll(placed);
            }
        }
        return filtered(pattern(run, rows, cxt), unplaced, cxt);
    }

    /** Whether {@code e} holds a pattern ({@code EXISTS}, {@code NOT EXISTS}): such a filter goes last. */
    private static boolean holdsPattern(Expr e) {
        boolean[] found = {false};
        org.apache.jena.sparql.algebra.walker.Walker.walk(e, new org.apache.jena.sparql.expr.ExprVisitorBase() {
            @Override
            public void visit(org.apache.jena.sparql.expr.ExprFunctionOp op) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** The variables bound before {@code t}: {@code first}'s and those of the triples before it. */
    private static Set<Var> vars(Binding first, BasicPattern ordered, Triple t) {
        Set<Var> bound = new HashSet<>();
        first.vars().forEachRemaining(bound::add);
        for (Triple before : ordered) {
            if (before == t) {
                break;
            }
            bound.addAll(org.apache.jena.sparql.util.VarUtils.getVars(before));
        }
        return bound;
    }

    private ColumnStage stage(Triple t, int keySlot, QueryIterator rows, ExecutionContext cxt) {
        Var key = Var.alloc(keySlot == 0 ? t.getSubject() : t.getObject());
        Node other = keySlot == 0 ? t.getObject() : t.getSubject();
        return new ColumnStage(rows, cxt, key, t.getPredicate(), other, keySlot == 0,
                new OpQuadPattern(overUnion.getGraphNode(), BasicPattern.wrap(List.of(t))));
    }

    private static QueryIterator filtered(QueryIterator rows, List<Expr> exprs, ExecutionContext cxt) {
        for (Expr e : exprs) {
            rows = new QueryIterFilterExpr(rows, e, cxt);
        }
        return rows;
    }

    /** The pattern's triples in TDB2's order for {@code first}, as TDB2 orders a pattern for the first row fed to it. */
    private BasicPattern ordered(Binding first, ExecutionContext cxt) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(cxt.getDataset());
        ReorderTransformation reorder = tdb == null ? null : tdb.getReorderTransform();
        BasicPattern bgp = overUnion.getBasicPattern();
        return reorder == null ? bgp : reorder.reorderIndexes(Substitute.substitute(bgp, first)).reorder(bgp);
    }

    /**
     * 0 when the triple's subject is a variable bound before it and its object a new one or a
     * constant; 2 when its object is bound and its subject new; -1 otherwise, or when its predicate
     * is not a constant.
     */
    private static int keySlot(Triple t, Set<Var> bound) {
        Node s = t.getSubject();
        Node o = t.getObject();
        if (!t.getPredicate().isURI() || !s.isVariable() || s.equals(o)) {
            return -1;
        }
        if (o.isConcrete()) {
            return bound.contains(Var.alloc(s)) ? 0 : -1;
        }
        if (!o.isVariable()) {
            return -1;
        }
        boolean sBound = bound.contains(Var.alloc(s));
        boolean oBound = bound.contains(Var.alloc(o));
        return sBound && !oBound ? 0 : oBound && !sBound ? 2 : -1;
    }

    private QueryIterator pattern(BasicPattern run, QueryIterator rows, ExecutionContext cxt) {
        return run.isEmpty() ? rows : QC.execute(new OpQuadPattern(overUnion.getGraphNode(), run), rows, cxt);
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        original.output(out, sCxt);
        if (!filters.isEmpty()) {
            out.print(" " + filters);
        }
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, filters);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpColumnJoins o && o.original.equalTo(original, labels) && o.filters.equals(filters);
    }
}
