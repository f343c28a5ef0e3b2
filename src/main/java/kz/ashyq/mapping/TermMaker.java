package kz.ashyq.mapping;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/** Makes one RDF term per row from a compiled term map; null when a referenced cell is empty. */
final class TermMaker {

    private final TermType type;
    private final Compiler.Eval value;
    private final Compiler.Eval language;
    private final RDFDatatype datatype;
    private final String column;
    private final String base;
    private final Node constant;
    /** For a plain reference to a typed source (JSON), the cell whose type the literal keeps. */
    private final int natural;

    TermMaker(TermMap tm, Compiler compiler, String base) {
        this.type = tm.type();
        boolean template = tm.expr() instanceof Expr.Template;
        this.value = compiler.compile(tm.expr(), type == TermType.IRI && template, tm.where());
        this.language = tm.language() == null ? null : compiler.compile(tm.language(), false, tm.where());
        this.datatype = tm.datatype() == null ? null : TypeMapper.getInstance().getSafeTypeByName(tm.datatype());
        this.column = Compiler.firstColumn(tm.expr());
        this.base = base;
        this.constant = tm.expr() instanceof Expr.Constant c && language == null ? constantNode(c.value(), tm) : null;
        this.natural = type == TermType.LITERAL && datatype == null && language == null
                && tm.expr() instanceof Expr.Column col ? compiler.column(col.name(), tm.where()) : -1;
    }

    private Node constantNode(String v, TermMap tm) {
        try {
            return make(v, null);
        } catch (CellProblem e) {
            throw new MappingException(tm.where(), e.getMessage());
        }
    }

    /** The term for a row, or null when the row has no value for it. */
    Node make(RowSource.Row row) {
        if (constant != null) {
            return constant;
        }
        String[] cells = row.cells();
        String v = value.apply(cells);
        if (v == null) {
            return null;
        }
        if (natural >= 0 && row.types() != null && row.types()[natural] != null) {
            return NodeFactory.createLiteralDT(v, TypeMapper.getInstance().getSafeTypeByName(row.types()[natural]));
        }
        return make(v, language == null ? null : language.apply(cells));
    }

    private Node make(String v, String lang) {
        switch (type) {
            case IRI:
                return NodeFactory.createURI(iri(v));
            case BLANK_NODE:
                return NodeFactory.createBlankNode(v);
            default:
                if (lang != null) {
                    if (!LanguageTags.isValid(lang)) {
                        throw new CellProblem(column, "'" + lang + "' is not a language tag");
                    }
                    return NodeFactory.createLiteralLang(v, lang);
                }
                if (datatype != null) {
                    if (!datatype.isValid(v)) {
                        throw new CellProblem(column, "'" + v + "' is not a valid " + shortName(datatype.getURI()));
                    }
                    return NodeFactory.createLiteralDT(v, datatype);
                }
                return NodeFactory.createLiteralString(v);
        }
    }

    private String iri(String v) {
        String iri = isAbsolute(v) ? v : base + v;
        try {
            IRIx parsed = IRIx.create(iri);
            if (parsed.isRelative()) {
                throw new CellProblem(column, "'" + iri + "' is not an absolute IRI", false);
            }
        } catch (IRIException e) {
            throw new CellProblem(column, "'" + iri + "' is not a valid IRI: " + e.getMessage(), false);
        }
        return iri;
    }

    private static boolean isAbsolute(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = v.charAt(i);
            boolean ok = Character.isLetter(c) && c < 128 || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String shortName(String iri) {
        return iri.startsWith("http://www.w3.org/2001/XMLSchema#") ? "xsd:" + iri.substring(33) : "<" + iri + ">";
    }
}
