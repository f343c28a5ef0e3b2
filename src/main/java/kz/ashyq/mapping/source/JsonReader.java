package kz.ashyq.mapping.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.RowSource;

/**
 * The records of a JSON file selected by a JSONPath iterator, for RML's JSON sources. Supports
 * the paths that tabular data needs: {@code $}, {@code $.a.b}, {@code $[*]}, {@code $.a[*]}
 * for iterators and {@code $.a.b} (or {@code a.b}) for references. Values keep their JSON type:
 * numbers become {@code xsd:integer} or {@code xsd:double}, booleans {@code xsd:boolean}.
 */
public final class JsonReader implements RowSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    private final LogicalSource source;
    private final Iterator<JsonNode> records;
    private final List<List<String>> paths = new ArrayList<>();
    private long number;

    private JsonReader(LogicalSource source, List<JsonNode> records) {
        this.source = source;
        this.records = records.iterator();
    }

    public static JsonReader open(LogicalSource source) {
        return new JsonReader(source, records(source));
    }

    /** The records a source selects, read whole (a portal export's, a JSON file's). */
    public static List<JsonNode> records(LogicalSource source) {
        JsonNode root;
        try {
            root = source.format() == LogicalSource.Format.PORTAL ? PortalExport.cell(source, "data") : JSON.readTree(Files.readString(source.file(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new DataException(source.file(), 0, null, "file not found (named at " + source.where() + ")");
        } catch (JsonProcessingException e) {
            throw new DataException(source.file(), 0, null, "is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new DataException(source.file(), 0, null, "cannot be read: " + e.getMessage());
        }
        String iterator = source.iterator() != null ? source.iterator()
                : source.format() == LogicalSource.Format.PORTAL ? portalIterator(source, root) : "$";
        List<String> steps = steps(iterator, source.where());
        List<JsonNode> selected = new ArrayList<>();
        select(root, steps, 0, selected);
        if (selected.isEmpty() && !source.mayBeEmpty()) {
            throw new DataException(source.file(), 0, null, "yields no record with the iterator " + iterator
                    + (root.isObject() ? " (the data holds the keys " + fieldNames(root) + ")" : "")
                    + "; give the iterator that selects the records, or mayBeEmpty: true on the source [mapping "
                    + source.where() + "]");
        }
        return selected;
    }

    /**
     * Where a portal export's records are: the data cell's list, or the list that an object
     * around it holds ({@code {'result': [...], ...}}, as some exports are saved).
     */
    private static String portalIterator(LogicalSource source, JsonNode root) {
        if (root.isArray()) {
            return "$[*]";
        }
        if (root.path("result").isArray()) {
            return "$.result[*]";
        }
        List<String> lists = new ArrayList<>();
        root.fields().forEachRemaining(f -> {
            if (f.getValue().isArray()) {
                lists.add(f.getKey());
            }
        });
        if (lists.size() == 1) {
            return "$." + lists.get(0) + "[*]";
        }
        throw new DataException(source.file(), 1, "data", "holds no list of records the mapping can take without an "
                + "iterator (keys: " + fieldNames(root) + "); give one, such as iterator: \"$.result[*]\" [mapping "
                + source.where() + "]");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> steps(String path, Location where) {
        String p = path.strip();
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        List<String> out = new ArrayList<>();
        for (String part : p.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.endsWith("[*]")) {
                if (part.length() > 3) {
                    out.add(part.substring(0, part.length() - 3));
                }
                out.add("[*]");
            } else if (part.contains("[") || part.contains("*") || part.contains("?")) {
                throw new MappingException(where, "JSONPath '" + path + "' uses more than $, .name and [*]");
            } else {
                out.add(part);
            }
        }
        return out;
    }

    private static void select(JsonNode node, List<String> steps, int i, List<JsonNode> out) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (i == steps.size()) {
            out.add(node);
            return;
        }
        String step = steps.get(i);
        if (step.equals("[*]")) {
            if (node.isArray()) {
                node.forEach(child -> select(child, steps, i + 1, out));
            }
        } else {
            select(node.get(step), steps, i + 1, out);
        }
    }

    @Override
    public int column(String reference, Location where) {
        List<String> steps = steps(reference, where);
        if (steps.contains("[*]")) {
            throw new MappingException(where, "reference '" + reference + "' selects many values; use an iterator");
        }
        int i = paths.indexOf(steps);
        if (i >= 0) {
            return i;
        }
        paths.add(steps);
        return paths.size() - 1;
    }

    @Override
    public Charset charset() {
        return StandardCharsets.UTF_8;
    }

    @Override
    public boolean encodingDetected() {
        return false;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public Row next() {
        if (!records.hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode record = records.next();
        number++;
        String[] cells = new String[paths.size()];
        String[] types = new String[paths.size()];
        for (int i = 0; i < cells.length; i++) {
            JsonNode v = record;
            for (String step : paths.get(i)) {
                v = v == null ? null : v.get(step);
            }
            if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) {
                continue;
            }
            cells[i] = v.asText();
            types[i] = v.isIntegralNumber() ? XSD + "integer" : v.isNumber() ? XSD + "double"
                    : v.isBoolean() ? XSD + "boolean" : null;
        }
        return new Row(number, 0, cells, types);
    }

    @Override
    public void close() {
        // the file was read whole when opened
    }
}
