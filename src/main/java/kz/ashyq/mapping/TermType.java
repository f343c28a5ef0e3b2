package kz.ashyq.mapping;

/** The kind of RDF term a term map generates. */
public enum TermType {
    /** An IRI; relative results are resolved against the base IRI. */
    IRI,
    /** A blank node, one per distinct value within a run. */
    BLANK_NODE,
    /** A literal, plain, typed or language-tagged. */
    LITERAL
}
