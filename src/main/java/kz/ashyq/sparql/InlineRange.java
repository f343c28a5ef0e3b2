package kz.ashyq.sparql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Equals;
import org.apache.jena.sparql.expr.E_GreaterThan;
import org.apache.jena.sparql.expr.E_GreaterThanOrEqual;
import org.apache.jena.sparql.expr.E_LessThan;
import org.apache.jena.sparql.expr.E_LessThanOrEqual;
import org.apache.jena.sparql.expr.E_LogicalAnd;
import org.apache.jena.sparql.expr.E_NotEquals;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdInline;
import org.apache.jena.tdb2.store.NodeIdType;
import org.apache.jena.tdb2.store.value.IntegerNode;

/**
 * A filter that compares one variable with constants, {@code ?o >= "2008-06-01"^^xsd:date && ?o <
 * "2008-07-01"^^xsd:date}, decided on the node id of a value TDB2 holds inline, without decoding
 * it. ARQ decodes the id to a term (printing the date) and makes a value of the term (parsing it
 * again): for BSBM's 2,000 review dates that was most of business-intelligence query 3 on a month
 * without reviews.
 *
 * <p>Two kinds of constant are taken, all of a filter's of one kind:
 * <ul>
 *   <li>{@code xsd:integer} and its derived types, against an {@code xsd:integer} held inline: its
 *       id's low 56 bits are the number, in two's complement;
 *   <li>{@code xsd:date}, against an {@code xsd:date} held inline with the constant's timezone (or
 *       with none, as the constant): below the id's type byte come the timezone, then the year, month
 *       and day, so that within one timezone the bits are in the dates' order. Dates of two
 *       timezones, or with one and without, compare by XSD's rules on instants, which only ARQ applies.
 * </ul>
 * Any other value, a number of another type or a date of another timezone included, is left to
 * ARQ ({@link #test} gives null), as is any filter with another operator, a disjunction or a function.
 * Two values of one kind compare without error, so the filter is true or false, as ARQ's is.
 */
final class InlineRange {

    /** Below the type byte: an integer's bits. */
    private static final int INTEGER_SHIFT = 56;
    /** Below the type byte and the 7 bits of the timezone: a date's year, month, day (and time, 0). */
    private static final int DATE_SHIFT = 49;
    /** The type byte of an inline {@code xsd:integer}'s id. */
    private static final long INTEGER_BLOCK = IdScan.bits(NodeIdInline.inline(NodeValue.makeInteger(0).asNode())) >>> INTEGER_SHIFT;

    private enum Op { LT, LE, GT, GE, EQ, NE }

    /** A constant as an inline id would hold it: the bits above its value, and its value, comparable as longs. */
    private record Constant(int shift, long block, long value) {}

    private record Bound(Op op, long value) {}

    private final int shift;
    private final long block; // the bits above the value: type byte, and a date's timezone
    private final Bound[] bounds;

    private InlineRange(int shift, long block, Bound[] bounds) {
        this.shift = shift;
        this.block = block;
        this.bounds = bounds;
    }

    /** The filter made comparisons of {@code var}'s ids, or null when it is not of that shape. */
    static InlineRange of(ExprList filter, Var var) {
        List<Expr> conjuncts = new ArrayList<>();
        for (Expr e : filter) {
            flatten(e, conjuncts);
        }
        Constant kind = null;
        List<Bound> bounds = new ArrayList<>();
        for (Expr e : conjuncts) {
            Constant c = comparison(e, var, bounds);
            if (c == null || kind != null && (c.block() != kind.block() || c.shift() != kind.shift())) {
                return null;
            }
            kind = c;
        }
        return kind == null ? null : new InlineRange(kind.shift(), kind.block(), bounds.toArray(Bound[]::new));
    }

    private static void flatten(Expr e, List<Expr> into) {
        if (e instanceof E_LogicalAnd and) {
            flatten(and.getArg1(), into);
            flatten(and.getArg2(), into);
        } else {
            into.add(e);
        }
    }

    /** One comparison of {@code var} with a constant: the constant, its bound added to {@code bounds}; else null. */
    private static Constant comparison(Expr e, Var var, List<Bound> bounds) {
        if (!(e instanceof ExprFunction2 f)) {
            return null;
        }
        Op op = e instanceof E_LessThan ? Op.LT : e instanceof E_LessThanOrEqual ? Op.LE
                : e instanceof E_GreaterThan ? Op.GT : e instanceof E_GreaterThanOrEqual ? Op.GE
                : e instanceof E_Equals ? Op.EQ : e instanceof E_NotEquals ? Op.NE : null;
        boolean varFirst = isVar(f.getArg1(), var) && f.getArg2().isConstant();
        if (op == null || !varFirst && !(isVar(f.getArg2(), var) && f.getArg1().isConstant())) {
            return null;
        }
        Constant c = constant((varFirst ? f.getArg2() : f.getArg1()).getConstant());
        if (c != null) {
            bounds.add(new Bound(varFirst ? op : flipped(op), c.value()));
        }
        return c;
    }

    private static boolean isVar(Expr e, Var var) {
        return e instanceof ExprVar v && v.asVar().equals(var);
    }

    /** {@code c op ?v} as {@code ?v op' c}. */
    private static Op flipped(Op op) {
        return switch (op) {
            case LT -> Op.GT;
            case LE -> Op.GE;
            case GT -> Op.LT;
            case GE -> Op.LE;
            default -> op;
        };
    }

    /** An integer that fits in a long, or a date TDB2 would hold inline; else null. */
    private static Constant constant(NodeValue nv) {
        if (nv.isInteger()) {
            BigInteger n = nv.getInteger();
            return n.bitLength() < Long.SIZE ? new Constant(INTEGER_SHIFT, INTEGER_BLOCK, n.longValue()) : null;
        }
        if (nv.isDate()) {
            NodeId id = NodeIdInline.inline(nv.asNode());
            if (id != null && id.type() == NodeIdType.XSD_DATE) {
                long bits = IdScan.bits(id);
                return new Constant(DATE_SHIFT, bits >>> DATE_SHIFT, bits & ((1L << DATE_SHIFT) - 1));
            }
        }
        return null;
    }

    /**
     * Whether the filter passes the node whose id's 8 bytes are {@code bits}, when the id decides it:
     * an inline value of the filter's kind. Null for any other id, which ARQ must decode and evaluate.
     */
    Boolean test(long bits) {
        if (bits >>> shift != block) {
            return null;
        }
        long low = bits & ((1L << shift) - 1);
        long value = shift == INTEGER_SHIFT ? IntegerNode.unpack56(low) : low;
        for (Bound b : bounds) {
            int c = Long.compare(value, b.value());
            boolean holds = switch (b.op()) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case EQ -> c == 0;
                case NE -> c != 0;
            };
            if (!holds) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }
}
