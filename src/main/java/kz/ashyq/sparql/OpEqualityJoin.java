package kz.ashyq.sparql;

import java.util.Objects;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;

/**
 * {@code FILTER (?a = ?b)} over a basic graph pattern whose triples split into those with
 * {@code ?a} and without {@code ?b} (the left) and those with {@code ?b} (the right), as in BSBM's
 * business-intelligence query 2:
 * {@code <p> bsbm:productFeature ?f . ?other bsbm:productFeature ?of . FILTER (?f = ?of)}.
 * ARQ cannot make the filter a join, since {@code =} compares values ({@code 1 = 1.0}), so it
 * filters the cross product of the two sides. This reads the left side, and for each of its rows
 * whose {@code ?a} is an IRI or a blank node, for which {@code =} holds only of the same term, reads
 * the right side with {@code ?b} bound to that term: an index lookup. A row whose {@code ?a} is a
 * literal is joined with the whole right side and filtered as ARQ does, so the answers are ARQ's
 * on any data.
 */
final class OpEqualityJoin extends OpExt {

    private final Op original;
    private final Op left;
    private final Op right;
    private final Var a;
    private final Var b;
    private final Expr equality;

    /**
     * @param original the filter over the whole pattern, as ARQ would run it
     * @param left the pattern's triples that bind {@code a} and not {@code b}
     * @param right the others, which bind {@code b}
     */
    OpEqualityJoin(Op original, Op left, Op right, Var a, Var b, Expr equality) {
        super("equalityJoin");
        this.original = original;
        // TDB2 points the default graph's patterns at the union graph after the rewrites, and that
        // does not reach inside this operator
        this.left = OpLib.unionDefaultGraphQuads(left);
        this.right = OpLib.unionDefaultGraphQuads(right);
        this.a = a;
        this.b = b;
        this.equality = equality;
    }

    /** How many constants the left side's triples have, less the right side's. */
    int leftConstants() {
        return constants(left) - constants(right);
    }

    private static int constants(Op side) {
        int n = 0;
        for (org.apache.jena.sparql.core.Quad q : ((org.apache.jena.sparql.algebra.op.OpQuadPattern) side).getPattern()) {
            n += (q.getSubject().isVariable() ? 0 : 1) + (q.getPredicate().isVariable() ? 0 : 1)
                    + (q.getObject().isVariable() ? 0 : 1);
        }
        return n;
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        QueryIterator leftRows = QC.execute(left, input, cxt);
        return new QueryIterRepeatApply(leftRows, cxt) {
            @Override
            protected QueryIterator nextStage(Binding row) {
                Node v = row.get(a);
                if (v != null && (v.isURI() || v.isBlank()) && !row.contains(b)) {
                    return QC.execute(right, QueryIterSingleton.create(BindingFactory.binding(row, b, v), cxt), cxt);
                }
                return new QueryIterFilterExpr(QC.execute(right, QueryIterSingleton.create(row, cxt), cxt),
                        equality, cxt);
            }
        };
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(a + " = " + b + " " + left + " " + right);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, a, b);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpEqualityJoin o && o.original.equalTo(original, labels);
    }
}
