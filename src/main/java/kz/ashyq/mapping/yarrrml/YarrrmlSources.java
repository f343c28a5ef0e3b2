package kz.ashyq.mapping.yarrrml;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.Suggest;
import kz.ashyq.mapping.source.PortalExport;

/**
 * The parts of a YARRRML file around its mappings: sources with their CSVW dialect, and Ashyq's
 * {@code dataset} block of catalogue metadata.
 */
final class YarrrmlSources {

    private final Path file;
    private final Map<String, LogicalSource> named;

    YarrrmlSources(Path file, Map<String, LogicalSource> named) {
        this.file = file;
        this.named = named;
    }

    /**
     * The {@code dataset} block; with {@code meta: SOURCE} naming a data.egov.kz export, the
     * portal's metadata fills what the block leaves out.
     */
    DatasetInfo datasetWithMeta(Yaml y, Map<String, LogicalSource> sources) {
        DatasetInfo info = dataset(y);
        Yaml meta = y.map().get("meta");
        if (meta == null) {
            return info;
        }
        LogicalSource s = sources.get(meta.text());
        if (s == null || s.format() != LogicalSource.Format.PORTAL) {
            throw new MappingException(meta.where(), "meta must name a source with referenceFormulation: egov; '"
                    + meta.text() + "' is " + (s == null ? "no source of this mapping" : "not one"));
        }
        return PortalExport.info(info, PortalExport.cell(s, "meta"));
    }

    static DatasetInfo dataset(Yaml y) {
        Map<String, Yaml> d = y.map();
        Yaml id = d.get("id");
        if (id == null) {
            throw new MappingException(y.where(), "dataset needs an 'id'");
        }
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        Yaml kw = d.get("keywords");
        if (kw != null) {
            kw.map().forEach((lang, list) -> keywords.put(lang, list.listOrOne().stream().map(Yaml::text).toList()));
        }
        try {
            List<String> themes = d.containsKey("theme")
                    ? d.get("theme").listOrOne().stream().map(Yaml::text).toList() : List.of();
            DatasetInfo.Period temporal = null;
            Yaml t = d.get("temporal");
            if (t != null) {
                temporal = new DatasetInfo.Period(text(t.map().get("start")), text(t.map().get("end")));
            }
            return new DatasetInfo(id.text(), langs(d.get("title")), langs(d.get("description")),
                    langs(d.get("publisher")), text(d.get("publisherUrl")), text(d.get("license")), keywords,
                    text(d.get("source")), text(d.get("issued")), columns(d.get("columns")), themes, temporal,
                    d.containsKey("frequency") ? d.get("frequency").text().toUpperCase(java.util.Locale.ROOT) : null);
        } catch (java.time.format.DateTimeParseException e) {
            throw new MappingException(y.where(), "temporal: '" + e.getParsedString() + "' is not a date (YYYY-MM-DD)");
        } catch (IllegalArgumentException e) {
            throw new MappingException(y.where(), e.getMessage());
        }
    }

    /**
     * {@code columns:}, the columns' labels by language ({@code Code: {ru: Код, kk: Коды}}): the
     * catalogue's table schema, and the labels of the dataset's own properties that a column makes.
     */
    private static DatasetInfo.Portal columns(Yaml y) {
        if (y == null) {
            return null;
        }
        List<DatasetInfo.Field> fields = new java.util.ArrayList<>();
        y.map().forEach((column, labels) -> fields.add(new DatasetInfo.Field(column, "", labels.languageMap())));
        return new DatasetInfo.Portal(null, null, null, null, fields);
    }

    private static Map<String, String> langs(Yaml y) {
        return y == null ? Map.of() : y.languageMap();
    }

    private static String text(Yaml y) {
        return y == null ? null : y.text();
    }

    LogicalSource source(Yaml y) {
        if (y.isList()) {
            // [file.csv~csv] shortcut, or a one-element list holding a source description
            return source(y.list().get(0));
        }
        if (y.isScalar()) {
            String t = y.text();
            if (named.containsKey(t)) {
                return named.get(t);
            }
            if (!named.isEmpty() && !t.contains(".") && !t.contains("/")) {
                // a name, not a file: a misspelt source would otherwise be looked for as a file
                throw new MappingException(y.where(), "no source is named '" + t + "'"
                        + Suggest.didYouMean(t, named.keySet()) + "; the sources: " + named.keySet());
            }
            String path = t.endsWith("~csv") ? t.substring(0, t.length() - 4) : t;
            return new LogicalSource(resolve(path), CsvDialect.defaults(), y.where());
        }
        Map<String, Yaml> m = y.map();
        Yaml access = m.get("access");
        if (access == null) {
            throw new MappingException(y.where(), "source needs 'access' (the CSV file)");
        }
        Yaml rf = m.get("referenceFormulation");
        if (rf != null && rf.text().equalsIgnoreCase("egov")) {
            Yaml it = m.get("iterator");
            Yaml empty = m.get("mayBeEmpty");
            // no iterator: the records are the data cell's list, or the list an object wraps (see JsonReader)
            return new LogicalSource(resolve(access.text()), LogicalSource.Format.PORTAL, dialect(m, y),
                    it == null ? null : it.text(), y.where(), empty != null && Boolean.parseBoolean(empty.text()));
        }
        if (rf != null && !rf.text().equalsIgnoreCase("csv")) {
            throw new MappingException(rf.where(), "referenceFormulation '" + rf.text()
                    + "' is not supported; use csv, or egov for a data.egov.kz export (meta and data cells)");
        }
        return new LogicalSource(resolve(access.text()), dialect(m, y), y.where());
    }

    private CsvDialect dialect(Map<String, Yaml> m, Yaml at) {
        CsvDialect d = CsvDialect.defaults();
        try {
            Yaml nulls = m.get("null");
            Set<String> nullValues = nulls == null ? d.nullValues()
                    : new java.util.HashSet<>(nulls.listOrOne().stream().map(Yaml::text).toList());
            nullValues = new java.util.HashSet<>(nullValues);
            nullValues.add("");
            return new CsvDialect(
                    m.containsKey("encoding") ? m.get("encoding").text() : d.encoding(),
                    oneChar(m.get("delimiter"), d.delimiter()),
                    oneChar(m.get("quoteChar"), d.quote()),
                    m.containsKey("escapeChar") ? Character.valueOf(oneChar(m.get("escapeChar"), '\\')) : d.escape(),
                    m.containsKey("header") ? Boolean.parseBoolean(m.get("header").text()) : d.header(),
                    m.containsKey("skipRows") ? Integer.parseInt(m.get("skipRows").text()) : d.skipRows(),
                    m.containsKey("trim") ? Boolean.parseBoolean(m.get("trim").text()) : d.trim(),
                    nullValues);
        } catch (IllegalArgumentException e) {
            throw new MappingException(at.where(), "bad CSV dialect: " + e.getMessage());
        }
    }

    private static char oneChar(Yaml y, char fallback) {
        if (y == null) {
            return fallback;
        }
        String t = y.text().equals("\\t") ? "\t" : y.text();
        if (t.length() != 1) {
            throw new MappingException(y.where(), "'" + t + "' must be one character");
        }
        return t.charAt(0);
    }

    private Path resolve(String path) {
        return file.getParent().resolve(path).normalize();
    }
}
