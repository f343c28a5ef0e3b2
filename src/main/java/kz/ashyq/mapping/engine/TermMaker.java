package kz.ashyq.mapping.engine;

import java.util.List;
import kz.ashyq.mapping.CellProblem;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.LanguageTags;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TermType;
import kz.ashyq.mapping.ntriples.NTriplesEncoder;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
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
    /** A constant language tag, checked and formatted once rather than per row. */
    private final String fixedLanguage;
    /**
     * An IRI template whose fixed text is a valid IRI prefix: its values are percent-encoded into
     * IRI-safe characters, so the result is valid without parsing it for every row.
     */
    private final boolean trustedIri;
    /**
     * The last terms made, by value: government tables repeat values (regions, types, codes), and
     * a term found here costs neither a parse of its datatype nor one of its language tag.
     */
    private final String[] recentValues = new String[RECENT];
    private final Node[] recentTerms = new Node[RECENT];
    /** The recent terms' N-Triples bytes, when the engine encodes rows ({@link #encode}). */
    private final byte[][] recentBytes = new byte[RECENT][];
    private static final int RECENT = 256;
    /**
     * Misses after which the recent terms are kept only if they were found often enough: a column
     * of names or identifiers never repeats, and hashing each long value costs more than it saves.
     * The trial is short on purpose: it ends while the JIT is still profiling, so both branches are
     * compiled; a later switch would throw the optimised code away and compile it again.
     */
    private static final int TRIAL = 256;
    private int misses;
    private int hits;
    private boolean recentOn = true;
    /**
     * For an IRI template over one column, that column: the recent terms are then found by the
     * cell, so a repeated code (a region's KATO code) costs neither filling the template again nor
     * hashing the longer IRI. -1 for any other term map.
     */
    private final int keyColumn;
    /** The constant term's N-Triples bytes. */
    private final byte[] constantBytes;
    /** A trusted IRI template as {@link #encode} writes it, without its string; null when it cannot be. */
    private final IriTemplateBytes iriBytes;
    /** What follows a literal's lexical form in N-Triples: its closing quote, then its tag or datatype. */
    private final byte[] literalTail;

    TermMaker(TermMap tm, Compiler compiler, String base) {
        this.type = tm.type();
        boolean template = tm.expr() instanceof Expr.Template;
        this.value = compiler.compile(tm.expr(), type == TermType.IRI && template, tm.where());
        this.fixedLanguage = tm.language() instanceof Expr.Constant c ? checkedLanguage(c.value(), tm) : null;
        this.language = tm.language() == null || fixedLanguage != null ? null
                : compiler.compile(tm.language(), false, tm.where());
        this.datatype = tm.datatype() == null ? null : TypeMapper.getInstance().getSafeTypeByName(tm.datatype());
        this.column = Compiler.firstColumn(tm.expr());
        this.base = base;
        this.constant = tm.expr() instanceof Expr.Constant c && language == null ? constantNode(c.value(), tm) : null;
        this.trustedIri = type == TermType.IRI && template && validTemplate((Expr.Template) tm.expr());
        this.natural = type == TermType.LITERAL && datatype == null && language == null
                && tm.expr() instanceof Expr.Column col ? compiler.column(col.name(), tm.where()) : -1;
        this.keyColumn = trustedIri ? onlyColumn((Expr.Template) tm.expr(), compiler, tm) : -1;
        this.constantBytes = constant == null ? null : encoded(constant);
        this.iriBytes = trustedIri ? IriTemplateBytes.of((Expr.Template) tm.expr(), !isAbsolute(sample(tm.expr())), base,
                compiler, tm.where()) : null;
        // as encode(String, NTriplesEncoder) writes a literal without making a node
        this.literalTail = type == TermType.LITERAL && datatype == null ? NTriplesEncoder.literalTail(fixedLanguage, null)
                : datatype == XSDDatatype.XSDinteger ? NTriplesEncoder.literalTail(null, datatype.getURI()) : null;
    }

    private static byte[] encoded(Node n) {
        NTriplesEncoder e = new NTriplesEncoder(64);
        e.term(n);
        return e.copy(0);
    }

    /** The position of a template's one column, or -1 when it has none or several. */
    private static int onlyColumn(Expr.Template t, Compiler compiler, TermMap tm) {
        List<Expr.Part> columns = t.parts().stream().filter(p -> p.column() != null).toList();
        return columns.size() == 1 ? compiler.column(columns.get(0).column().name(), tm.where()) : -1;
    }

    private Node constantNode(String v, TermMap tm) {
        try {
            return make(v, fixedLanguage, true);
        } catch (CellProblem e) {
            throw new MappingException(tm.where(), e.getMessage());
        }
    }

    private static String checkedLanguage(String tag, TermMap tm) {
        if (!LanguageTags.isValid(tag)) {
            throw new MappingException(tm.where(), "'" + tag + "' is not a language tag");
        }
        return Literals.formatTag(tag);
    }

    /** Whether the template, with any IRI-safe value in its references, always makes a valid IRI. */
    private boolean validTemplate(Expr.Template t) {
        String sample = sample(t);
        String first = t.parts().get(0).text();
        // a reference before the scheme's colon could change what the scheme is
        boolean schemeFixed = first != null && (first.indexOf(':') > 0 || !isAbsolute(sample));
        try {
            return schemeFixed && !IRIx.create(resolve(sample)).isRelative();
        } catch (IRIException e) {
            return false;
        }
    }

    /** A template's text with an IRI-safe "x" for every reference. */
    private static String sample(Expr t) {
        StringBuilder sample = new StringBuilder();
        for (Expr.Part p : ((Expr.Template) t).parts()) {
            sample.append(p.column() == null ? p.text() : "x");
        }
        return sample.toString();
    }

    private String resolve(String v) {
        return isAbsolute(v) ? v : base + v;
    }

    /** The term for a row, or null when the row has no value for it. */
    Node make(RowSource.Row row) {
        if (constant != null) {
            return constant;
        }
        String[] cells = row.cells();
        if (keyColumn >= 0 && recentOn && keyColumn < cells.length && cells[keyColumn] != null) {
            return byCell(cells);
        }
        String v = value.apply(cells);
        if (v == null) {
            return null;
        }
        if (natural >= 0 && row.types() != null && row.types()[natural] != null) {
            return NodeFactory.createLiteralDT(v, TypeMapper.getInstance().getSafeTypeByName(row.types()[natural]));
        }
        if (language != null) {
            return make(v, language.apply(cells), false);
        }
        if (!recentOn || keyColumn >= 0) { // a one-column template's recent terms are kept by cell
            return trustedIri ? NodeFactory.createURI(resolve(v)) : make(v, fixedLanguage, true);
        }
        int slot = v.hashCode() & (RECENT - 1);
        Node known = recentTerms[slot];
        if (known != null && v.equals(recentValues[slot])) {
            hits++;
            return known;
        }
        Node n = trustedIri ? NodeFactory.createURI(resolve(v)) : make(v, fixedLanguage, true);
        remember(slot, v, n, null);
        return n;
    }

    /** The constant term's bytes with a space either side (a triple's predicate), or null when it is not constant. */
    byte[] spaced() {
        if (constantBytes == null) {
            return null;
        }
        byte[] b = new byte[constantBytes.length + 2];
        b[0] = ' ';
        System.arraycopy(constantBytes, 0, b, 1, constantBytes.length);
        b[b.length - 1] = ' ';
        return b;
    }

    /** The IRI of a one-column template, from the recent terms when its cell was seen lately. */
    private Node byCell(String[] cells) {
        String cell = cells[keyColumn];
        int slot = cell.hashCode() & (RECENT - 1);
        Node known = recentTerms[slot];
        if (known != null && cell.equals(recentValues[slot])) {
            hits++;
            return known;
        }
        String v = value.apply(cells);
        if (v == null) {
            return null;
        }
        Node n = NodeFactory.createURI(resolve(v));
        remember(slot, cell, n, null);
        return n;
    }

    /** Keeps a value's term, as a node or as bytes: a slot holds one of the two, for its key. */
    private void remember(int slot, String key, Node n, byte[] bytes) {
        recentValues[slot] = key;
        recentTerms[slot] = n;
        recentBytes[slot] = bytes;
        if (++misses == TRIAL) {
            recentOn = hits >= TRIAL / 8;
        }
    }

    /**
     * Writes the N-Triples form of the term for a row, as {@link NTriplesEncoder#term} writes the
     * node {@link #make(RowSource.Row)} makes, but without making it where that is plain: an IRI
     * from a template or a string or language-tagged literal is encoded from its value, and a
     * repeated value's bytes are copied. False, with nothing written, when the row has no value.
     */
    boolean encode(RowSource.Row row, NTriplesEncoder out) {
        if (constantBytes != null) {
            out.write(constantBytes);
            return true;
        }
        String[] cells = row.cells();
        if (keyColumn >= 0 && recentOn && keyColumn < cells.length && cells[keyColumn] != null) {
            return encodeByCell(cells, out);
        }
        if (natural >= 0 && row.types() != null || language != null) { // typed JSON, tags from a column
            Node n = make(row);
            if (n != null) {
                out.term(n);
            }
            return n != null;
        }
        if (iriBytes != null) {
            return iriBytes.write(cells, out);
        }
        String v = value.apply(cells);
        if (v == null) {
            return false;
        }
        if (!recentOn || keyColumn >= 0) {
            encode(v, out);
            return true;
        }
        int slot = v.hashCode() & (RECENT - 1);
        if (recalled(v, slot, out)) {
            return true;
        }
        int start = out.length();
        encode(v, out);
        remember(slot, v, null, out.copy(start));
        return true;
    }

    private boolean encodeByCell(String[] cells, NTriplesEncoder out) {
        String cell = cells[keyColumn];
        int slot = cell.hashCode() & (RECENT - 1);
        if (recalled(cell, slot, out)) {
            return true;
        }
        int start = out.length();
        if (iriBytes != null) {
            if (!iriBytes.write(cells, out)) {
                return false;
            }
        } else {
            String v = value.apply(cells);
            if (v == null) {
                return false;
            }
            out.iri(resolve(v), false);
        }
        remember(slot, cell, null, out.copy(start));
        return true;
    }

    /** Writes the bytes kept for a key, when its slot holds them: true if it did. */
    private boolean recalled(String key, int slot, NTriplesEncoder out) {
        byte[] known = recentBytes[slot];
        if (known != null && key.equals(recentValues[slot])) {
            hits++;
            out.write(known);
            return true;
        }
        return false;
    }

    /** Writes the term of a value; throws, with nothing written, when the value does not fit. */
    private void encode(String v, NTriplesEncoder out) {
        if (trustedIri) {
            out.iri(resolve(v), false);
        } else if (type == TermType.LITERAL && datatype == null) {
            out.literal(v, literalTail);
        } else if (datatype == XSDDatatype.XSDinteger && Literals.isPlainInteger(v)) {
            out.literal(v, literalTail); // valid, as Literals.typed would find it
        } else {
            out.term(make(v, fixedLanguage, true));
        }
    }

    /** A term from a value; {@code langChecked} when the tag was checked when the map was compiled. */
    private Node make(String v, String lang, boolean langChecked) {
        switch (type) {
            case IRI:
                return NodeFactory.createURI(iri(v));
            case BLANK_NODE:
                return NodeFactory.createBlankNode(v);
            default:
                if (lang != null) {
                    if (langChecked) {
                        return Literals.lang(v, lang);
                    }
                    if (!LanguageTags.isValid(lang)) {
                        throw new CellProblem(column, "'" + lang + "' is not a language tag");
                    }
                    return NodeFactory.createLiteralLang(v, lang);
                }
                if (datatype != null) {
                    Node n = Literals.typed(v, datatype);
                    if (n == null) {
                        throw new CellProblem(column, "'" + v + "' is not a valid " + shortName(datatype.getURI()));
                    }
                    return n;
                }
                return Literals.string(v);
        }
    }

    private String iri(String v) {
        boolean absolute = isAbsolute(v);
        if (absolute && !ALLOWED_SCHEMES.contains(v.substring(0, v.indexOf(':')).toLowerCase(java.util.Locale.ROOT))) {
            // a cell that sets the scheme: javascript: or data: would run in a reader's browser
            throw new CellProblem(column, "'" + v + "' has the scheme '" + v.substring(0, v.indexOf(':'))
                    + "', which is not published (allowed: " + String.join(", ", ALLOWED_SCHEMES) + ")", false);
        }
        String iri = absolute ? v : base + v;
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

    /** Schemes a cell may give an IRI; any other is a data error: warned about, its triple skipped. */
    static final java.util.Set<String> ALLOWED_SCHEMES = java.util.Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(java.util.List.of("http", "https", "urn", "mailto", "tel", "ftp", "geo",
                    "tag", "doi", "info")));

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
