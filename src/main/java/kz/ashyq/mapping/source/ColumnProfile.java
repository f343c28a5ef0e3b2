package kz.ashyq.mapping.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.TriplesMap;

/**
 * How full a mapping's CSV sources are: for each column, the rows with a value; for each source,
 * the rows whose key (the columns its subjects are made of) repeats an earlier row's. One pass over
 * each file with the mapping's own reader, in constant memory but for eight bytes a row for the
 * keys (their 64-bit hashes, sorted at the end to count repeats).
 */
public final class ColumnProfile {

    private ColumnProfile() {}

    /**
     * One column of a source.
     *
     * @param file the source's file name
     * @param name the column
     * @param filled the rows with a value in it
     * @param rows the rows of the file
     */
    public record Column(String file, String name, long filled, long rows) {}

    /**
     * One source.
     *
     * @param file its file name
     * @param rows its rows
     * @param key the columns its subjects are made of (empty when none: no duplicates counted)
     * @param duplicateKeys the rows whose key repeats an earlier row's
     * @param columns its columns
     */
    public record Source(String file, long rows, List<String> key, long duplicateKeys, List<Column> columns) {}

    /** The CSV sources of {@code mapping}, profiled. */
    public static List<Source> of(Mapping mapping) {
        Map<java.nio.file.Path, List<String>> keys = new LinkedHashMap<>();
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            if (tm.source().format() == LogicalSource.Format.CSV && !keys.containsKey(tm.source().file())) {
                java.util.Set<String> cols = new java.util.LinkedHashSet<>();
                collect(tm.subject().expr(), cols);
                keys.put(tm.source().file(), List.copyOf(cols));
            }
        }
        List<Source> out = new ArrayList<>();
        java.util.Set<java.nio.file.Path> done = new java.util.HashSet<>();
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            LogicalSource s = tm.source();
            if (s.format() == LogicalSource.Format.CSV && done.add(s.file())) {
                out.add(profile(s, keys.get(s.file())));
            }
        }
        return out;
    }

    private static Source profile(LogicalSource source, List<String> key) {
        try (CsvReader reader = CsvReader.open(source)) {
            List<String> header = reader.header();
            long[] filled = new long[header.size()];
            int[] keyAt = key.stream().mapToInt(header::indexOf).filter(i -> i >= 0).toArray();
            long[] hashes = new long[1024];
            long rows = 0;
            while (reader.hasNext()) {
                String[] cells = reader.next().cells();
                for (int i = 0; i < filled.length && i < cells.length; i++) {
                    if (cells[i] != null && !cells[i].isBlank()) {
                        filled[i]++;
                    }
                }
                if (keyAt.length > 0) {
                    if (rows == hashes.length) {
                        hashes = Arrays.copyOf(hashes, hashes.length * 2);
                    }
                    hashes[(int) rows] = hash(cells, keyAt);
                }
                rows++;
            }
            long duplicates = 0;
            if (keyAt.length > 0) {
                long[] sorted = Arrays.copyOf(hashes, (int) rows);
                Arrays.sort(sorted);
                for (int i = 1; i < sorted.length; i++) {
                    duplicates += sorted[i] == sorted[i - 1] ? 1 : 0;
                }
            }
            List<Column> columns = new ArrayList<>();
            String file = source.file().getFileName().toString();
            for (int i = 0; i < header.size(); i++) {
                columns.add(new Column(file, header.get(i), filled[i], rows));
            }
            return new Source(file, rows, keyAt.length > 0 ? key : List.of(), duplicates, columns);
        }
    }

    /** A 64-bit hash of the key's cells (FNV-1a over their characters, with a separator between cells). */
    private static long hash(String[] cells, int[] at) {
        long h = 0xcbf29ce484222325L;
        for (int i : at) {
            String c = i < cells.length && cells[i] != null ? cells[i] : "";
            for (int j = 0; j < c.length(); j++) {
                h = (h ^ c.charAt(j)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L;
        }
        return h;
    }

    private static void collect(Expr e, java.util.Set<String> out) {
        if (e instanceof Expr.Column c) {
            out.add(c.name());
        } else if (e instanceof Expr.Template t) {
            t.parts().stream().filter(p -> p.column() != null).forEach(p -> out.add(p.column().name()));
        } else if (e instanceof Expr.Call call) {
            call.args().forEach(a -> collect(a.value(), out));
        }
    }
}
