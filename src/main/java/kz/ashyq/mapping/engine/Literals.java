package kz.ashyq.mapping.engine;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.impl.LiteralLabelFactory;

/**
 * Literal terms made once per cell. Jena's factory formats a language tag on every call and
 * parses a literal's lexical form into its value as it builds the node, even a plain string's;
 * checking a typed form first, as the engine must, parsed it twice. Here a tag is formatted once
 * per term map, and an {@code xsd:integer} in plain digits and a plain string get their values
 * without the XML Schema parser. The nodes are equal, value and hash included, to the ones
 * {@link NodeFactory} makes ({@code LiteralsTest}).
 */
final class Literals {

    /** Digits a {@code long} always holds. */
    private static final int LONG_DIGITS = 18;

    private Literals() {}

    /** A tag in the case Jena writes it ({@code en-US}), to give {@link #lang} once per term map. */
    static String formatTag(String tag) {
        return NodeFactory.createLiteralLang("", tag).getLiteralLanguage();
    }

    /** A plain string literal, whose value is its lexical form. */
    static Node string(String lexical) {
        return NodeFactory.createLiteral(LiteralLabelFactory.createIncludingValue(lexical, lexical, XSDDatatype.XSDstring));
    }

    /** A language-tagged literal; the tag is checked and formatted by {@link #formatTag}. */
    static Node lang(String lexical, String formattedTag) {
        return NodeFactory.createLiteral(LiteralLabelFactory.createLang(lexical, formattedTag));
    }

    /** A typed literal, or null when the lexical form is not one of the datatype. */
    static Node typed(String lexical, RDFDatatype datatype) {
        if (datatype == XSDDatatype.XSDinteger) {
            Object value = plainInteger(lexical);
            if (value != null) {
                return NodeFactory.createLiteral(LiteralLabelFactory.createIncludingValue(lexical, value, datatype));
            }
        }
        Node n = NodeFactory.createLiteralDT(lexical, datatype);
        return n.getLiteral().isWellFormed() ? n : null;
    }

    /** Whether a lexical form is an {@code xsd:integer} that {@link #plainInteger} reads. */
    static boolean isPlainInteger(String s) {
        int n = s.length();
        int start = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (n == start || n - start > LONG_DIGITS) {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of an integer written as an optional sign and at most 18 digits, as Jena gives it
     * (an {@code Integer} when it fits, else a {@code Long}); null for any other form, which the
     * datatype then parses.
     */
    static Object plainInteger(String s) {
        int n = s.length();
        int start = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (n == start || n - start > LONG_DIGITS) {
            return null;
        }
        long v = 0;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        if (s.charAt(0) == '-') {
            v = -v;
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return Integer.valueOf((int) v);
        }
        return Long.valueOf(v);
    }
}
