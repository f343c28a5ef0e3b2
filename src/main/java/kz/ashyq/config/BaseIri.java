package kz.ashyq.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one base IRI under which Ashyq mints every IRI: things at {@code id/{kind}/{key}},
 * their documents at {@code doc/{kind}/{key}}, dataset graphs at {@code graph/{dataset}}.
 *
 * @param value an absolute http(s) IRI ending in {@code /}
 */
public record BaseIri(String value) {

    /** Checks the value at once, naming it in the message when it is unusable. */
    public BaseIri {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("base IRI is empty");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base IRI '" + value + "' is not an IRI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("base IRI '" + value + "' must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("base IRI '" + value + "' has no host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("base IRI '" + value + "' must not have a query or fragment");
        }
        if (!value.endsWith("/")) {
            throw new IllegalArgumentException("base IRI '" + value + "' must end with '/'");
        }
    }

    /** The default base for a server on this machine. */
    public static BaseIri localhost(int port) {
        return new BaseIri("http://localhost:" + port + "/");
    }

    /** Parses a base given by a user, adding the final slash they often leave out. */
    public static BaseIri parse(String text) {
        return new BaseIri(text != null && !text.isBlank() && !text.endsWith("/") ? text + "/" : text);
    }

    /** The path of the base on its host, always starting and ending with {@code /}. */
    public String path() {
        String p = URI.create(value).getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /** {@code value + relative}. */
    public String resolve(String relative) {
        return value + relative;
    }

    /** The IRI of a dataset's named graph. */
    public String graph(String datasetId) {
        return value + "graph/" + datasetId;
    }

    /** The IRI of the catalogue. */
    public String catalog() {
        return value + "catalog";
    }

    @Override
    public String toString() {
        return value;
    }
}
