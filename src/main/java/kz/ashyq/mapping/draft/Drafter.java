package kz.ashyq.mapping.draft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Transliteration;
import kz.ashyq.mapping.source.CsvReader;
import kz.ashyq.mapping.source.JsonReader;
import kz.ashyq.mapping.source.PortalExport;

/**
 * Drafts a YARRRML mapping for a CSV file, as a person would start one: it reads the file (its
 * delimiter sniffed, its encoding detected as a load detects it), looks at every column's values
 * and writes a mapping that runs as it is, with a comment on every guess saying what was guessed,
 * from what, and how sure it is (see {@link ColumnGuess}). What it cannot name goes to a property
 * in the dataset's own namespace, labelled in the comment with the column's name.
 */
public final class Drafter {

    /** Rows read to guess from: enough for the portal's files, bounded for a registry. */
    static final int SAMPLE = 10_000;
    /** The portal's own columns in its exports, the same on every row: not data. */
    private static final Set<String> PORTAL = Set.of("source_url", "api_endpoint", "government_agency");

    private Drafter() {}

    /** The KATO table drafts link places to by default: the bundled one, where a command runs in a clone. */
    public static final Path BUNDLED_KATO = Path.of("data", "kato-2025", "kato.csv");

    /** {@link #BUNDLED_KATO} when the working directory has it. */
    public static java.util.Optional<Path> bundledKato() {
        return java.nio.file.Files.isRegularFile(BUNDLED_KATO) ? java.util.Optional.of(BUNDLED_KATO)
                : java.util.Optional.empty();
    }

    /**
     * The draft for {@code csv}, to be saved in {@code mappingDir} (its source is written relative
     * to it).
     */
    public static String draft(Path csv, Path mappingDir) {
        return draft(csv, mappingDir, java.util.Optional.empty());
    }

    /**
     * As {@link #draft(Path, Path)}, linking the columns that name KATO units (by code or by name)
     * to the units of {@code kato}, a KATO table the draft's lookups read.
     */
    public static String draft(Path csv, Path mappingDir, java.util.Optional<Path> kato) {
        return draft(csv, mappingDir, kato, java.util.Optional.empty());
    }

    /**
     * As {@link #draft(Path, Path, java.util.Optional)}, with the portal's description of the
     * dataset written into the dataset block and the columns' comments.
     */
    public static String draft(Path csv, Path mappingDir, java.util.Optional<Path> kato,
            java.util.Optional<PortalDescription> portalMeta) {
        char delimiter = delimiter(csv);
        CsvDialect dialect = new CsvDialect(null, delimiter, '"', null, true, 0, true, Set.of(""));
        LogicalSource source = new LogicalSource(csv, dialect, new Location(csv, 0));
        List<String> header = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        String encoding;
        boolean detected;
        try (CsvReader reader = CsvReader.open(source)) {
            header.addAll(reader.header());
            header.forEach(h -> columns.add(new ArrayList<>()));
            for (int n = 0; n < SAMPLE && reader.hasNext(); n++) {
                String[] cells = reader.next().cells();
                for (int i = 0; i < header.size() && i < cells.length; i++) {
                    columns.get(i).add(cells[i] == null ? "" : cells[i]);
                }
            }
            encoding = reader.charset().name();
            detected = reader.encodingDetected();
        }
        String id = Transliteration.slug(csv.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        String access = mappingDir.toAbsolutePath().normalize().relativize(csv.toAbsolutePath().normalize())
                .toString().replace('\\', '/');
        String portal = portalMeta.map(PortalDescription::page).orElse(portalSource(header, columns));
        boolean export = header.contains("data") && header.contains("meta") && delimiter == ',';
        if (export) {
            // a portal export: its records are the data cell's, their keys the columns
            header.clear();
            columns.clear();
            records(new LogicalSource(csv, LogicalSource.Format.PORTAL, dialect, null, new Location(csv, 0), true),
                    header, columns);
        }
        List<ColumnGuess> guesses = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            guesses.add(ColumnGuess.of(header.get(i), columns.get(i)));
        }
        java.util.Map<String, PlaceColumns.Link> places = new java.util.HashMap<>();
        String katoAccess = null;
        if (kato.isPresent()) {
            PlaceColumns units = PlaceColumns.read(kato.get());
            for (int i = 0; i < header.size(); i++) {
                ColumnGuess g = guesses.get(i);
                if (g.kind() == ColumnGuess.Kind.TEXT || g.kind() == ColumnGuess.Kind.INTEGER) {
                    units.link(g.name(), columns.get(i)).ifPresent(l -> places.put(g.name(), l));
                }
            }
            katoAccess = mappingDir.toAbsolutePath().normalize().relativize(kato.get().toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
        }
        DraftWriter writer = new DraftWriter(id, access, delimiter, encoding, detected, export, guesses,
                key(guesses, columns), portal, PORTAL).places(places, katoAccess);
        portalMeta.ifPresent(m -> writer.portal(PortalExport.info(new DatasetInfo(id, java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of(), null, null, java.util.Map.of(), null, null), m.meta())));
        return writer.yaml();
    }

    /**
     * What the portal says of a dataset it serves.
     *
     * @param meta its {@code meta/{dataset}/{version}} (names, descriptions, keywords, the agency,
     *     column labels)
     * @param page its page on the portal, the dataset's source
     */
    public record PortalDescription(com.fasterxml.jackson.databind.JsonNode meta, String page) {}

    /** The scalar keys of a JSON source's records, in first-seen order, with their values as text. */
    private static void records(LogicalSource source, List<String> keys, List<List<String>> values) {
        List<com.fasterxml.jackson.databind.JsonNode> records = JsonReader.records(source);
        for (com.fasterxml.jackson.databind.JsonNode r : records.subList(0, Math.min(SAMPLE, records.size()))) {
            r.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode() && !keys.contains(f.getKey()) && f.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    keys.add(f.getKey());
                    values.add(new ArrayList<>());
                }
            });
        }
        for (com.fasterxml.jackson.databind.JsonNode r : records.subList(0, Math.min(SAMPLE, records.size()))) {
            for (int i = 0; i < keys.size(); i++) {
                com.fasterxml.jackson.databind.JsonNode v = r.get(keys.get(i));
                values.get(i).add(v == null || v.isNull() || !v.isValueNode() ? "" : v.asText().strip());
            }
        }
    }

    /**
     * The columns whose values name the rows: one unique and never empty (an id-like name first);
     * else the fewest filled columns, in file order, whose values together are unique; else the
     * filled column with the most different values, rows of the same value then sharing a thing
     * ({@link Key#unique} false).
     */
    static Key key(List<ColumnGuess> guesses, List<List<String>> values) {
        ColumnGuess best = null;
        for (ColumnGuess g : guesses) {
            if (g.unique() && !PORTAL.contains(g.name()) && (best == null || g.idRank() > best.idRank())) {
                best = g;
            }
        }
        if (best != null) {
            return new Key(List.of(best), true);
        }
        List<Integer> filled = new ArrayList<>();
        for (int i = 0; i < guesses.size(); i++) {
            ColumnGuess g = guesses.get(i);
            if (!PORTAL.contains(g.name()) && g.filled() == g.total() && g.total() > 0) {
                filled.add(i);
            }
        }
        for (int n = 2; n <= Math.min(4, filled.size()); n++) {
            List<Integer> cols = filled.subList(0, n);
            List<String> joined = new ArrayList<>();
            for (int row = 0; row < values.get(cols.get(0)).size(); row++) {
                StringBuilder sb = new StringBuilder();
                for (int c : cols) {
                    sb.append(values.get(c).get(row)).append('\u0000');
                }
                joined.add(sb.toString());
            }
            if (unique(joined)) {
                return new Key(cols.stream().map(guesses::get).toList(), true);
            }
        }
        // none: the filled column with the most different values, so that the fewest rows merge
        int most = -1;
        long distinct = -1;
        for (int c : filled) {
            long d = values.get(c).stream().distinct().count();
            if (d > distinct) {
                distinct = d;
                most = c;
            }
        }
        return new Key(most < 0 ? List.of() : List.of(guesses.get(most)), false);
    }

    /** The columns that name a row, and whether they name every row differently in what was read. */
    record Key(List<ColumnGuess> columns, boolean unique) {}

    /** The portal's page of the dataset, from its export's {@code source_url} column, without the API key. */
    private static String portalSource(List<String> header, List<List<String>> columns) {
        int i = header.indexOf("source_url");
        if (i < 0 || columns.get(i).isEmpty()) {
            return null;
        }
        String url = columns.get(i).get(0).replaceAll("[?&]apiKey=[^&]*", "");
        return url.startsWith("https://") || url.startsWith("http://") ? url : null;
    }

    /** The delimiter among {@code , ; TAB |} that the header line has most of, outside quotes. */
    static char delimiter(Path csv) {
        String line;
        try (InputStream in = Files.newInputStream(csv)) {
            byte[] head = in.readNBytes(64 * 1024);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            line = end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Character, Integer> counts = new LinkedHashMap<>();
        for (char c : new char[] {',', ';', '\t', '|'}) {
            counts.put(c, 0);
        }
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && counts.containsKey(c)) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey).orElse(',');
    }

    /** The base name of a column without its language marker, and the language, when it has one. */
    record Lang(String base, String lang) {
        private static final List<String[]> MARKERS = List.of(
                new String[] {"_kaz", "kk"}, new String[] {"_rus", "ru"}, new String[] {"kaz", "kk"},
                new String[] {"rus", "ru"}, new String[] {"_kz", "kk"}, new String[] {"_ru", "ru"},
                new String[] {"kz", "kk"}, new String[] {"ru", "ru"}, new String[] {"_kk", "kk"},
                new String[] {"_en", "en"});

        static Optional<Lang> of(String column) {
            String lower = column.toLowerCase(Locale.ROOT);
            for (String[] m : MARKERS) {
                if (lower.endsWith(m[0]) && lower.length() > m[0].length() + 1) {
                    return Optional.of(new Lang(lower.substring(0, lower.length() - m[0].length()), m[1]));
                }
                if (lower.startsWith(m[0].replace("_", "") + "_") && lower.length() > m[0].length() + 2) {
                    return Optional.of(new Lang(lower.substring(m[0].replace("_", "").length() + 1), m[1]));
                }
            }
            return Optional.empty();
        }
    }

    /** Columns that pair up as one property in Kazakh and Russian: base name to the columns by language. */
    static Map<String, Map<String, String>> languagePairs(List<String> columns) {
        Map<String, Map<String, String>> byBase = new LinkedHashMap<>();
        for (String c : columns) {
            Lang.of(c).ifPresent(l -> byBase.computeIfAbsent(l.base(), b -> new LinkedHashMap<>()).putIfAbsent(l.lang(), c));
        }
        Map<String, Map<String, String>> pairs = new LinkedHashMap<>();
        byBase.forEach((base, langs) -> {
            if (langs.containsKey("kk") && langs.containsKey("ru")) {
                pairs.put(base, langs);
            }
        });
        return pairs;
    }

    /** Whether a set of values are all distinct and non-empty. */
    static boolean unique(List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v.isEmpty() || !seen.add(v)) {
                return false;
            }
        }
        return !values.isEmpty();
    }
}
