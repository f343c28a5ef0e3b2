package kz.ashyq.web.conneg;

import java.util.Optional;

/** The formats a document can be served in, with the {@code ?format=} key of each. */
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
    NTRIPLES("application/n-triples", "nt");

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
        return this == JSONLD ? mediaType : mediaType + "; charset=utf-8";
    }

    /** The {@code ?format=} key. */
    public String key() {
        return key;
    }

    /** The format of a {@code ?format=} key, also accepting media types and common aliases. */
    public static Optional<Format> byKey(String key) {
        String k = key.strip().toLowerCase(java.util.Locale.ROOT);
        for (Format f : values()) {
            if (f.key.equals(k) || f.mediaType.equals(k)) {
                return Optional.of(f);
            }
        }
        return switch (k) {
            case "turtle" -> Optional.of(TURTLE);
            case "json-ld", "json" -> Optional.of(JSONLD);
            case "rdfxml", "xml", "rdf/xml" -> Optional.of(RDFXML);
            case "ntriples", "n-triples" -> Optional.of(NTRIPLES);
            default -> Optional.empty();
        };
    }
}
