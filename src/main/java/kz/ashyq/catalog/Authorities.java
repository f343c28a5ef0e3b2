package kz.ashyq.catalog;

import java.util.Map;

/**
 * The EU Publications Office's authority tables that DCAT-AP asks for and the MQA scores: file
 * types, licences and access rights, as far as Ashyq names them.
 */
final class Authorities {

    private Authorities() {}

    static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
    static final String LICENCE = "http://publications.europa.eu/resource/authority/licence/";
    /** Open data: whoever may read the endpoint may read every dataset. */
    static final String PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";

    /** Licences the table has, under the IRIs their authors give them. */
    private static final Map<String, String> LICENCES = Map.of(
            "https://creativecommons.org/licenses/by/4.0/", LICENCE + "CC_BY_4_0",
            "https://creativecommons.org/publicdomain/zero/1.0/", LICENCE + "CC0",
            "https://opendatacommons.org/licenses/odbl/1-0/", LICENCE + "ODC_BL",
            "https://opendatacommons.org/licenses/pddl/1-0/", LICENCE + "ODC_PDDL",
            "https://opendatacommons.org/licenses/by/1-0/", LICENCE + "ODC_BY");

    /** The file types of the media types Ashyq serves. */
    private static final Map<String, String> FILE_TYPES = Map.of("text/turtle", "RDF_TURTLE",
            "application/n-triples", "RDF_N_TRIPLES", "application/ld+json", "JSON_LD", "application/rdf+xml", "RDF_XML",
            "text/csv", "CSV");

    /** The table's IRI of a licence when it has one under another IRI; the IRI given otherwise. */
    static String licence(String iri) {
        return LICENCES.getOrDefault(iri.replaceFirst("^http:", "https:").replaceFirst("/?$", "/"), iri);
    }

    /** The table's name of a media type's file type. */
    static String fileType(String mediaType) {
        return FILE_TYPES.get(mediaType);
    }
}
