package kz.ashyq.mapping.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.LogicalSource;

/**
 * A data.egov.kz export: a CSV of one row whose {@code meta} cell holds the portal's description
 * of the dataset and whose {@code data} cell holds its records, both written as Python literals
 * ({@code {'nameRu': '…', 'pk': True}}), as the portal's Python client saves them. This reads
 * such a cell into a JSON tree, so that records are read as a JSON source and the metadata feeds
 * the catalogue.
 */
public final class PortalExport {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The cell of a column in the export's first row, parsed. */
    public static JsonNode cell(LogicalSource source, String column) {
        try (CsvReader reader = CsvReader.open(new LogicalSource(source.file(), source.dialect(), source.where()))) {
            int i = reader.header().indexOf(column);
            if (i < 0) {
                throw new DataException(source.file(), 0, column, "is not a data.egov.kz export: it has no '" + column
                        + "' column (columns: " + reader.header() + ")");
            }
            if (!reader.hasNext()) {
                throw new DataException(source.file(), 1, column, "is a data.egov.kz export with no row");
            }
            String[] cells = reader.next().cells();
            try {
                return parse(i < cells.length && cells[i] != null ? cells[i] : "None");
            } catch (IllegalArgumentException e) {
                throw new DataException(source.file(), 1, column, "is not a Python literal: " + e.getMessage());
            }
        }
    }

    /**
     * The catalogue metadata of an export's {@code meta} cell, under what the mapping says:
     * the mapping's own values win, the portal's fill the rest.
     */
    public static DatasetInfo info(DatasetInfo mapping, JsonNode meta) {
        java.util.Map<String, String> title = langs(meta, "name", mapping.title());
        java.util.Map<String, String> description = langs(meta, "description", mapping.description());
        JsonNode resp = meta.path("responsible");
        java.util.Map<String, String> publisher = langs(resp, "fullname", mapping.publisher());
        java.util.Map<String, java.util.List<String>> keywords = new java.util.LinkedHashMap<>(mapping.keywords());
        if (keywords.isEmpty() && meta.path("keywords").isArray()) {
            // the portal's keywords carry no language: the script tells (Kazakh letters mean kk)
            meta.path("keywords").forEach(k -> keywords.computeIfAbsent(script(k.asText(), "ru"),
                    l -> new java.util.ArrayList<>()).add(k.asText()));
        }
        java.util.List<DatasetInfo.Field> fields = new java.util.ArrayList<>();
        meta.path("fields").fields().forEachRemaining(f -> fields.add(new DatasetInfo.Field(f.getKey(),
                f.getValue().path("type").asText(""), langs(f.getValue(), "label", java.util.Map.of()))));
        DatasetInfo.Portal portal = new DatasetInfo.Portal(text(resp, "email"), text(resp, "phone"),
                text(meta, "apiUri"), text(meta, "modifiedDate"), fields);
        return new DatasetInfo(mapping.id(), title, description, publisher, mapping.publisherUrl(), mapping.license(),
                keywords, mapping.sourceUrl(), mapping.issued(), portal, mapping.themes(), mapping.temporal(),
                mapping.frequency());
    }

    private static java.util.Map<String, String> langs(JsonNode n, String prefix, java.util.Map<String, String> given) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String[] l : new String[][] {{"Kk", "kk"}, {"Ru", "ru"}, {"En", "en"}}) {
            String v = text(n, prefix + l[0]);
            // a text under the wrong language's key (Kazakh under nameRu) goes where its script says
            String lang = v == null ? null : script(v, l[1]);
            if (v != null && !out.containsKey(lang)) {
                out.put(lang, v);
            }
        }
        out.putAll(given);
        return out;
    }

    /**
     * The language a text's letters show: Kazakh-only letters mean {@code kk}, other Cyrillic
     * {@code ru} unless {@code given} is {@code kk} (a Kazakh text need not use them), Latin
     * letters only {@code en}; otherwise {@code given}.
     */
    static String script(String text, String given) {
        boolean cyrillic = false;
        boolean latin = false;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if ("әғқңөұүһі".indexOf(c) >= 0) {
                return "kk";
            }
            cyrillic |= Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC;
            latin |= c >= 'a' && c <= 'z';
        }
        if (cyrillic) {
            return given.equals("kk") ? "kk" : "ru";
        }
        return latin ? "en" : given;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private final String text;
    private int pos;

    private PortalExport(String text) {
        this.text = text;
    }

    /**
     * Parses one Python literal: dicts, lists, tuples, strings in either quote with escapes,
     * numbers, {@code True}, {@code False} and {@code None}.
     *
     * @throws IllegalArgumentException naming the offset of what does not parse
     */
    static JsonNode parse(String literal) {
        PortalExport p = new PortalExport(literal);
        JsonNode v = p.value();
        p.space();
        if (p.pos != literal.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private JsonNode value() {
        space();
        if (pos >= text.length()) {
            throw error("the value ends early");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict();
            case '[':
            case '(':
                return list(c == '[' ? ']' : ')');
            case '\'':
            case '"':
                return F.textNode(string());
            default:
                return word();
        }
    }

    private ObjectNode dict() {
        ObjectNode o = F.objectNode();
        pos++;
        while (true) {
            space();
            if (peek() == '}') {
                pos++;
                return o;
            }
            JsonNode key = value();
            space();
            expect(':');
            o.set(key.asText(), value());
            space();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw error("expected ',' or '}' in a dict");
            }
        }
    }

    private ArrayNode list(char close) {
        ArrayNode a = F.arrayNode();
        pos++;
        while (true) {
            space();
            if (peek() == close) {
                pos++;
                return a;
            }
            a.add(value());
            space();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw error("expected ',' or '" + close + "' in a list");
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'x' -> sb.append(hex(2));
                case 'u' -> sb.append(hex(4));
                case 'U' -> sb.appendCodePoint(Integer.parseInt(text.substring(pos - 0, pos += 8), 16));
                default -> sb.append(e);
            }
        }
        throw error("a string is not closed");
    }

    private char hex(int digits) {
        char c = (char) Integer.parseInt(text.substring(pos, pos + digits), 16);
        pos += digits;
        return c;
    }

    private JsonNode word() {
        int start = pos;
        while (pos < text.length() && "{}[](),: \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String w = text.substring(start, pos);
        switch (w) {
            case "True":
                return F.booleanNode(true);
            case "False":
                return F.booleanNode(false);
            case "None":
                return F.nullNode();
            default:
                try {
                    return w.matches("[-+]?\\d+") ? F.numberNode(new java.math.BigInteger(w)) : F.numberNode(new BigDecimal(w));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("'" + w + "' is not a Python literal");
                }
        }
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("the value ends early");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1));
    }
}
