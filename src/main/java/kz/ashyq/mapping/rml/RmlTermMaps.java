package kz.ashyq.mapping.rml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.LanguageTags;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TermType;
import kz.ashyq.mapping.functions.Functions;
import org.apache.jena.graph.Node;

/**
 * Reads one RML term map: constant, reference ({@code rml:reference}, {@code rr:column}),
 * template, or function (RML-FNML's {@code rml:functionExecution} or the older
 * {@code fnml:functionValue}), with its term type, datatype and language.
 */
final class RmlTermMaps {

    /** GREL functions that map onto Ashyq's, with their parameter names. */
    private static final Map<String, String> GREL = Map.of(
            "toUpperCase", "upper", "toLowerCase", "lower", "string_trim", "trim");
    private static final Map<String, String> GREL_PARAMS = Map.of(
            "valueParameter", "value", "valueParam", "value", "p_string_sep", "separator");
    private static final String GREL_NS = "http://users.ugent.be/~bjdmeest/function/grel.ttl#";

    private RmlTermMaps() {}

    static TermMap termMap(RmlTerms t, Node m, TermType defaultType, Location where) {
        Expr expr;
        boolean columnValued = false;
        Node constant = t.one(m, "constant", where);
        String reference = t.text(m, "reference", where);
        String column = t.text(m, "column", where);
        String template = t.text(m, "template", where);
        Node fnExec = t.one(m, "functionExecution", where);
        Node fnValue = t.one(m, "functionValue", where);
        int kinds = (constant != null ? 1 : 0) + (reference != null ? 1 : 0) + (column != null ? 1 : 0)
                + (template != null ? 1 : 0) + (fnExec != null ? 1 : 0) + (fnValue != null ? 1 : 0);
        if (kinds != 1) {
            throw new MappingException(where, kinds == 0 ? "a term map needs a constant, reference, template or function"
                    : "a term map has more than one of constant, reference, template, function");
        }
        if (constant != null && t.one(m, "termType", where) == null) {
            return RmlReader.constant(constant, where);
        }
        if (constant != null) {
            expr = RmlReader.constant(constant, where).expr();
        } else if (reference != null || column != null) {
            expr = new Expr.Column(reference != null ? reference : column);
            columnValued = true;
        } else if (template != null) {
            expr = RmlTemplates.parse(template, where);
        } else if (fnExec != null) {
            expr = execution(t, fnExec, where);
            columnValued = true;
        } else {
            expr = functionValue(t, fnValue, where);
            columnValued = true;
        }
        String datatype = iriOrNull(t.one(m, "datatype", where));
        Expr language = language(t, m, where);
        TermType type = termType(t.one(m, "termType", where), defaultType, columnValued, datatype, language, where);
        return new TermMap(expr, type, datatype, language, where);
    }

    private static TermType termType(Node tt, TermType defaultType, boolean columnValued, String datatype, Expr language,
            Location where) {
        if (tt != null) {
            if (RmlTerms.is(tt, "IRI") || RmlTerms.is(tt, "URI")) {
                return TermType.IRI;
            } else if (RmlTerms.is(tt, "BlankNode")) {
                return TermType.BLANK_NODE;
            } else if (RmlTerms.is(tt, "Literal")) {
                return TermType.LITERAL;
            }
            throw new MappingException(where, "unknown term type " + RmlTerms.describe(tt));
        }
        if (defaultType == TermType.LITERAL) {
            // R2RML: an object map is a literal when column-valued or typed, else an IRI
            return columnValued || datatype != null || language != null ? TermType.LITERAL : TermType.IRI;
        }
        return defaultType;
    }

    private static Expr language(RmlTerms t, Node m, Location where) {
        String lang = t.text(m, "language", where);
        if (lang != null) {
            if (!LanguageTags.isValid(lang)) {
                throw new MappingException(where, "'" + lang + "' is not a language tag");
            }
            return new Expr.Constant(lang);
        }
        Node lm = t.one(m, "languageMap", where);
        if (lm == null) {
            return null;
        }
        TermMap tm = termMap(t, lm, TermType.LITERAL, where);
        return tm.expr();
    }

    private static String iriOrNull(Node n) {
        return n == null ? null : n.getURI();
    }

    /** RML-FNML: {@code rml:functionExecution [ rml:function f ; rml:input [ rml:parameter p ; rml:inputValueMap m ] ]}. */
    private static Expr execution(RmlTerms t, Node exec, Location where) {
        Node fn = t.one(exec, "function", where);
        Node fnMap = t.one(exec, "functionMap", where);
        if (fn == null && fnMap != null) {
            fn = t.one(fnMap, "constant", where);
        }
        if (fn == null || !fn.isURI()) {
            throw new MappingException(where, "a function execution needs a function IRI");
        }
        List<Expr.Arg> args = new ArrayList<>();
        for (Node input : t.all(exec, "input")) {
            Node param = t.one(input, "parameter", where);
            Node valueMap = t.one(input, "inputValueMap", where);
            Node value = t.one(input, "inputValue", where);
            if (param == null || (valueMap == null && value == null)) {
                throw new MappingException(where, "a function input needs a parameter and a value");
            }
            Expr e = valueMap != null ? termMap(t, valueMap, TermType.LITERAL, where).expr()
                    : new Expr.Constant(value.isLiteral() ? value.getLiteralLexicalForm() : value.getURI());
            args.add(new Expr.Arg(param(param.getURI()), e));
        }
        return call(fn.getURI(), args, where);
    }

    /** Older FNML: a function value is a triples map whose predicate-object maps name the function and inputs. */
    private static Expr functionValue(RmlTerms t, Node fv, Location where) {
        String function = null;
        List<Expr.Arg> args = new ArrayList<>();
        for (Node pom : t.all(fv, "predicateObjectMap")) {
            List<Node> preds = t.all(pom, "predicate");
            for (Node pm : t.all(pom, "predicateMap")) {
                preds.add(t.one(pm, "constant", where));
            }
            List<Node> oms = t.all(pom, "objectMap");
            Node obj = t.one(pom, "object", where);
            for (Node p : preds) {
                if (p.getURI().equals(RmlTerms.FNO + "executes") || p.getURI().equals(RmlTerms.FNO_OLD + "executes")) {
                    Node f = obj != null ? obj : t.one(oms.get(0), "constant", where);
                    function = f.getURI();
                } else {
                    Expr e = obj != null ? RmlReader.constant(obj, where).expr()
                            : termMap(t, oms.get(0), TermType.LITERAL, where).expr();
                    args.add(new Expr.Arg(param(p.getURI()), e));
                }
            }
        }
        if (function == null) {
            throw new MappingException(where, "a function value does not say which function it executes (fno:executes)");
        }
        return call(function, args, where);
    }

    private static Expr call(String function, List<Expr.Arg> args, Location where) {
        String iri = function;
        if (function.startsWith(GREL_NS) && GREL.containsKey(function.substring(GREL_NS.length()))) {
            iri = Functions.NS + GREL.get(function.substring(GREL_NS.length()));
        }
        Functions.Def def = Functions.byIri(iri);
        if (def == null) {
            throw new MappingException(where, "unknown function <" + function + "> (known: " + Functions.iris() + ")");
        }
        for (Expr.Arg a : args) {
            if (!def.accepted().contains(a.parameter())) {
                throw new MappingException(where, "function '" + def.name() + "' has no parameter '" + a.parameter() + "'");
            }
        }
        for (String r : def.required()) {
            if (args.stream().noneMatch(a -> a.parameter().equals(r))) {
                throw new MappingException(where, "function '" + def.name() + "' needs parameter '" + r + "'");
            }
        }
        return new Expr.Call(iri, args);
    }

    private static String param(String iri) {
        String local = iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
        return GREL_PARAMS.getOrDefault(local, local);
    }

}
