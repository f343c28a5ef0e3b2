package kz.ashyq.mapping.rml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.PredicateObjectMap;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TermType;
import kz.ashyq.mapping.TriplesMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads RML in Turtle, in the W3C KG-Construct namespace ({@code http://w3id.org/rml/}: Core,
 * IO for CSV and JSON sources, FNML) or the older one ({@code http://semweb.mmlab.be/ns/rml#}
 * with R2RML terms), into the same mapping model as YARRRML. CSV dialects are read from CSVW
 * terms on the source ({@code csvw:dialect}) and RML-IO's {@code rml:null} and
 * {@code rml:encoding}.
 */
public final class RmlReader {

    private static final Pattern RIOT_LINE = Pattern.compile("\\[line: (\\d+), col: (\\d+)\\s*\\]\\s*(.*)", Pattern.DOTALL);

    private final Path file;
    private final String text;
    private final RmlTerms t;
    private final Map<Node, String> names = new LinkedHashMap<>();

    private RmlReader(Path file, String text, Graph g) {
        this.file = file;
        this.text = text;
        this.t = new RmlTerms(g);
    }

    /** Reads an RML Turtle file; any problem is a {@link MappingException} naming its line. */
    public static Mapping read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(abs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(new Location(abs, 0), "cannot read mapping: " + e.getMessage());
        }
        Graph g = GraphFactory.createDefaultGraph();
        String[] base = new String[1];
        try {
            RDFParser.fromString(text, Lang.TURTLE).base(abs.toUri().toString()).parse(
                    new StreamRDFWrapper(StreamRDFLib.graph(g)) {
                        @Override
                        public void base(String b) {
                            base[0] = b;
                        }
                    });
        } catch (RiotException e) {
            Matcher m = RIOT_LINE.matcher(e.getMessage() == null ? "" : e.getMessage());
            int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
            throw new MappingException(new Location(abs, line), "not valid Turtle: " + (m.matches() ? m.group(3) : e.getMessage()));
        }
        try {
            return new RmlReader(abs, text, g).read(Optional.ofNullable(base[0]));
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MappingException(new Location(abs, 0), "not a mapping Ashyq can read: " + e.getMessage(), e);
        }
    }

    private Mapping read(Optional<String> base) {
        List<Node> maps = triplesMaps();
        if (maps.isEmpty()) {
            throw new MappingException(new Location(file, 0), "no triples map (a subject with a logicalSource)");
        }
        for (Node tm : maps) {
            names.put(tm, name(tm));
        }
        Map<String, TriplesMap> out = new LinkedHashMap<>();
        for (Node tm : maps) {
            out.put(names.get(tm), triplesMap(tm));
        }
        return new Mapping(file, Optional.empty(), out, base);
    }

    private List<Node> triplesMaps() {
        Set<Node> found = new HashSet<>();
        List<Node> out = new ArrayList<>();
        for (String ns : new String[] {RmlTerms.RML, RmlTerms.RR}) {
            for (Triple tr : t.graph().find(Node.ANY, RDF.Nodes.type, org.apache.jena.graph.NodeFactory.createURI(ns + "TriplesMap")).toList()) {
                if (found.add(tr.getSubject())) {
                    out.add(tr.getSubject());
                }
            }
        }
        for (String ns : new String[] {RmlTerms.RML, RmlTerms.RML_LEGACY}) {
            for (Triple tr : t.graph().find(Node.ANY, org.apache.jena.graph.NodeFactory.createURI(ns + "logicalSource"), Node.ANY).toList()) {
                // a function value's inner map also has a logical source in old FNML: not a triples map
                boolean inner = t.graph().contains(Node.ANY, org.apache.jena.graph.NodeFactory.createURI(RmlTerms.FNML + "functionValue"), tr.getSubject());
                if (!inner && found.add(tr.getSubject())) {
                    out.add(tr.getSubject());
                }
            }
        }
        out.sort((a, b) -> Integer.compare(lineOf(a), lineOf(b)));
        return out;
    }

    private String name(Node tm) {
        if (tm.isURI()) {
            String u = tm.getURI();
            int i = Math.max(u.lastIndexOf('#'), u.lastIndexOf('/'));
            return i >= 0 && i < u.length() - 1 ? u.substring(i + 1) : u;
        }
        return "_:" + tm.getBlankNodeLabel();
    }

    /** The first line that names a node (its local name), for error messages. */
    private int lineOf(Node n) {
        if (!n.isURI()) {
            return Integer.MAX_VALUE;
        }
        String local = name(n);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.contains("<" + local + ">") || l.contains("#" + local + ">") || l.contains(":" + local)
                    || l.contains("/" + local + ">")) {
                return i + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    private Location at(Node tm) {
        int line = lineOf(tm);
        return new Location(file, line == Integer.MAX_VALUE ? 0 : line);
    }

    private TriplesMap triplesMap(Node tm) {
        Location where = at(tm);
        String name = names.get(tm);
        Node ls = t.one(tm, "logicalSource", where);
        if (ls == null) {
            throw new MappingException(where, "triples map " + name + " has no logicalSource");
        }
        LogicalSource source = RmlSources.read(t, ls, file, where);
        List<Node> subjectMaps = new ArrayList<>(t.all(tm, "subjectMap"));
        List<Node> subjectConstants = t.all(tm, "subject");
        if (subjectMaps.size() + subjectConstants.size() == 0) {
            throw new MappingException(where, "triples map " + name + " has no subject map");
        }
        if (subjectMaps.size() + subjectConstants.size() > 1) {
            throw new MappingException(where, "triples map " + name + " has more than one subject map");
        }
        TermMap subject;
        List<String> classes = new ArrayList<>();
        List<TermMap> graphs = new ArrayList<>();
        if (!subjectConstants.isEmpty()) {
            subject = constant(subjectConstants.get(0), where);
        } else {
            Node sm = subjectMaps.get(0);
            subject = RmlTermMaps.termMap(t, sm, TermType.IRI, where);
            for (Node c : t.all(sm, "class")) {
                classes.add(c.getURI());
            }
            graphs.addAll(graphMaps(sm, where));
        }
        if (subject.type() == TermType.LITERAL) {
            throw new MappingException(where, "the subject map of " + name + " makes literals; subjects are IRIs or blank nodes");
        }
        List<PredicateObjectMap> poms = new ArrayList<>();
        for (Node pom : t.all(tm, "predicateObjectMap")) {
            PredicateObjectMap p = predicateObjectMap(pom, graphs, where);
            if (!allImpossible(p.graphs())) {
                poms.add(p);
            }
        }
        if (allImpossible(graphs)) {
            classes.clear();
        }
        return new TriplesMap(name, source, subject, classes, graphs, poms, where);
    }

    private List<TermMap> graphMaps(Node owner, Location where) {
        List<TermMap> out = new ArrayList<>();
        for (Node g : t.all(owner, "graph")) {
            // rr:graph [ ... ] is written for a graph map now and then: read it as one
            out.add(g.isBlank() ? graphMap(g, where) : graphConstant(g, where));
        }
        for (Node gm : t.all(owner, "graphMap")) {
            TermMap m = graphMap(gm, where);
            if (m.expr() instanceof Expr.Constant c && RmlTerms.is(org.apache.jena.graph.NodeFactory.createURI(c.value()), "defaultGraph")) {
                m = new TermMap(new Expr.Constant(Quad.defaultGraphIRI.getURI()), TermType.IRI, null, null, where);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * A graph map. One that makes literals can name no graph: every triple it governs is dropped
     * and its references are never read, as the RML test suite expects.
     */
    private TermMap graphMap(Node gm, Location where) {
        if (RmlTerms.is(t.one(gm, "termType", where), "Literal")) {
            return new TermMap(new Expr.Constant("not a graph"), TermType.LITERAL, null, null, where);
        }
        return RmlTermMaps.termMap(t, gm, TermType.IRI, where);
    }

    /** Whether graph maps exist and none can name a graph: their triples are never made. */
    private static boolean allImpossible(List<TermMap> graphs) {
        return !graphs.isEmpty() && graphs.stream().allMatch(g -> g.type() == TermType.LITERAL);
    }

    private TermMap graphConstant(Node g, Location where) {
        String iri = RmlTerms.is(g, "defaultGraph") ? Quad.defaultGraphIRI.getURI() : g.getURI();
        return TermMap.iri(iri, where);
    }

    private PredicateObjectMap predicateObjectMap(Node pom, List<TermMap> subjectGraphs, Location where) {
        List<TermMap> predicates = new ArrayList<>();
        for (Node p : t.all(pom, "predicate")) {
            predicates.add(constant(p, where));
        }
        for (Node pm : t.all(pom, "predicateMap")) {
            predicates.add(RmlTermMaps.termMap(t, pm, TermType.IRI, where));
        }
        List<ObjectMap> objects = new ArrayList<>();
        for (Node o : t.all(pom, "object")) {
            objects.add(new ObjectMap.Term(constant(o, where)));
        }
        for (Node om : t.all(pom, "objectMap")) {
            Node parent = t.one(om, "parentTriplesMap", where);
            if (parent != null) {
                objects.add(referencing(om, parent, where));
            } else {
                objects.add(new ObjectMap.Term(RmlTermMaps.termMap(t, om, TermType.LITERAL, where)));
            }
        }
        if (predicates.isEmpty() || objects.isEmpty()) {
            throw new MappingException(where, "a predicate-object map needs a predicate and an object");
        }
        List<TermMap> graphs = new ArrayList<>(subjectGraphs);
        graphs.addAll(graphMaps(pom, where));
        return new PredicateObjectMap(predicates, objects, graphs);
    }

    private ObjectMap referencing(Node om, Node parent, Location where) {
        String parentName = names.get(parent);
        if (parentName == null) {
            throw new MappingException(where, "parentTriplesMap " + RmlTerms.describe(parent) + " is not a triples map");
        }
        List<ObjectMap.Join> joins = new ArrayList<>();
        for (Node jc : t.all(om, "joinCondition")) {
            Expr child = joinSide(jc, "child", where);
            Expr par = joinSide(jc, "parent", where);
            joins.add(new ObjectMap.Join(child, par));
        }
        return new ObjectMap.Ref(parentName, joins, where);
    }

    /** One side of a join condition: a reference ({@code rml:child "x"}) or an expression map ({@code rml:childMap}). */
    private Expr joinSide(Node jc, String side, Location where) {
        String ref = t.text(jc, side, where);
        if (ref != null) {
            return new Expr.Column(ref);
        }
        Node m = t.one(jc, side + "Map", where);
        if (m == null) {
            throw new MappingException(where, "a join condition needs a " + side);
        }
        return RmlTermMaps.termMap(t, m, TermType.LITERAL, where).expr();
    }

    /** A constant shortcut ({@code rr:predicate}, {@code rr:object}, ...): an IRI or a literal. */
    static TermMap constant(Node n, Location where) {
        if (n.isURI()) {
            return TermMap.iri(n.getURI(), where);
        }
        if (n.isLiteral()) {
            String lang = n.getLiteralLanguage();
            String dt = lang.isEmpty() && !n.getLiteralDatatypeURI().endsWith("#string") ? n.getLiteralDatatypeURI() : null;
            return new TermMap(new Expr.Constant(n.getLiteralLexicalForm()), TermType.LITERAL, dt,
                    lang.isEmpty() ? null : new Expr.Constant(lang), where);
        }
        throw new MappingException(where, "a constant must be an IRI or a literal");
    }
}
