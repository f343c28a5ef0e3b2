package kz.ashyq.mapping.rml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.PredicateObjectMap;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TermType;
import kz.ashyq.mapping.TriplesMap;
import kz.ashyq.mapping.functions.Functions;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Writes the mapping model as RML Turtle in the W3C KG-Construct namespace: what
 * {@code ashyq map --explain} prints, so a YARRRML author can see what a mapping means. The
 * output reads back with {@link RmlReader} into the same model (file paths relative to the
 * mapping's folder).
 */
public final class RmlWriter {

    private static final String RML = RmlTerms.RML;
    private static final String CSVW = RmlTerms.CSVW;

    private final Graph g = GraphFactory.createDefaultGraph();
    private final Mapping mapping;
    private final Path dir;
    private final String ns;

    private RmlWriter(Mapping mapping) {
        this.mapping = mapping;
        this.dir = mapping.file().toAbsolutePath().getParent();
        this.ns = "urn:ashyq:mapping:" + mapping.datasetId() + "#";
    }

    /** The mapping as RML Turtle. */
    public static String write(Mapping mapping) {
        RmlWriter w = new RmlWriter(mapping);
        mapping.triplesMaps().values().forEach(w::triplesMap);
        w.g.getPrefixMapping().setNsPrefix("rml", RML).setNsPrefix("csvw", CSVW)
                .setNsPrefix("ashyqfn", Functions.NS).setNsPrefix("map", w.ns)
                .setNsPrefix("xsd", XSDDatatype.XSD + "#").setNsPrefix("rdf", RDF.getURI());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, w.g, RDFFormat.TURTLE_PRETTY);
        String header = "# " + mapping.file().getFileName() + " as RML (http://w3id.org/rml/), written by ashyq map --explain\n";
        return header + out.toString(StandardCharsets.UTF_8);
    }

    private Node rml(String local) {
        return NodeFactory.createURI(RML + local);
    }

    private Node map(String name) {
        return NodeFactory.createURI(ns + name);
    }

    private Node blank() {
        return NodeFactory.createBlankNode();
    }

    private Node lit(String s) {
        return NodeFactory.createLiteralString(s);
    }

    private void add(Node s, Node p, Node o) {
        g.add(s, p, o);
    }

    private void triplesMap(TriplesMap tm) {
        Node m = map(tm.name());
        add(m, RDF.Nodes.type, rml("TriplesMap"));
        add(m, rml("logicalSource"), source(tm.source()));
        Node sm = termMap(tm.subject());
        tm.classes().forEach(c -> add(sm, rml("class"), NodeFactory.createURI(c)));
        tm.subjectGraphs().forEach(gm -> add(sm, rml("graphMap"), termMap(gm)));
        add(m, rml("subjectMap"), sm);
        for (PredicateObjectMap pom : tm.predicateObjects()) {
            Node p = blank();
            add(m, rml("predicateObjectMap"), p);
            pom.predicates().forEach(pm -> add(p, rml("predicateMap"), termMap(pm)));
            for (ObjectMap om : pom.objects()) {
                add(p, rml("objectMap"), om instanceof ObjectMap.Term t ? termMap(t.term()) : ref((ObjectMap.Ref) om));
            }
            pom.graphs().stream().filter(gm -> !tm.subjectGraphs().contains(gm))
                    .forEach(gm -> add(p, rml("graphMap"), termMap(gm)));
        }
    }

    private Node source(LogicalSource s) {
        Node ls = blank();
        add(ls, RDF.Nodes.type, rml("LogicalSource"));
        Node src = blank();
        add(ls, rml("source"), src);
        add(src, RDF.Nodes.type, rml("RelativePathSource"));
        add(src, rml("root"), rml("MappingDirectory"));
        add(src, rml("path"), lit(dir.relativize(s.file().toAbsolutePath()).toString()));
        boolean json = s.format() == LogicalSource.Format.JSON;
        add(ls, rml("referenceFormulation"), s.format() == LogicalSource.Format.PORTAL
                ? NodeFactory.createURI(RmlSources.EGOV_EXPORT) : rml(json ? "JSONPath" : "CSV"));
        if (s.iterator() != null) {
            add(ls, rml("iterator"), lit(s.iterator()));
        }
        if (!json) {
            CsvDialect d = s.dialect();
            d.nullValues().stream().sorted().forEach(n -> add(src, rml("null"), lit(n)));
            Node dialect = blank();
            add(src, NodeFactory.createURI(CSVW + "dialect"), dialect);
            if (d.encoding() != null) {
                add(dialect, NodeFactory.createURI(CSVW + "encoding"), lit(d.encoding()));
            }
            add(dialect, NodeFactory.createURI(CSVW + "delimiter"), lit(d.delimiter() == '\t' ? "\\t" : String.valueOf(d.delimiter())));
            add(dialect, NodeFactory.createURI(CSVW + "quoteChar"), lit(String.valueOf(d.quote())));
            add(dialect, NodeFactory.createURI(CSVW + "doubleQuote"), bool(d.escape() == null));
            add(dialect, NodeFactory.createURI(CSVW + "header"), bool(d.header()));
            add(dialect, NodeFactory.createURI(CSVW + "skipRows"),
                    NodeFactory.createLiteralDT(Integer.toString(d.skipRows()), XSDDatatype.XSDinteger));
            add(dialect, NodeFactory.createURI(CSVW + "trim"), bool(d.trim()));
        }
        return ls;
    }

    private static Node bool(boolean b) {
        return NodeFactory.createLiteralDT(Boolean.toString(b), XSDDatatype.XSDboolean);
    }

    private Node termMap(TermMap tm) {
        Node n = blank();
        expr(n, tm.expr(), tm.type());
        add(n, rml("termType"), rml(switch (tm.type()) {
            case IRI -> "IRI";
            case BLANK_NODE -> "BlankNode";
            case LITERAL -> "Literal";
        }));
        if (tm.datatype() != null) {
            add(n, rml("datatype"), NodeFactory.createURI(tm.datatype()));
        }
        if (tm.language() instanceof Expr.Constant c) {
            add(n, rml("language"), lit(c.value()));
        } else if (tm.language() != null) {
            Node lm = blank();
            expr(lm, tm.language(), TermType.LITERAL);
            add(n, rml("languageMap"), lm);
        }
        return n;
    }

    /** Writes an expression onto a term map (or expression map) node. */
    private void expr(Node n, Expr e, TermType type) {
        if (e instanceof Expr.Constant c) {
            add(n, rml("constant"), type == TermType.IRI && c.value().contains(":") ? NodeFactory.createURI(c.value()) : lit(c.value()));
        } else if (e instanceof Expr.Column col) {
            add(n, rml("reference"), lit(col.name()));
        } else if (e instanceof Expr.Template t) {
            add(n, rml("template"), lit(t.parts().stream().map(p -> p.column() != null
                    ? "{" + escape(p.column().name()) + "}" : escape(p.text())).collect(Collectors.joining())));
        } else {
            Expr.Call call = (Expr.Call) e;
            Node exec = blank();
            add(n, rml("functionExecution"), exec);
            add(exec, rml("function"), NodeFactory.createURI(call.function()));
            for (Expr.Arg a : call.args()) {
                Node input = blank();
                add(exec, rml("input"), input);
                add(input, RDF.Nodes.type, rml("Input"));
                add(input, rml("parameter"), NodeFactory.createURI(Functions.NS + a.parameter()));
                Node value = blank();
                expr(value, a.value(), TermType.LITERAL);
                add(input, rml("inputValueMap"), value);
            }
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}");
    }

    private Node ref(ObjectMap.Ref r) {
        Node n = blank();
        add(n, rml("parentTriplesMap"), map(r.parentMap()));
        for (ObjectMap.Join j : r.joins()) {
            Node jc = blank();
            add(n, rml("joinCondition"), jc);
            joinSide(jc, "child", j.child());
            joinSide(jc, "parent", j.parent());
        }
        return n;
    }

    private void joinSide(Node jc, String side, Expr e) {
        if (e instanceof Expr.Column c) {
            add(jc, rml(side), lit(c.name()));
        } else {
            Node m = blank();
            expr(m, e, TermType.LITERAL);
            add(jc, rml(side + "Map"), m);
        }
    }
}
