package kz.ashyq.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a mapping says about the dataset it produces, for the catalogue.
 *
 * @param id the dataset's key in IRIs ({@code graph/{id}}, {@code id/dataset/{id}})
 * @param title titles by language tag
 * @param description descriptions by language tag
 * @param publisher the publishing agency's names by language tag
 * @param publisherUrl the agency's home page, or null
 * @param license the licence IRI, or null
 * @param keywords keywords by language tag
 * @param sourceUrl where the CSV was published, or null
 * @param issued the date of first publication (ISO), or null
 * @param portal what the data.egov.kz portal says besides, or null
 * @param themes the EU data themes it is about ({@code GOVE}, {@code SOCI}, ...)
 * @param temporal the period its data covers, or null
 * @param frequency how often it is updated, as a code of the EU's frequency table ({@code MONTHLY}), or null
 */
public record DatasetInfo(
        String id,
        Map<String, String> title,
        Map<String, String> description,
        Map<String, String> publisher,
        String publisherUrl,
        String license,
        Map<String, List<String>> keywords,
        String sourceUrl,
        String issued,
        Portal portal,
        List<String> themes,
        Period temporal,
        String frequency) {

    /** Without portal metadata, themes or period. */
    public DatasetInfo(String id, Map<String, String> title, Map<String, String> description,
            Map<String, String> publisher, String publisherUrl, String license, Map<String, List<String>> keywords,
            String sourceUrl, String issued) {
        this(id, title, description, publisher, publisherUrl, license, keywords, sourceUrl, issued, null, List.of(),
                null, null);
    }

    /** The update frequencies the EU's table names, with the days between updates they promise. */
    public static final java.util.Map<String, Integer> FREQUENCIES = java.util.Map.ofEntries(
            java.util.Map.entry("DAILY", 1), java.util.Map.entry("WEEKLY", 7), java.util.Map.entry("BIWEEKLY", 14),
            java.util.Map.entry("MONTHLY", 31), java.util.Map.entry("BIMONTHLY", 62), java.util.Map.entry("QUARTERLY", 92),
            java.util.Map.entry("BIANNUAL", 183), java.util.Map.entry("ANNUAL", 366), java.util.Map.entry("BIENNIAL", 731),
            java.util.Map.entry("IRREG", 0), java.util.Map.entry("UNKNOWN", 0));

    /** The EU data themes (the Publications Office's data-theme authority table), by code. */
    public static final java.util.Set<String> THEMES = java.util.Set.of("AGRI", "ECON", "EDUC", "ENER", "ENVI",
            "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN");

    /**
     * A period of time, as ISO dates.
     *
     * @param start the first day, or null
     * @param end the last day, or null
     */
    public record Period(String start, String end) {
        /** Checks the dates at once. */
        public Period {
            for (String d : new String[] {start, end}) {
                if (d != null) {
                    java.time.LocalDate.parse(d);
                }
            }
            if (start == null && end == null) {
                throw new IllegalArgumentException("a period needs a start or an end");
            }
        }
    }

    /**
     * A column as the portal describes it.
     *
     * @param name the column's name
     * @param type the portal's type name ({@code int}, {@code String}, {@code Double}, ...)
     * @param labels its labels by language tag
     */
    public record Field(String name, String type, Map<String, String> labels) {}

    /**
     * What the data.egov.kz portal's {@code meta} says besides titles and keywords.
     *
     * @param email the responsible agency's e-mail, or null
     * @param phone its phone, or null
     * @param apiUri the agency's own API for the data, or null
     * @param modified when the portal says it changed, or null
     * @param fields the columns, with labels and types
     */
    public record Portal(String email, String phone, String apiUri, String modified, List<Field> fields) {
        /** Keeps its own copy. */
        public Portal {
            fields = List.copyOf(fields);
        }
    }

    /** Validates the id, which becomes part of IRIs. */
    public DatasetInfo {
        Objects.requireNonNull(id, "dataset id");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("dataset id '" + id + "' must be lower-case letters, digits and '-'");
        }
        title = Map.copyOf(title);
        description = Map.copyOf(description);
        publisher = Map.copyOf(publisher);
        keywords = Map.copyOf(keywords);
        themes = List.copyOf(themes);
        if (frequency != null && !FREQUENCIES.containsKey(frequency)) {
            throw new IllegalArgumentException("frequency '" + frequency + "' is not a code of the EU's frequency table "
                    + new java.util.TreeSet<>(FREQUENCIES.keySet()));
        }
        for (String t : themes) {
            if (!THEMES.contains(t)) {
                throw new IllegalArgumentException("theme '" + t + "' is not an EU data theme (" + new java.util.TreeSet<>(THEMES) + ")");
            }
        }
    }
}
