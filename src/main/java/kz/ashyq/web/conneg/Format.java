package kz.ashyq.web.conneg;

import java.util.List;
import java.util.Optional;

/**
 * The formats a resource can be served in, with the {@code ?format=} key of each: RDF documents
 * and HTML pages, and the SPARQL result formats of the saved-query APIs and plain JSON.
 */
public enum Format {
    /** Turtle, the default for programs. */
    TURTLE("text/turtle", "ttl"),
    /** HTML, for people. */
    HTML("text/html", "html"),
    /** JSON-LD. */
    JSONLD("application/ld+json", "jsonld"),
    /** RDF/XML. */
    RDFXML("application/rdf+xml", "rdf"),
    /** N-Triples. */
    NTRIPLES("application/n-triples", "nt"),
    /** SPARQL 1.1 Query Results JSON. */
    RESULTS_JSON("application/sparql-results+json", "srj"),
    /** Plain JSON (search hits; SPARQL results JSON where results are asked for as JSON). */
    JSON("application/json", "json"),
    /** CSV (SPARQL 1.1 Query Results CSV for results). */
    CSV("text/csv", "csv"),
    /** TSV (SPARQL 1.1 Query Results TSV for results). */
    TSV("text/tab-separated-values", "tsv"),
    /** SPARQL Query Results XML. */
    RESULTS_XML("application/sparql-results+xml", "srx");

    private final String mediaType;
    private final String key;

    Format(String mediaType, String key) {
        this.mediaType = mediaType;
        this.key = key;
    }

    /** The media type served. */
    public String mediaType() {
        return mediaType;
    }

    /** The {@code Content-Type} header: text formats say UTF-8; JSON is UTF-8 by definition. */
    public String contentType() {
        return this == JSONLD || this == JSON || this == RESULTS_JSON ? mediaType : mediaType + "; charset=utf-8";
    }

    /** The {@code ?format=} key. */
    public String key() {
        return key;
    }

    /** The format of a {@code ?format=} key, also accepting media types and common aliases. */
    public static Optional<Format> byKey(String key) {
        List<Format> all = allByKey(key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every format a {@code ?format=} key may name, the exact key or media type first, then
     * aliases: {@code json} is plain JSON where that is offered and JSON-LD where documents are.
     */
    static List<Format> allByKey(String key) {
        String k = key.strip().toLowerCase(java.util.Locale.ROOT);
        List<Format> out = new java.util.ArrayList<>();
        for (Format f : values()) {
            if (f.key.equals(k) || f.mediaType.equals(k)) {
                out.add(f);
            }
        }
        switch (k) {
            case "turtle" -> out.add(TURTLE);
            case "json-ld", "json" -> out.add(JSONLD);
            case "rdfxml", "xml", "rdf/xml" -> out.add(RDFXML);
            case "ntriples", "n-triples" -> out.add(NTRIPLES);
            default -> { }
        }
        return out;
    }
}
