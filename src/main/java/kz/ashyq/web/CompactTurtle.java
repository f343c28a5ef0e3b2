package kz.ashyq.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.atlas.io.StringWriterI;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFormatter;
import org.apache.jena.riot.out.NodeFormatterTTL;
import org.apache.jena.riot.out.NodeToLabel;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Turtle for a thing's document, written straight from its triples: subjects in the order given,
 * predicates grouped under each, nodes formatted (escaped, abbreviated) by Jena's own Turtle node
 * formatter, and only the prefixes that are used declared. Jena's pretty-printer looks at the whole
 * graph for lists and nested blank nodes first; a document has none worth finding, and that
 * analysis was a third of the time of answering one.
 */
final class CompactTurtle {

    private static final String XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

    private CompactTurtle() {}

    /** The triples as Turtle, with the prefixes of {@code prefixes} (prefix to namespace) they use. */
    static byte[] write(Collection<Triple> triples, Map<String, String> prefixes) {
        Map<String, String> byNamespace = new java.util.HashMap<>();
        prefixes.forEach((prefix, ns) -> byNamespace.put(ns, prefix));
        Map<String, String> used = new TreeMap<>();
        Map<Node, Map<Node, List<Node>>> bySubject = new LinkedHashMap<>();
        for (Triple t : triples) {
            bySubject.computeIfAbsent(t.getSubject(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
            use(t.getSubject(), byNamespace, used);
            if (!t.getPredicate().equals(RDF.Nodes.type)) {
                use(t.getPredicate(), byNamespace, used);
            }
            use(t.getObject(), byNamespace, used);
        }
        PrefixMap map = PrefixMapFactory.create(used);
        NodeFormatter nodes = new NodeFormatterTTL(null, map, NodeToLabel.createScopeByDocument());
        StringWriterI out = new StringWriterI(); // not an IndentedWriter: its per-line bookkeeping was half the cost
        used.forEach((prefix, ns) -> out.print("@prefix " + prefix + ": <" + ns + "> .\n"));
        for (Map.Entry<Node, Map<Node, List<Node>>> s : bySubject.entrySet()) {
            out.print("\n");
            nodes.format(out, s.getKey());
            String sep = " ";
            for (Map.Entry<Node, List<Node>> p : s.getValue().entrySet()) {
                out.print(sep);
                if (p.getKey().equals(RDF.Nodes.type)) {
                    out.print("a");
                } else {
                    nodes.format(out, p.getKey());
                }
                String comma = " ";
                for (Node o : p.getValue()) {
                    out.print(comma);
                    nodes.format(out, o);
                    comma = " , ";
                }
                sep = " ;\n    ";
            }
            out.print(" .\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Records the prefix of a node's IRI (or of its datatype) when one of ours covers it. */
    private static void use(Node n, Map<String, String> byNamespace, Map<String, String> used) {
        // a plain string and a language-tagged one are written without their datatype
        String iri = n.isURI() ? n.getURI()
                : n.isLiteral() && n.getLiteralLanguage().isEmpty() ? n.getLiteralDatatypeURI() : null;
        if (iri == null || iri.equals(XSD_STRING)) {
            return;
        }
        String ns = iri.substring(0, Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
        String prefix = byNamespace.get(ns);
        if (prefix != null) {
            used.put(prefix, ns);
        }
    }
}
