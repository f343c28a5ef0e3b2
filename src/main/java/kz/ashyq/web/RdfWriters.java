package kz.ashyq.web;

import kz.ashyq.web.conneg.Format;
import org.apache.jena.riot.RDFFormat;

/**
 * Jena's writer for each negotiated format: kept out of {@code web.conneg}, whose function
 * knows no framework types.
 */
public final class RdfWriters {

    private RdfWriters() {}

    /** Jena's writer of this format (Turtle pretty-printed); HTML is no RDF format. */
    public static RDFFormat of(Format format) {
        return switch (format) {
            case TURTLE -> RDFFormat.TURTLE_PRETTY;
            case JSONLD -> RDFFormat.JSONLD11;
            case RDFXML -> RDFFormat.RDFXML_PLAIN;
            case NTRIPLES -> RDFFormat.NTRIPLES;
            case HTML, RESULTS_JSON, JSON, CSV, TSV, RESULTS_XML ->
                    throw new IllegalArgumentException(format + " is not an RDF format");
        };
    }
}
