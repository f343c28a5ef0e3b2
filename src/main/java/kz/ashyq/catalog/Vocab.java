package kz.ashyq.catalog;

/** Namespaces the catalogue writes. */
public final class Vocab {
    /** DCAT 3. */
    public static final String DCAT = "http://www.w3.org/ns/dcat#";
    /** Dublin Core terms. */
    public static final String DCT = "http://purl.org/dc/terms/";
    /** VoID. */
    public static final String VOID = "http://rdfs.org/ns/void#";
    /** PROV-O. */
    public static final String PROV = "http://www.w3.org/ns/prov#";
    /** FOAF. */
    public static final String FOAF = "http://xmlns.com/foaf/0.1/";
    /** SPDX, for checksums. */
    public static final String SPDX = "http://spdx.org/rdf/terms#";
    /** vCard, for contact points. */
    public static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    /** Ashyq's own vocabulary (vocab/ashyq.ttl). */
    public static final String ASHYQ = kz.ashyq.config.Namespaces.ASHYQ;
    /** SKOS. */
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    /** CSV on the Web, for table schemas. */
    public static final String CSVW = "http://www.w3.org/ns/csvw#";
    /** XML Schema datatypes. */
    public static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    /** Linked Data Event Streams. */
    public static final String LDES = "https://w3id.org/ldes#";
    /** TREE, the hypermedia collections LDES pages with. */
    public static final String TREE = "https://w3id.org/tree#";
    /** Activity Streams 2.0, whose {@code as:Delete} marks a thing's last version. */
    public static final String AS = "https://www.w3.org/ns/activitystreams#";

    private Vocab() {}
}
