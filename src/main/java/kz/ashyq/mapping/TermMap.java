package kz.ashyq.mapping;

import java.util.Objects;

/**
 * How to make one RDF term from a row.
 *
 * @param expr where the lexical form comes from
 * @param type the kind of term
 * @param datatype the datatype IRI of a literal, or null
 * @param language the language tag of a literal (constant or from a column), or null
 * @param where the place in the mapping, for errors
 */
public record TermMap(Expr expr, TermType type, String datatype, Expr language, Location where) {

    /** Checks combinations that RML forbids. */
    public TermMap {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(type, "type");
        if (type != TermType.LITERAL && (datatype != null || language != null)) {
            throw new MappingException(where, "a datatype or language needs a literal, not an " + type);
        }
        if (datatype != null && language != null) {
            throw new MappingException(where, "a literal has a datatype or a language, not both");
        }
    }

    /** A constant IRI, such as a predicate or a class. */
    public static TermMap iri(String iri, Location where) {
        return new TermMap(new Expr.Constant(iri), TermType.IRI, null, null, where);
    }
}
