package kz.ashyq.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one base IRI under which Ashyq mints every IRI, and the one place that mints them (the
 * scheme is in {@code docs/architecture.md}): things at {@code id/{kind}/{key}}, their
 * documents at {@code doc/{kind}/{key}}, dataset graphs at {@code graph/{dataset}}, the
 * catalogue, downloads, the endpoint and the event streams.
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

    /** A thing's IRI: {@code id/{kind}/{key}}, given as {@code kind/key}. */
    public String thing(String kindAndKey) {
        return things() + kindAndKey;
    }

    /** Where every thing's IRI starts ({@code id/}). */
    public String things() {
        return value + "id/";
    }

    /** The document about a thing: {@code doc/{kind}/{key}}, given as {@code kind/key}. */
    public String doc(String kindAndKey) {
        return value + "doc/" + kindAndKey;
    }

    /** A dataset, as the catalogue describes it. */
    public String dataset(String datasetId) {
        return thing("dataset/" + datasetId);
    }

    /** One of a dataset's distributions ({@code part}: {@code ttl}, {@code ldes}, {@code source/x-csv}, …). */
    public String distribution(String datasetId, String part) {
        return thing("distribution/" + datasetId + "/" + part);
    }

    /** An agency (publisher), by its slug. */
    public String agency(String slug) {
        return thing("agency/" + slug);
    }

    /** Where every named graph's IRI starts ({@code graph/}). */
    public String graphs() {
        return value + "graph/";
    }

    /** The IRI of a dataset's named graph. */
    public String graph(String datasetId) {
        return graphs() + datasetId;
    }

    /** The graph of a dataset's catalogue record ({@code graph/catalog/{id}}). */
    public String catalogGraph(String datasetId) {
        return graphs() + "catalog/" + datasetId;
    }

    /**
     * The graph of a dataset's quality measurements, one set per release, in the catalogue
     * ({@code graph/catalog/{id}/quality}).
     */
    public String qualityGraph(String datasetId) {
        return catalogGraph(datasetId) + "/quality";
    }

    /**
     * One quality measurement of one release of a dataset: {@code id/quality/{id}/{release}/{metric}},
     * with a qualifier (a column's or a property's slug) after it when the metric is measured on a part.
     */
    public String measurement(String datasetId, int release, String metricAndQualifier) {
        return thing("quality/" + datasetId + "/" + release + "/" + metricAndQualifier);
    }

    /** The dataset whose named graph this is ({@link #graph}), when it is one. */
    public java.util.Optional<String> datasetOfGraph(String graphIri) {
        return idAfter(graphs(), graphIri);
    }

    /** The dataset whose catalogue record's graph this is ({@link #catalogGraph}), when it is one. */
    public java.util.Optional<String> datasetOfCatalogGraph(String graphIri) {
        return idAfter(graphs() + "catalog/", graphIri);
    }

    private static java.util.Optional<String> idAfter(String prefix, String iri) {
        String id = iri.startsWith(prefix) ? iri.substring(prefix.length()) : "";
        return id.matches("[a-z0-9][a-z0-9-]*") ? java.util.Optional.of(id) : java.util.Optional.empty();
    }

    /** The graph of Ashyq's vocabulary and the labels of the standard terms used. */
    public String vocabGraph() {
        return graphs() + "vocab";
    }

    /** The IRI of the catalogue. */
    public String catalog() {
        return value + "catalog";
    }

    /** A download: {@code dump/{file}}. */
    public String dump(String file) {
        return value + "dump/" + file;
    }

    /** The SPARQL endpoint. */
    public String sparql() {
        return value + "sparql";
    }

    /** The event stream of a dataset's releases, or of every dataset's ({@code null}). */
    public String ldes(String datasetId) {
        return value + "ldes" + (datasetId == null ? "" : "/" + datasetId);
    }

    /** The sitemap. */
    public String sitemap() {
        return value + "sitemap.xml";
    }

    @Override
    public String toString() {
        return value;
    }
}
