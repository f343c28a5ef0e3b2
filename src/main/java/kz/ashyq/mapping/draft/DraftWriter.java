package kz.ashyq.mapping.draft;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.Transliteration;

/**
 * Writes a draft mapping as YARRRML text: the dataset block, the source with its dialect, and one
 * triples map over the rows, every guess with its comment. Properties are chosen by the column's
 * name and its values: labels, addresses, phones, e-mails, web addresses, BIN/IIN and coordinates
 * get schema.org, RDFS and WGS84 properties; any other column a property in the dataset's own
 * namespace ({@code ds:}, {@code BASE/id/{dataset}/property/}, the column's name in Latin letters).
 */
final class DraftWriter {

    private final String id;
    private final String access;
    private final char delimiter;
    private final String encoding;
    private final boolean detected;
    private final boolean export;
    private final List<ColumnGuess> columns;
    private final Drafter.Key key;
    private final String portalSource;
    private final Set<String> portalColumns;
    private final StringBuilder out = new StringBuilder();
    private java.util.Map<String, PlaceColumns.Link> places = java.util.Map.of();
    private String katoAccess;
    private DatasetInfo portal;

    DraftWriter(String id, String access, char delimiter, String encoding, boolean detected, boolean export,
            List<ColumnGuess> columns,
            Drafter.Key key, String portalSource, Set<String> portalColumns) {
        this.id = id;
        this.access = access;
        this.delimiter = delimiter;
        this.encoding = encoding;
        this.detected = detected;
        this.export = export;
        this.columns = columns;
        this.key = key;
        this.portalSource = portalSource;
        this.portalColumns = portalColumns;
    }

    /** Links the columns that name KATO units, through lookups in the KATO table at {@code katoAccess}. */
    DraftWriter places(java.util.Map<String, PlaceColumns.Link> places, String katoAccess) {
        this.places = places;
        this.katoAccess = katoAccess;
        return this;
    }

    /** Writes what the portal says of the dataset into the dataset block, and its column labels into the comments. */
    DraftWriter portal(DatasetInfo info) {
        this.portal = info;
        return this;
    }

    String yaml() {
        line("# Drafted by `ashyq draft` from " + access + ". Every guess says what it is and how sure:");
        line("# check them, add a class and titles, then `ashyq load`.");
        line("prefixes:");
        line("  ashyq: " + kz.ashyq.config.Namespaces.ASHYQ);
        line("  ds: id/" + id + "/property/   # the dataset's own properties, for columns no standard term fits");
        line("");
        dataset();
        line("sources:");
        line("  rows:");
        line("    access: " + quote(access));
        if (export) {
            line("    referenceFormulation: egov   # guessed: a portal export (meta and data cells); the records are its data");
            line("    mayBeEmpty: true   # an export may hold no record");
        } else {
            line("    referenceFormulation: csv");
        }
        if (delimiter != ',' && !export) {
            line("    delimiter: " + quote(delimiter == '\t' ? "\\t" : String.valueOf(delimiter))
                    + "   # guessed: the header line has more of them than of any other separator");
        }
        line("    # encoding: " + encoding + (detected ? " (detected, as a load detects it)" : ""));
        line("");
        line("mappings:");
        line("  row:");
        line("    sources: rows");
        subject();
        int poAt = out.length();
        line("      # no class guessed: add one, such as [a, schema:Place] or [a, schema:Organization]");
        Map<String, Map<String, String>> pairs = Drafter.languagePairs(columns.stream().map(ColumnGuess::name).toList());
        Set<String> done = new HashSet<>();
        pairs.forEach((base, langs) -> {
            String property = property(base, null);
            line("      # guessed: " + langs.get("kk") + " and " + langs.get("ru") + " are one text in Kazakh and Russian"
                    + " (their names differ by a language marker)");
            for (String lang : List.of("kk", "ru", "en")) {
                if (langs.containsKey(lang)) {
                    line("      - [" + property + ", $(" + langs.get(lang) + "), " + lang + "~lang]");
                    done.add(langs.get(lang));
                }
            }
        });
        for (ColumnGuess c : columns) {
            if (!done.contains(c.name())) {
                column(c);
            }
        }
        // YAML reads a key with only comments under it as null: say the empty list
        boolean none = out.substring(poAt).lines().allMatch(l -> l.strip().startsWith("#"));
        out.insert(poAt, none ? "    po: []\n" : "    po:\n");
        return out.toString();
    }

    private void dataset() {
        line("dataset:");
        line("  id: " + id + "   # from the file name");
        if (export) {
            line("  meta: rows   # titles, descriptions, keywords and publisher from the export's meta cell");
        } else if (portal != null && !portal.title().isEmpty()) {
            portalBlock();
        } else {
            line("  title:");
            line("    en: " + quote(id) + "   # write the titles in kk, ru and en");
        }
        if (portalSource != null) {
            line("  source: " + portalSource + (portal != null
                    ? "   # the dataset's page on the portal" : "   # the export's source_url, without its API key"));
        }
        line("");
    }

    /** The portal's names, descriptions, keywords and agency, as the portal wrote them. */
    private void portalBlock() {
        line("  # from the portal's description of the dataset: check the languages, add a theme and a licence");
        languages("title", portal.title());
        languages("description", portal.description());
        languages("publisher", portal.publisher());
        java.util.Map<String, java.util.Map<String, String>> labelled = new java.util.LinkedHashMap<>();
        if (portal.portal() != null) {
            for (DatasetInfo.Field f : portal.portal().fields()) {
                if (!f.labels().isEmpty() && columns.stream().anyMatch(c -> c.name().equals(f.name()))) {
                    labelled.put(f.name(), f.labels());
                }
            }
        }
        if (!labelled.isEmpty()) {
            line("  columns:   # the portal's labels: the catalogue's table schema, and the labels of the ds: properties");
            labelled.forEach((column, labels) -> line("    " + quote(column) + ": {" + String.join(", ",
                    labels.entrySet().stream().map(e -> e.getKey() + ": " + quote(e.getValue())).toList()) + "}"));
        }
        if (!portal.keywords().isEmpty()) {
            line("  keywords:");
            portal.keywords().forEach((lang, words) -> line("    " + lang + ": ["
                    + String.join(", ", words.stream().map(DraftWriter::quote).toList()) + "]"));
        }
    }

    private void languages(String key, Map<String, String> byLanguage) {
        if (byLanguage.isEmpty()) {
            return;
        }
        line("  " + key + ":");
        byLanguage.forEach((lang, text) -> line("    " + lang + ": " + quote(text)));
    }

    /** The portal's label of a column, in Russian or Kazakh, or its name. */
    private String label(String column) {
        if (portal != null && portal.portal() != null) {
            for (DatasetInfo.Field f : portal.portal().fields()) {
                if (f.name().equals(column)) {
                    String l = f.labels().getOrDefault("ru", f.labels().getOrDefault("kk", f.labels().get("en")));
                    if (l != null) {
                        return l.replaceAll("\\s+", " ");
                    }
                }
            }
        }
        return column;
    }

    private void subject() {
        List<ColumnGuess> cols = key.columns();
        String template = "id/" + id + cols.stream().map(c -> "/$(" + c.name() + ")").reduce("", String::concat);
        if (cols.size() == 1 && key.unique()) {
            ColumnGuess k = cols.get(0);
            line("    # guessed: " + k.name() + " names the rows (" + k.filled() + " values, all different, none empty"
                    + (k.idLike() ? ", and its name says so" : "") + ")");
        } else if (key.unique()) {
            line("    # guessed: no one column names the rows; " + String.join(" with ", cols.stream().map(ColumnGuess::name)
                    .toList()) + " do together (all different in the rows read): keep IRIs stable across releases");
        } else if (!cols.isEmpty()) {
            line("    # CHECK: no column or few columns name every row differently; rows with the same "
                    + cols.get(0).name() + " describe one thing");
        } else if (!columns.isEmpty()) {
            line("    # CHECK: no column is filled in every row: choose the columns that name a row");
            template = "id/" + id + "/$(" + columns.get(0).name() + ")";
        } else {
            line("    # CHECK: the file holds no record to guess from: name the rows by their key");
            template = "id/" + id + "/$(id)";
        }
        line("    s: " + template);
    }

    private void column(ColumnGuess c) {
        String n = c.name();
        if (portalColumns.contains(n)) {
            line("      # " + n + ": the portal's own column, the same on every row; left out");
            return;
        }
        if (c.kind() == ColumnGuess.Kind.EMPTY) {
            line("      # " + n + ": " + c.evidence() + "; left out");
            return;
        }
        String lower = n.toLowerCase(Locale.ROOT);
        if (c.kind() == ColumnGuess.Kind.COORDINATE_PAIR) {
            line("      # guessed: " + n + " holds latitude, longitude (" + c.evidence() + "); a GeoSPARQL geometry is made from them");
            for (String[] part : new String[][] {{"geo:lat", "0"}, {"geo:long", "1"}}) {
                line("      - p: " + part[0]);
                line("        o:");
                line("          function: ashyqfn:split");
                line("          parameters: [[value, $(" + n + ")], [separator, \",\"], [index, \"" + part[1] + "\"]]");
                line("          datatype: xsd:decimal");
            }
            return;
        }
        String property = property(lower, c);
        String why = property.startsWith("ds:") ? "its own property (no standard one guessed), labelled '" + label(n) + "'"
                : property + " (from its name and values)";
        line("      # " + n + ": " + kindWords(c) + ", " + c.evidence() + "; " + why);
        String value = "$(" + n + ")";
        switch (c.kind()) {
            case INTEGER -> line("      - [" + property + ", " + value + ", xsd:integer]");
            case YEAR -> line("      - [" + property + ", " + value + ", xsd:gYear]");
            case DECIMAL -> line("      - [" + property + ", " + value + ", xsd:decimal]");
            case BOOLEAN -> line("      - [" + property + ", " + value + ", xsd:boolean]");
            case DATE_ISO -> line("      - [" + property + ", " + value + ", xsd:date]");
            case DECIMAL_COMMA -> function(property, "ashyqfn:decimal", value, null, "xsd:decimal");
            case DATE_DOTTED -> function(property, "ashyqfn:date", value, null, "xsd:date");
            case DATETIME_DOTTED -> function(property, "ashyqfn:date", value, "dd.MM.yyyy HH:mm:ss", "xsd:date");
            case URL -> line("      - [" + property + ", " + value + "~iri]");
            default -> line("      - [" + property + ", " + value + (c.language() != null && c.kind() == ColumnGuess.Kind.TEXT
                    ? ", " + c.language() + "~lang]   # guessed: " + language(c.language()) : "]"));
        }
        PlaceColumns.Link place = places.get(n);
        if (place != null) {
            place(n, place);
        }
    }

    /** The KATO unit a column names, linked beside its value. */
    private void place(String n, PlaceColumns.Link link) {
        line("      # guessed: " + n + " names KATO units (" + link.evidence() + "); linked to them");
        line("      - p: schema:containedInPlace");
        if (link.by().equals("kato")) {
            line("        o: id/kato/$(" + n + ")~iri");
            return;
        }
        line("        o:");
        line("          function: ashyqfn:concat");
        line("          parameters:");
        line("            - [value, id/kato/]");
        line("            - parameter: value2");
        line("              value:");
        line("                function: ashyqfn:lookup");
        line("                parameters:");
        line("                  - [value, $(" + n + ")]");
        line("                  - [source, " + quote(katoAccess) + "]");
        line("                  - [key, " + link.by() + "]");
        line("                  - [return, kato]");
        line("                  - [normalize, place]");
        line("                  # only units of this kind: a name can be a region's, a district's and a village's");
        if (!link.level().equals("oblast")) {
            line("                  # CHECK: such names repeat across regions: add \"; kato^=NN\" (the region's code) to keep to one");
        }
        line("                  - [where, level=" + link.level() + "]");
        line("          type: iri");
    }

    private void function(String property, String function, String value, String pattern, String datatype) {
        line("      - p: " + property);
        line("        o:");
        line("          function: " + function);
        line("          parameters: [[value, " + value + "]" + (pattern == null ? "" : ", [pattern, " + quote(pattern) + "]") + "]");
        line("          datatype: " + datatype);
    }

    /** The property for a column by its name (lower case, without a language marker) and values. */
    private String property(String lower, ColumnGuess c) {
        if (lower.matches(".*(name|naimenovan|наименован|атау|title).*")) {
            return "rdfs:label";
        }
        if (lower.matches(".*(address|adres|адрес|мекенжай).*")) {
            return "schema:address";
        }
        if (lower.matches("(bin|iin|бин|иин)") || lower.matches(".*_(bin|iin)")) {
            return "schema:taxID";
        }
        if (lower.matches(".*(phone|telefon|телефон|tel)")) {
            return "schema:telephone";
        }
        if (lower.matches(".*(email|e-mail|e_mail|почта)")) {
            return "schema:email";
        }
        if (c != null) {
            switch (c.kind()) {
                case EMAIL -> {
                    return "schema:email";
                }
                case PHONE -> {
                    return "schema:telephone";
                }
                case URL -> {
                    return "schema:url";
                }
                default -> { }
            }
            if (lower.matches("(lat|latitude|shirota|широта)") && c.kind() == ColumnGuess.Kind.DECIMAL) {
                return "geo:lat";
            }
            if (lower.matches("(lon|lng|long|longitude|dolgota|долгота)") && c.kind() == ColumnGuess.Kind.DECIMAL) {
                return "geo:long";
            }
        }
        return "ds:" + Transliteration.slug(lower);
    }

    private static String kindWords(ColumnGuess c) {
        return switch (c.kind()) {
            case INTEGER -> "whole numbers";
            case YEAR -> "years";
            case DECIMAL -> "decimal numbers";
            case DECIMAL_COMMA -> "decimal numbers with a decimal comma";
            case BOOLEAN -> "true or false";
            case DATE_ISO -> "dates (yyyy-MM-dd)";
            case DATE_DOTTED -> "dates (dd.MM.yyyy)";
            case DATETIME_DOTTED -> "dates with a time (dd.MM.yyyy HH:mm:ss), kept as dates";
            case EMAIL -> "e-mail addresses";
            case URL -> "web addresses";
            case PHONE -> "phone numbers";
            default -> "text";
        };
    }

    private static String language(String lang) {
        return lang.equals("kk") ? "Kazakh (letters only Kazakh has)" : "Russian (Cyrillic without Kazakh letters)";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
