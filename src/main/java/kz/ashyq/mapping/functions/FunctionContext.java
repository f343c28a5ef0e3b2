package kz.ashyq.mapping.functions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.Suggest;
import kz.ashyq.mapping.source.CsvReader;

/**
 * What functions share during one run: tables loaded from other CSV files (each loaded once),
 * and the values that a lookup could not match, which the run reports.
 */
public final class FunctionContext {

    private final Path baseDir;
    private final Path within;
    /** The header of every table a compiled call was checked against, read once per run. */
    private final Map<Path, List<String>> headers;
    private Location calledAt;
    private final Map<String, LookupTable> tables = new HashMap<>();
    private final Map<String, Set<String>> codeSets = new HashMap<>();
    private final Map<String, Map<String, Integer>> misses = new LinkedHashMap<>();
    private final Set<String> missedThisRow = new HashSet<>();

    /** @param baseDir the folder that relative file names in arguments resolve against */
    public FunctionContext(Path baseDir) {
        this(baseDir, null);
    }

    /**
     * @param baseDir the folder that relative file names in arguments resolve against
     * @param within the folder files must be in (a mapping sent to a server reads only what was
     *     sent with it), or null for anywhere
     */
    public FunctionContext(Path baseDir, Path within) {
        this(baseDir, within, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private FunctionContext(Path baseDir, Path within, Map<Path, List<String>> headers) {
        this.baseDir = baseDir;
        this.within = within == null ? null : within.toAbsolutePath().normalize();
        this.headers = headers;
    }

    /**
     * A context of its own for another thread of the same run, under the same rule; the headers
     * of tables checked are shared, as every thread compiles the same maps.
     */
    public FunctionContext fresh() {
        return new FunctionContext(baseDir, within, headers);
    }

    /** Resolves a file named in a function argument. */
    public Path resolve(String file) {
        Path p = baseDir.resolve(file).toAbsolutePath().normalize();
        if (within != null && !p.startsWith(within)) {
            throw new FunctionException("'" + file + "' is not among the files sent with the mapping");
        }
        return p;
    }

    /**
     * A lookup table from one column of a CSV to another, loaded once per run.
     *
     * @param file the CSV
     * @param key the column matched
     * @param value the column returned
     * @param normalizePlaces whether keys are place names, also found by their normal form
     * @param where conditions rows must meet: {@code column=value} or {@code column^=prefix}
     */
    public LookupTable table(String file, String key, String value, boolean normalizePlaces, List<String> where) {
        String id = String.join("\u0000", file, key, value, String.valueOf(normalizePlaces), String.valueOf(where));
        return tables.computeIfAbsent(id, k -> load(file, key, value, normalizePlaces, where));
    }

    /**
     * Checks, when a mapping is compiled, that a CSV a function reads has the columns it names:
     * a mistake there is one error with its line, not a problem on every row.
     */
    void checkColumns(String file, List<String> columns, Location where) {
        Path path;
        try {
            path = resolve(file);
        } catch (FunctionException e) {
            throw new MappingException(where, e.getMessage());
        }
        List<String> header;
        try {
            header = headers.computeIfAbsent(path, p -> {
                try (CsvReader reader = CsvReader.open(new LogicalSource(p, CsvDialect.defaults(), where))) {
                    return reader.header();
                }
            });
        } catch (DataException e) {
            throw new MappingException(where, e.getMessage());
        }
        for (String c : columns) {
            if (!header.contains(c)) {
                throw new MappingException(where, "column '" + c + "' is not in " + path.getFileName()
                        + Suggest.didYouMean(c, header) + " (columns: " + header + ")");
            }
        }
    }

    /** The set of values in one column of a CSV, loaded once per run. */
    public Set<String> codes(String file, String column) {
        return codeSets.computeIfAbsent(file + "\u0000" + column, k -> {
            Set<String> set = new HashSet<>();
            readColumns(file, List.of(column), cells -> set.add(cells[0]));
            return set;
        });
    }

    /**
     * A link a looser match proposed, for a person to accept or reject: from the subject being
     * generated, by the predicate being generated, to {@code object} (a path under the base).
     *
     * @param subject the subject's IRI
     * @param predicate the predicate's IRI
     * @param object the proposed object, relative to the base IRI
     * @param value the value that was matched
     * @param label what the proposed object is called
     * @param score how close the match was, 0 to 1
     */
    public record Candidate(String subject, String predicate, String object, String value, String label, double score) {}

    private final Map<String, PlaceIndex> placeIndexes = new HashMap<>();
    private final Map<String, Candidate> candidates = new LinkedHashMap<>();
    private final Map<String, long[]> matchCounts = new LinkedHashMap<>();
    private String focusSubject;
    private String focusPredicate;

    /** The KATO units of a CSV (columns kato, level, name_ru, name_kk), indexed once per run. */
    public PlaceIndex places(String file) {
        return placeIndexes.computeIfAbsent(file, f -> {
            PlaceIndex index = new PlaceIndex();
            readColumns(f, List.of("kato", "level", "name_ru", "name_kk"), c -> index.add(c[0], c[1], c[2], c[3]));
            return index;
        });
    }

    /** Set by the engine while it makes the objects of one subject and predicate. */
    public void focus(String subject, String predicate) {
        this.focusSubject = subject;
        this.focusPredicate = predicate;
    }

    /**
     * Records a proposed link for review, when the function is making an object (a subject made
     * by the same function proposes nothing: its triples are not a link).
     */
    public void candidate(String object, String value, String label, double score) {
        if (focusSubject != null && focusPredicate != null) {
            Candidate c = new Candidate(focusSubject, focusPredicate, object, value, label, score);
            candidates.putIfAbsent(c.subject() + " " + c.predicate() + " " + c.object(), c);
        }
    }

    private final Map<String, String> claims = new HashMap<>();

    /**
     * Claims an answer of a matching lookup for one value: false when another value claimed it
     * first (two rows, "Akkol" and "Akkol’", must not both become the same unit).
     */
    public boolean claim(String lookup, String answer, String claimant) {
        return claims.computeIfAbsent(lookup + "\u0000" + answer, k -> claimant).equals(claimant);
    }

    /** Proposed links, in the order found. */
    public List<Candidate> candidates() {
        return List.copyOf(candidates.values());
    }

    /** Counts a matching function's outcome (0 matched, 1 candidate, 2 nothing) once per row and object. */
    public void count(String lookup, int outcome) {
        if (focusSubject != null) {
            matchCounts.computeIfAbsent(lookup, k -> new long[3])[outcome]++;
        }
    }

    /** Per matching lookup: rows matched, proposed for review, and matching nothing. */
    public Map<String, long[]> matchCounts() {
        return matchCounts;
    }

    /** Called by the engine as each row starts, so that a row's misses count once. */
    public void startRow() {
        missedThisRow.clear();
    }

    /** Set by the compiled call before a function runs: where the mapping calls it, for reports. */
    public void at(Location where) {
        this.calledAt = where;
    }

    /** Records a value that matched nothing in a lookup, once per row, under the mapping line that asked. */
    public void miss(String lookup, String value) {
        if (calledAt != null) {
            lookup = lookup + " [mapping " + calledAt + (focusPredicate == null ? "" : ", for <" + focusPredicate + ">")
                    + "]";
        }
        if (missedThisRow.add(lookup + "\u0000" + value)) {
            misses.computeIfAbsent(lookup, k -> new TreeMap<>()).merge(value, 1, Integer::sum);
        }
    }

    /** Unmatched values by lookup, each with how many rows had it. */
    public Map<String, Map<String, Integer>> misses() {
        return misses;
    }

    private LookupTable load(String file, String key, String value, boolean normalizePlaces, List<String> where) {
        List<String> columns = new ArrayList<>(List.of(key, value));
        List<String[]> conditions = new ArrayList<>();
        for (String w : where) {
            boolean prefix = w.contains("^=");
            String[] kv = w.split(prefix ? "\\^=" : "=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new FunctionException("condition '" + w + "' is not column=value or column^=prefix");
            }
            columns.add(kv[0].strip());
            conditions.add(new String[] {prefix ? "^" : "=", kv[1].strip()});
        }
        LookupTable table = new LookupTable(normalizePlaces);
        readColumns(file, columns, cells -> {
            for (int i = 0; i < conditions.size(); i++) {
                String[] c = conditions.get(i);
                String cell = cells[2 + i];
                if (c[0].equals("=") ? !cell.equals(c[1]) : !cell.startsWith(c[1])) {
                    return;
                }
            }
            table.add(cells[0], cells[1]);
        });
        return table;
    }

    private void readColumns(String file, List<String> columns, java.util.function.Consumer<String[]> sink) {
        Path path = resolve(file);
        LogicalSource source = new LogicalSource(path, CsvDialect.defaults(), new Location(path, 0));
        try (CsvReader reader = CsvReader.open(source)) {
            int[] idx = new int[columns.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = reader.header().indexOf(columns.get(i));
                if (idx[i] < 0) {
                    throw new FunctionException("column '" + columns.get(i) + "' is not in " + path
                            + " (columns: " + reader.header() + ")");
                }
            }
            while (reader.hasNext()) {
                String[] cells = reader.next().cells();
                String[] picked = new String[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    picked[i] = idx[i] < cells.length ? cells[idx[i]] : "";
                }
                sink.accept(picked);
            }
        }
    }
}
