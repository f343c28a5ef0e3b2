package kz.ashyq.mapping.engine;

import java.util.List;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.ntriples.NTriplesEncoder;

/**
 * A trusted IRI template written straight to N-Triples: its texts as bytes made once (the first
 * with the base when the template is relative) and its cells encoded IRI-safe, with no string
 * built, resolved and checked again per row. The bytes are those of the IRI the template's
 * string would make.
 */
final class IriTemplateBytes {

    /** Per part, its text's bytes, or null where a cell goes. */
    private final byte[][] texts;
    /** Per part, the position of its cell, or -1 for a text. */
    private final int[] cells;
    private final Compiler compiler;

    private IriTemplateBytes(byte[][] texts, int[] cells, Compiler compiler) {
        this.texts = texts;
        this.cells = cells;
        this.compiler = compiler;
    }

    /**
     * The template as bytes, or null when a text holds a character N-Triples forbids in an IRI.
     * {@code relative}: whether its IRIs take the base, as decided for the template as a whole: its
     * cells, IRI-safe, cannot add a colon, so they cannot make a relative template absolute.
     */
    static IriTemplateBytes of(Expr.Template t, boolean relative, String base, Compiler compiler, Location where) {
        List<Expr.Part> parts = t.parts();
        byte[][] texts = new byte[parts.size()][];
        int[] cells = new int[parts.size()];
        for (int k = 0; k < texts.length; k++) {
            Expr.Part p = parts.get(k);
            cells[k] = p.column() == null ? -1 : compiler.column(p.column().name(), where);
            if (p.text() != null) {
                NTriplesEncoder e = new NTriplesEncoder(64);
                if (!e.iriText(k == 0 && relative ? base + p.text() : p.text())) {
                    return null;
                }
                texts[k] = e.copy(0);
            }
        }
        return new IriTemplateBytes(texts, cells, compiler);
    }

    /** Writes the IRI of a row; false, with nothing written, when a cell has no value. */
    boolean write(String[] row, NTriplesEncoder out) {
        int start = out.length();
        out.ascii('<');
        for (int k = 0; k < cells.length; k++) {
            if (cells[k] < 0) {
                out.write(texts[k]);
            } else {
                String v = compiler.value(row, cells[k]);
                if (v == null) {
                    out.truncate(start);
                    return false;
                }
                out.iriSafe(v);
            }
        }
        out.ascii('>');
        return true;
    }
}
