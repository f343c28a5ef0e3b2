package kz.ashyq.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PFuncListAndList;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Symbol;

/**
 * {@code (?place ?km) ashyq:near (lat lon radiusKm)}: the things with WGS84 coordinates within a
 * radius of a point, nearest first, each with its great-circle distance in kilometres, answered
 * from the search index's spatial (BKD) index instead of computing a distance for every point
 * of the store. {@code ?km} may be left out: {@code ?place ashyq:near (lat lon radiusKm)}.
 */
public final class NearFunction extends PFuncListAndList {

    /** The function's IRI. */
    public static final String IRI = kz.ashyq.config.Namespaces.ASHYQ + "near";

    /** Where a dataset's context keeps the index the function asks. */
    public static final Symbol INDEX = Symbol.create(kz.ashyq.config.Namespaces.ASHYQ + "searchIndex");

    /** Most places one call returns. */
    static final int LIMIT = 10_000;

    /** Registers the function with ARQ (once per JVM is enough; again is harmless). */
    public static void register() {
        PropertyFunctionRegistry.get().put(IRI, NearFunction.class);
    }

    @Override
    public void build(PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
        super.build(subject, predicate, object, cxt);
        if (object.getArgListSize() != 3) {
            throw new QueryBuildException("ashyq:near takes (latitude longitude radiusKm), not " + object.getArgList());
        }
        int n = subject.isList() ? subject.getArgListSize() : 1;
        if (n < 1 || n > 2) {
            throw new QueryBuildException("ashyq:near binds ?place or (?place ?km)");
        }
    }

    @Override
    public QueryIterator execEvaluated(Binding binding, PropFuncArg subject, Node predicate, PropFuncArg object,
            ExecutionContext cxt) {
        Object index = cxt.getContext().get(INDEX);
        if (!(index instanceof SearchIndex search)) {
            throw new QueryExecException("ashyq:near needs the server's search index, which this dataset does not have");
        }
        double lat = number(object.getArg(0), "latitude", -90, 90);
        double lon = number(object.getArg(1), "longitude", -180, 180);
        double radius = number(object.getArg(2), "radius", 0, 20_000);
        List<Node> targets = subject.isList() ? subject.getArgList() : List.of(subject.getArg());
        List<Binding> out = new ArrayList<>();
        for (SearchIndex.Near hit : search.near(lat, lon, radius, LIMIT)) {
            BindingBuilder b = BindingBuilder.create(binding);
            if (bind(b, targets.get(0), NodeFactory.createURI(hit.iri()))
                    && (targets.size() < 2 || bind(b, targets.get(1), NodeFactory.createLiteralDT(
                            BigDecimal.valueOf(hit.km()).setScale(3, RoundingMode.HALF_UP).toPlainString(),
                            XSDDatatype.XSDdecimal)))) {
                out.add(b.build());
            }
        }
        return QueryIterPlainWrapper.create(out.iterator(), cxt);
    }

    /** Binds a variable to the value, or checks a bound one or a constant against it. */
    static boolean bind(BindingBuilder b, Node target, Node value) {
        if (Var.isVar(target)) {
            Var v = Var.alloc(target);
            Node already = b.get(v);
            if (already == null) {
                b.add(v, value);
                return true;
            }
            return already.equals(value);
        }
        return target.equals(value);
    }

    private static double number(Node n, String what, double min, double max) {
        if (n == null || !n.isLiteral() || !(n.getLiteralValue() instanceof Number num)) {
            throw new QueryExecException("ashyq:near: the " + what + " must be a number, not " + n);
        }
        double v = num.doubleValue();
        if (v < min || v > max) {
            throw new QueryExecException("ashyq:near: the " + what + " " + v + " is outside " + min + " to " + max);
        }
        return v;
    }
}
