package kz.ashyq.config;

/**
 * Ashyq's own vocabulary: the one place its namespace is written, so that the mapping engine,
 * the catalogue, search and the front name the same terms. The standard vocabularies' namespaces
 * are in {@code catalog.Vocab}.
 */
public final class Namespaces {

    /** Ashyq's vocabulary ({@code vocab/ashyq.ttl}). */
    public static final String ASHYQ = "https://w3id.org/ashyq/vocab#";

    /**
     * The prefixes of the vocabularies Ashyq publishes with: predeclared in every mapping, and
     * used in the documents served. One table, so that a term is written the same way in both.
     */
    public static final java.util.Map<String, String> WELL_KNOWN = java.util.Map.ofEntries(
            java.util.Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
            java.util.Map.entry("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
            java.util.Map.entry("xsd", "http://www.w3.org/2001/XMLSchema#"),
            java.util.Map.entry("owl", "http://www.w3.org/2002/07/owl#"),
            java.util.Map.entry("skos", "http://www.w3.org/2004/02/skos/core#"),
            java.util.Map.entry("dct", "http://purl.org/dc/terms/"),
            java.util.Map.entry("dcat", "http://www.w3.org/ns/dcat#"),
            java.util.Map.entry("void", "http://rdfs.org/ns/void#"),
            java.util.Map.entry("schema", "https://schema.org/"),
            java.util.Map.entry("qb", "http://purl.org/linked-data/cube#"),
            java.util.Map.entry("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
            java.util.Map.entry("geosparql", "http://www.opengis.net/ont/geosparql#"),
            java.util.Map.entry("prov", "http://www.w3.org/ns/prov#"),
            java.util.Map.entry("foaf", "http://xmlns.com/foaf/0.1/"),
            java.util.Map.entry("ashyq", ASHYQ));

    /**
     * The properties whose literals are a thing's labels, best first: a thing's label in a
     * language is its best-ranked one, on pages and in search alike.
     */
    public static final java.util.List<String> LABELS = java.util.List.of(
            "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
            "http://purl.org/dc/terms/title", "https://schema.org/name", "http://xmlns.com/foaf/0.1/name");

    private Namespaces() {}
}
