package kz.ashyq.mapping.rml;

import java.util.ArrayList;
import java.util.List;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

/**
 * Reads RML terms whichever namespace a mapping uses: the W3C KG-Construct RML
 * ({@code http://w3id.org/rml/}) or the older RML ({@code http://semweb.mmlab.be/ns/rml#}) with
 * R2RML ({@code http://www.w3.org/ns/r2rml#}). Their terms share local names, so a property is
 * looked up by local name in all three.
 */
final class RmlTerms {

    static final String RML = "http://w3id.org/rml/";
    static final String RML_LEGACY = "http://semweb.mmlab.be/ns/rml#";
    static final String RR = "http://www.w3.org/ns/r2rml#";
    static final String QL = "http://semweb.mmlab.be/ns/ql#";
    static final String FNML = "http://semweb.mmlab.be/ns/fnml#";
    static final String FNO = "https://w3id.org/function/ontology#";
    static final String FNO_OLD = "http://w3id.org/function/ontology#";
    static final String CSVW = "http://www.w3.org/ns/csvw#";
    private static final String[] NAMESPACES = {RML, RR, RML_LEGACY, FNML, CSVW};

    private final Graph g;

    RmlTerms(Graph g) {
        this.g = g;
    }

    Graph graph() {
        return g;
    }

    /** Every object of a property of that local name, in any RML namespace. */
    List<Node> all(Node s, String local) {
        List<Node> out = new ArrayList<>();
        for (String ns : NAMESPACES) {
            for (Triple t : g.find(s, NodeFactory.createURI(ns + local), Node.ANY).toList()) {
                if (!out.contains(t.getObject())) {
                    out.add(t.getObject());
                }
            }
        }
        return out;
    }

    /** The one object of a property, or null; more than one is a mapping error. */
    Node one(Node s, String local, Location where) {
        List<Node> all = all(s, local);
        if (all.size() > 1) {
            throw new MappingException(where, "more than one " + local + " on " + describe(s));
        }
        return all.isEmpty() ? null : all.get(0);
    }

    /** The lexical form of a literal object, or null. */
    String text(Node s, String local, Location where) {
        Node n = one(s, local, where);
        if (n == null) {
            return null;
        }
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : null;
    }

    /** Whether an IRI is a term of that local name in any RML namespace (or QL's). */
    static boolean is(Node n, String local) {
        if (n == null || !n.isURI()) {
            return false;
        }
        String u = n.getURI();
        return u.equals(RML + local) || u.equals(RR + local) || u.equals(RML_LEGACY + local) || u.equals(QL + local)
                || u.equals(CSVW + local);
    }

    static String describe(Node n) {
        return n.isURI() ? "<" + n.getURI() + ">" : n.isBlank() ? "a blank node" : n.toString();
    }
}
