package kz.ashyq.mapping.yarrrml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.LanguageTags;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.PredicateObjectMap;
import kz.ashyq.mapping.Suggest;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TermType;
import kz.ashyq.mapping.TriplesMap;
import kz.ashyq.mapping.functions.Functions;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads YARRRML (YAML) into the mapping model: {@code prefixes}, {@code sources},
 * {@code mappings} with {@code s}/{@code po}/{@code graphs}, {@code $(column)} references,
 * {@code ~iri}/{@code ~lang} shortcuts, functions and joins by {@code condition: equal}.
 * CSV dialects are described on sources with CSVW's terms. An Ashyq extension, the top-level
 * {@code dataset} key, carries catalogue metadata.
 */
public final class YarrrmlReader {

    private final Path file;
    private final Prefixes prefixes = new Prefixes();
    private final Map<String, LogicalSource> namedSources = new HashMap<>();
    private final YarrrmlSources sources;

    private YarrrmlReader(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.sources = new YarrrmlSources(this.file, namedSources);
    }

    /** Reads a YARRRML file; any problem is a {@link MappingException} naming its line. */
    public static Mapping read(Path file) {
        return new YarrrmlReader(file).read();
    }

    private Mapping read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(new Location(file, 0), "cannot read mapping: " + e.getMessage());
        }
        Node rootNode;
        try {
            rootNode = new Compose(LoadSettings.builder().setLabel(file.toString()).build())
                    .composeString(text)
                    .orElseThrow(() -> new MappingException(new Location(file, 0), "the mapping is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new MappingException(new Location(file, line), "not valid YAML: " + e.getProblem()
                    + " (look at this line and the one before: a [ or { not closed, a quote not closed, or a value "
                    + "holding ': ' or ' #' without quotes, as in \"Tax: 2%\"; indentation must use spaces)");
        }
        Map<String, Yaml> root = new Yaml(rootNode, file).map();
        Yaml p = root.get("prefixes");
        if (p != null) {
            p.map().forEach((k, v) -> prefixes.declare(k, v.text()));
        }
        Yaml s = root.get("sources");
        if (s != null) {
            s.map().forEach((k, v) -> namedSources.put(k, sources.source(v)));
        }
        Yaml m = Yaml.first(root, "mappings", "m");
        if (m == null) {
            throw new MappingException(new Yaml(rootNode, file).where(), "no 'mappings' in this file");
        }
        Map<String, TriplesMap> maps = new LinkedHashMap<>();
        m.map().forEach((name, def) -> maps.put(name, triplesMap(name, def)));
        checkRefs(maps);
        Optional<DatasetInfo> dataset = Optional.ofNullable(root.get("dataset"))
                .map(d -> sources.datasetWithMeta(d, namedSources));
        Optional<String> base = Optional.ofNullable(root.get("base")).map(Yaml::text);
        List<Path> shapes = new ArrayList<>();
        Yaml sh = root.get("shapes");
        if (sh != null) {
            for (Yaml f : sh.listOrOne()) {
                Path shapeFile = file.getParent().resolve(f.text()).normalize();
                if (!java.nio.file.Files.isRegularFile(shapeFile)) {
                    throw new MappingException(f.where(), "shapes file " + shapeFile + " does not exist");
                }
                shapes.add(shapeFile);
            }
        }
        return new Mapping(file, dataset, maps, base, shapes);
    }

    private void checkRefs(Map<String, TriplesMap> maps) {
        for (TriplesMap tm : maps.values()) {
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                for (ObjectMap om : pom.objects()) {
                    if (om instanceof ObjectMap.Ref ref && !maps.containsKey(ref.parentMap())) {
                        throw new MappingException(ref.where(), "no mapping named '" + ref.parentMap()
                                + "' (mappings: " + maps.keySet() + ")");
                    }
                }
            }
        }
    }

    private TriplesMap triplesMap(String name, Yaml y) {
        Map<String, Yaml> m = y.map();
        Yaml src = Yaml.first(m, "sources", "source");
        if (src == null) {
            throw new MappingException(y.where(), "mapping '" + name + "' has no 'sources'");
        }
        LogicalSource source = sources.source(src);
        Yaml s = Yaml.first(m, "subjects", "subject", "s");
        if (s == null) {
            throw new MappingException(y.where(), "mapping '" + name + "' has no subject ('s')");
        }
        Yaml subjectNode = s.isList() ? s.list().get(0) : s;
        TermMap subject = subjectNode.isMap()
                ? termFromMap(subjectNode, TermType.IRI)
                : termFromString(subjectNode.text(), TermType.IRI, subjectNode);
        if (subject.type() == TermType.LITERAL) {
            throw new MappingException(subjectNode.where(), "a subject cannot be a literal");
        }
        List<TermMap> graphs = graphs(m);
        List<String> classes = new ArrayList<>();
        List<PredicateObjectMap> poms = new ArrayList<>();
        Yaml po = Yaml.first(m, "predicateobjects", "po");
        if (po != null) {
            for (Yaml entry : po.list()) {
                PredicateObjectMap pom = predicateObject(entry);
                if (isRdfType(pom) && pom.graphs().isEmpty()) {
                    for (ObjectMap om : pom.objects()) {
                        classes.add(((Expr.Constant) ((ObjectMap.Term) om).term().expr()).value());
                    }
                } else {
                    poms.add(pom);
                }
            }
        }
        if (!graphs.isEmpty()) {
            poms = poms.stream().map(p -> p.graphs().isEmpty()
                    ? new PredicateObjectMap(p.predicates(), p.objects(), graphs) : p).toList();
        }
        return new TriplesMap(name, source, subject, classes, graphs, poms, y.where());
    }

    private static boolean isRdfType(PredicateObjectMap pom) {
        return pom.predicates().size() == 1
                && pom.predicates().get(0).expr() instanceof Expr.Constant c
                && c.value().equals(Prefixes.RDF_TYPE)
                && pom.objects().stream().allMatch(o -> o instanceof ObjectMap.Term t
                        && t.term().expr() instanceof Expr.Constant && t.term().type() == TermType.IRI);
    }

    private List<TermMap> graphs(Map<String, Yaml> m) {
        Yaml g = Yaml.first(m, "graphs", "graph", "g");
        List<TermMap> out = new ArrayList<>();
        if (g != null) {
            for (Yaml one : g.listOrOne()) {
                out.add(termFromString(one.text(), TermType.IRI, one));
            }
        }
        return out;
    }

    private PredicateObjectMap predicateObject(Yaml entry) {
        if (entry.isList()) {
            List<Yaml> parts = entry.list();
            if (parts.size() < 2 || parts.size() > 3) {
                throw new MappingException(entry.where(), "a [predicate, object] pair needs 2 or 3 elements");
            }
            List<TermMap> predicates = predicates(parts.get(0));
            List<ObjectMap> objects = new ArrayList<>();
            for (Yaml o : parts.get(1).listOrOne()) {
                objects.add(new ObjectMap.Term(isType(predicates) && parts.size() == 2 ? classTerm(o)
                        : objectShortcut(o, parts.size() == 3 ? parts.get(2) : null)));
            }
            return new PredicateObjectMap(predicates, objects, List.of());
        }
        Map<String, Yaml> m = entry.map();
        Yaml p = Yaml.first(m, "predicates", "predicate", "p");
        Yaml o = Yaml.first(m, "objects", "object", "o");
        if (p == null || o == null) {
            throw new MappingException(entry.where(), "a predicate-object entry needs 'p' and 'o'");
        }
        List<TermMap> predicates = predicates(p);
        List<ObjectMap> objects = new ArrayList<>();
        for (Yaml one : o.listOrOne()) {
            objects.add(isType(predicates) && !(one.isMap() && Yaml.first(one.map(), "mapping") != null)
                    ? new ObjectMap.Term(classTerm(one)) : object(one));
        }
        return new PredicateObjectMap(predicates, objects, graphs(m));
    }

    private List<TermMap> predicates(Yaml p) {
        List<TermMap> out = new ArrayList<>();
        for (Yaml one : p.listOrOne()) {
            String t = one.text();
            if (!t.equals("a") && t.indexOf(':') < 0 && !t.contains("$(")) {
                throw new MappingException(one.where(), "the predicate '" + t + "' is not an IRI: write a prefixed "
                        + "name such as schema:" + t + " or rdfs:label, or the IRI in full");
            }
            out.add(termFromString(t.equals("a") ? "rdf:type" : t, TermType.IRI, one));
        }
        return out;
    }

    /** Whether the predicates are {@code a}: its objects are classes, which must be IRIs. */
    private static boolean isType(List<TermMap> predicates) {
        return predicates.stream().anyMatch(t -> t.expr() instanceof Expr.Constant c
                && c.value().equals(Prefixes.RDF_TYPE));
    }

    /** The object of {@code a}: a class, which must be an IRI, never a literal. */
    private TermMap classTerm(Yaml o) {
        if (o.isMap()) {
            TermMap t = termFromMap(o, TermType.IRI);
            if (t.type() != TermType.IRI) {
                throw new MappingException(o.where(), "the object of 'a' (rdf:type) is a class, which must be an IRI");
            }
            return t;
        }
        String text = o.text().endsWith("~iri") ? o.text().substring(0, o.text().length() - 4) : o.text();
        if (text.indexOf(':') < 0 && !text.contains("$(")) {
            throw new MappingException(o.where(), "the class '" + text + "' is not an IRI: write a prefixed name such "
                    + "as schema:" + text + ", or the IRI in full");
        }
        return termFromString(text, TermType.IRI, o);
    }

    private TermMap objectShortcut(Yaml o, Yaml third) {
        if (o.isMap()) {
            return termFromMap(o, TermType.LITERAL);
        }
        String text = o.text();
        if (third == null) {
            return termFromString(text, TermType.LITERAL, o);
        }
        String t = third.text();
        Expr value = YarrrmlTemplates.parse(text, o.where());
        if (t.endsWith("~lang")) {
            return new TermMap(value, TermType.LITERAL, null, language(t.substring(0, t.length() - 5), third),
                    o.where());
        }
        return new TermMap(value, TermType.LITERAL, prefixes.datatype(t, third), null, o.where());
    }

    private ObjectMap object(Yaml o) {
        if (o.isMap() && Yaml.first(o.map(), "mapping") != null) {
            return join(o);
        }
        return new ObjectMap.Term(o.isMap() ? termFromMap(o, TermType.LITERAL)
                : termFromString(o.text(), TermType.LITERAL, o));
    }

    private ObjectMap join(Yaml o) {
        Map<String, Yaml> m = o.map();
        String parent = m.get("mapping").text();
        List<ObjectMap.Join> joins = new ArrayList<>();
        Yaml cond = m.get("condition");
        if (cond != null) {
            for (Yaml c : cond.listOrOne()) {
                Expr.Call call = functionCall(c);
                if (!call.function().endsWith("equal")) {
                    throw new MappingException(c.where(), "a join condition must be 'equal', not '" + call.function() + "'");
                }
                Expr child = argument(call, "str1", c);
                Expr parentExpr = argument(call, "str2", c);
                joins.add(new ObjectMap.Join(child, parentExpr));
            }
        }
        return new ObjectMap.Ref(parent, joins, o.where());
    }

    private static Expr argument(Expr.Call call, String name, Yaml at) {
        return call.args().stream().filter(a -> a.parameter().equals(name)).map(Expr.Arg::value).findFirst()
                .orElseThrow(() -> new MappingException(at.where(), "join condition needs parameter '" + name + "'"));
    }

    /** An object or subject given as a map: value or function, with type, datatype, language. */
    private TermMap termFromMap(Yaml y, TermType defaultType) {
        Map<String, Yaml> m = y.map();
        Expr expr;
        Yaml fn = Yaml.first(m, "function", "fn", "f");
        Yaml value = Yaml.first(m, "value", "v");
        if (fn != null) {
            expr = functionCall(y);
        } else if (value != null) {
            expr = YarrrmlTemplates.parse(value.text(), value.where());
        } else {
            throw new MappingException(y.where(), "needs a 'value' or a 'function'");
        }
        TermType type = defaultType;
        Yaml t = m.get("type");
        if (t != null) {
            type = switch (t.text()) {
                case "iri" -> TermType.IRI;
                case "literal" -> TermType.LITERAL;
                case "blank", "blanknode" -> TermType.BLANK_NODE;
                default -> throw new MappingException(t.where(), "type '" + t.text() + "' is not iri, literal or blank");
            };
        }
        if (fn == null && type == TermType.IRI) {
            expr = expandExpr(expr, value);
        }
        Yaml dt = m.get("datatype");
        Yaml lang = Yaml.first(m, "language", "lang");
        return new TermMap(expr, type, dt == null ? null : prefixes.datatype(dt.text(), dt),
                lang == null ? null : language(lang.text(), lang), y.where());
    }

    private Expr language(String text, Yaml at) {
        Expr e = YarrrmlTemplates.parse(text, at.where());
        if (e instanceof Expr.Constant c && !LanguageTags.isValid(c.value())) {
            throw new MappingException(at.where(), "'" + c.value() + "' is not a language tag");
        }
        return e;
    }

    /** A string object or subject: {@code ~iri}, {@code ~lang} shortcuts, prefixed names, templates. */
    private TermMap termFromString(String text, TermType defaultType, Yaml at) {
        TermType type = defaultType;
        String t = text;
        if (t.endsWith("~iri")) {
            type = TermType.IRI;
            t = t.substring(0, t.length() - 4);
        } else if (t.endsWith("~blank")) {
            type = TermType.BLANK_NODE;
            t = t.substring(0, t.length() - 6);
        }
        Expr expr = YarrrmlTemplates.parse(t, at.where());
        if (type == TermType.LITERAL && expr instanceof Expr.Constant c && prefixes.isPrefixedName(c.value())) {
            // YARRRML reads a bare prefixed name as an IRI: [a, skos:Concept]
            type = TermType.IRI;
        }
        if (type == TermType.IRI) {
            expr = expandExpr(expr, at);
        }
        return new TermMap(expr, type, null, null, at.where());
    }

    private Expr expandExpr(Expr expr, Yaml at) {
        if (expr instanceof Expr.Constant c) {
            return new Expr.Constant(expand(c.value(), at));
        }
        if (expr instanceof Expr.Template tp && tp.parts().get(0).text() != null) {
            List<Expr.Part> parts = new ArrayList<>(tp.parts());
            parts.set(0, Expr.Part.text(expand(parts.get(0).text(), at)));
            return new Expr.Template(parts);
        }
        return expr;
    }

    /** Expands a prefixed name (see {@link Prefixes#expand}). */
    String expand(String text, Yaml at) {
        return prefixes.expand(text, at);
    }

    private Expr.Call functionCall(Yaml y) {
        Map<String, Yaml> m = y.map();
        Yaml fn = Yaml.first(m, "function", "fn", "f");
        if (fn == null) {
            throw new MappingException(y.where(), "needs a 'function'");
        }
        String name = fn.text();
        String iri = name.equals("equal") ? "equal" : expand(name, fn);
        List<Expr.Arg> args = new ArrayList<>();
        Yaml params = Yaml.first(m, "parameters", "pms");
        if (params != null) {
            for (Yaml p : params.list()) {
                String pname;
                Yaml pvalue;
                if (p.isList()) {
                    List<Yaml> pair = p.list();
                    if (pair.size() != 2) {
                        throw new MappingException(p.where(), "a parameter is [name, value]");
                    }
                    pname = pair.get(0).text();
                    pvalue = pair.get(1);
                } else {
                    Map<String, Yaml> pm = p.map();
                    Yaml n = Yaml.first(pm, "parameter", "p");
                    pvalue = Yaml.first(pm, "value", "v");
                    if (n == null || pvalue == null) {
                        throw new MappingException(p.where(), "a parameter needs 'parameter' and 'value'");
                    }
                    pname = n.text();
                }
                Expr value = pvalue.isMap() ? functionCall(pvalue) : YarrrmlTemplates.parse(pvalue.text(), pvalue.where());
                args.add(new Expr.Arg(localName(pname), value));
            }
        }
        if (!iri.equals("equal")) {
            checkFunction(iri, args, fn);
        }
        return new Expr.Call(iri, args);
    }

    private static String localName(String name) {
        int i = Math.max(name.lastIndexOf(':'), Math.max(name.lastIndexOf('#'), name.lastIndexOf('/')));
        return name.substring(i + 1);
    }

    private static void checkFunction(String iri, List<Expr.Arg> args, Yaml at) {
        Functions.Def def = Functions.byIri(iri);
        if (def == null) {
            throw new MappingException(at.where(), "unknown function '" + iri + "'" + Suggest.didYouMean(iri,
                    Functions.iris()) + " (known: " + Functions.iris() + ")");
        }
        Set<String> given = new java.util.HashSet<>();
        for (Expr.Arg a : args) {
            if (!def.accepted().contains(a.parameter())) {
                throw new MappingException(at.where(), "function '" + def.name() + "' has no parameter '"
                        + a.parameter() + "'" + Suggest.didYouMean(a.parameter(), def.accepted())
                        + " (parameters: " + def.required() + " " + def.optional() + ")");
            }
            given.add(a.parameter());
        }
        for (String r : def.required()) {
            if (!given.contains(r)) {
                throw new MappingException(at.where(), "function '" + def.name() + "' needs parameter '" + r + "'");
            }
        }
    }
}
