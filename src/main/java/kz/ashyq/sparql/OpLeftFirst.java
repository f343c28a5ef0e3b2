package kz.ashyq.sparql;

import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.iterator.QueryIterRoot;
import org.apache.jena.sparql.engine.join.Join;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;

/**
 * A join whose right side runs only when its left side has a row. ARQ's hash join reads a row of
 * each side before it joins, so a grouped subquery on the right was grouped whole even when the
 * left had no rows: BSBM's business-intelligence query 3 on a month without reviews grouped the
 * 20,000 reviews of the month before. With rows on the left this is ARQ's join, run as ARQ's
 * executor runs it (the left side over the incoming rows, the right from the root); without, the
 * join's answer is empty either way.
 */
final class OpLeftFirst extends OpExt {

    /** How many joins ended on an empty left side, their right not run: for the tests. */
    static final java.util.concurrent.atomic.LongAdder SKIPPED = new java.util.concurrent.atomic.LongAdder();

    private final OpJoin join;

    private OpLeftFirst(OpJoin join) {
        super("leftFirst");
        this.join = join;
    }

    /**
     * {@code op} with its joins made these. Applied last: the rewrites before it see the joins'
     * sides, which they could not inside an extension.
     */
    static Op rewrite(Op op) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpJoin join, Op left, Op right) {
                return new OpLeftFirst((OpJoin) OpJoin.create(left, right));
            }
        }, op);
    }

    @Override
    public Op effectiveOp() {
        return join;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        QueryIterator left = QC.execute(join.getLeft(), input, cxt);
        if (!left.hasNext()) {
            SKIPPED.increment();
            return left;
        }
        QueryIterator right = QC.execute(join.getRight(), QueryIterRoot.create(cxt), cxt);
        return Join.join(left, right, cxt);
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        join.output(out, sCxt);
    }

    @Override
    public int hashCode() {
        return join.hashCode() ^ 0x1ef7;
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpLeftFirst o && o.join.equalTo(join, labels);
    }
}
