package kz.ashyq.sparql;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.E_Equals;
import org.apache.jena.sparql.expr.E_NotEquals;
import org.apache.jena.sparql.expr.E_SameTerm;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.ExprTransformer;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdType;
import org.apache.jena.tdb2.store.value.IntegerNode;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Filters evaluated on the node ids TDB2's rows hold, where that gives ARQ's answer with less
 * work. ARQ reads a variable of a TDB2 row by decoding its node id into a term (an inline number
 * is printed and parsed again; any other term is looked up in the node table's cache) and making
 * a value of it: in BSBM's explore query 5, 1,500 rows a query, that was 40% of the time.
 *
 * <ul>
 *   <li>A variable ({@link IdVar}) keeps the values of the last ids it read: the same price or
 *       number in another row is not decoded again. An inline integer is made a value straight
 *       from its id's bits.
 *   <li>{@code ?x = <iri>}, {@code ?x != <iri>} and {@code sameTerm(?x, <iri>)} ({@link IdTermTest})
 *       compare ids: a term has one id in a store, and an IRI equals no other term, so the test is
 *       the ids' equality, without decoding {@code ?x}.
 * </ul>
 *
 * A row that is not TDB2's, or a variable it binds outside its ids, is evaluated as ARQ does.
 */
final class IdExprs {

    private IdExprs() {}

    /** {@code op} with its filters' expressions made these. */
    static Op rewrite(Op op) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpFilter filter, Op sub) {
                return OpFilter.filterBy(of(filter.getExprs()), sub);
            }
        }, op);
    }

    /** The expressions with their variables and IRI tests made these. */
    static ExprList of(ExprList exprs) {
        return ExprTransformer.transform(new ExprTransformCopy() {
            @Override
            public Expr transform(ExprVar var) {
                return var instanceof IdVar ? var : new IdVar(var.asVar());
            }

            @Override
            public Expr transform(org.apache.jena.sparql.expr.ExprFunction2 f, Expr a, Expr b) {
                Expr iri = a.isConstant() && a.getConstant().isIRI() ? a : b.isConstant() && b.getConstant().isIRI() ? b : null;
                Expr var = iri == a ? b : a;
                if (iri != null && var instanceof ExprVar v && !(f instanceof IdTermTest)
                        && (f instanceof E_Equals || f instanceof E_NotEquals || f instanceof E_SameTerm)) {
                    return new IdTermTest((ExprFunction2) f.copy(a, b), v.asVar(), iri.getConstant().asNode(), f instanceof E_NotEquals);
                }
                return super.transform(f, a, b);
            }
        }, exprs);
    }

    /** The id {@code var} has in a TDB2 row, or null. */
    private static NodeId idOf(Binding row, Var var) {
        if (row instanceof BindingTDB tdb) {
            NodeId id = tdb.getNodeId(var);
            return id == null || NodeId.isDoesNotExist(id) || NodeId.isAny(id) ? null : id;
        }
        return null;
    }

    /** A variable whose values are kept by node id, for the rows that follow. */
    static final class IdVar extends ExprVar {
        private static final int SLOTS = 1024;
        /**
         * The value bits of an inline id, under its type byte. An {@code xsd:integer} TDB2 holds
         * inline is made a value from them, as ARQ's value of the term TDB2 decodes it to ("42",
         * printed from the same number), without printing the number and parsing it again: that
         * was a third of what explore query 5 allocated.
         */
        private static final long INLINE_VALUE = (1L << 56) - 1;

        /** An id's 8 bytes (as {@link IdScan#bits} reads them) and its value: immutable, so shared safely. */
        private record Kept(long bits, NodeValue value) {}

        private final Kept[] kept = new Kept[SLOTS];

        IdVar(Var var) {
            super(var);
        }

        @Override
        public NodeValue eval(Binding binding, FunctionEnv env) {
            NodeId id = idOf(binding, varNode);
            if (id == null) {
                return super.eval(binding, env);
            }
            long bits = IdScan.bits(id);
            int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 54);
            Kept k = kept[slot];
            if (k != null && k.bits() == bits) {
                return k.value();
            }
            NodeValue value = id.type() == NodeIdType.XSD_INTEGER
                    ? NodeValue.makeInteger(IntegerNode.unpack56(bits & INLINE_VALUE))
                    : super.eval(binding, env);
            kept[slot] = new Kept(bits, value);
            return value;
        }

        @Override
        public Expr copy(Var v) {
            return new IdVar(v);
        }
    }

    /** {@code ?x = <iri>}, {@code ?x != <iri>} or {@code sameTerm(?x, <iri>)}, on ids where the row has one. */
    static final class IdTermTest extends ExprFunction2 {
        private final ExprFunction2 original;
        private final Var var;
        private final Node iri;
        private final boolean negated;
        /** The IRI's id in the node table last read, as a pair: a compaction makes a new node table. */
        private volatile Object[] idIn;

        IdTermTest(ExprFunction2 original, Var var, Node iri, boolean negated) {
            super(original.getArg1(), original.getArg2(), original.getFunctionSymbol().getSymbol(), original.getOpName());
            this.original = original;
            this.var = var;
            this.iri = iri;
            this.negated = negated;
        }

        @Override
        protected NodeValue evalSpecial(Binding binding, FunctionEnv env) {
            NodeId id = idOf(binding, var);
            if (id == null || env == null || env.getDataset() == null) {
                return null;
            }
            NodeId iriId = iriId(env);
            if (iriId == null) {
                return null;
            }
            boolean same = !NodeId.isDoesNotExist(iriId) && id.type() == iriId.type() && id.equals(iriId);
            return NodeValue.booleanReturn(same != negated);
        }

        private NodeId iriId(FunctionEnv env) {
            var tdb = TDBInternal.getDatasetGraphTDB(env.getDataset());
            if (tdb == null) {
                return null;
            }
            NodeTable nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
            Object[] known = idIn;
            if (known == null || known[0] != nodes) {
                known = new Object[] {nodes, nodes.getNodeIdForNode(iri)};
                idIn = known;
            }
            return (NodeId) known[1];
        }

        @Override
        public NodeValue eval(NodeValue x, NodeValue y) {
            return original.eval(x, y);
        }

        @Override
        public Expr copy(Expr a, Expr b) {
            return original.copy(a, b);
        }
    }
}
