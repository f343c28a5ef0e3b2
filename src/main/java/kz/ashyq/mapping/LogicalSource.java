package kz.ashyq.mapping;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the rows of a triples map come from: a file, its format, and for CSV its dialect, for
 * JSON the iterator that selects the records.
 *
 * @param file the file, resolved against the mapping's folder
 * @param format CSV or JSON
 * @param dialect how a CSV file is written (ignored for JSON)
 * @param iterator the JSONPath of the records, such as {@code $[*]} (null for CSV)
 * @param where the place in the mapping that names it
 * @param mayBeEmpty whether a JSON source or portal export may yield no record; without it, none
 *     is an error (an export whose records sit under another key mapped to nothing, silently)
 */
public record LogicalSource(Path file, Format format, CsvDialect dialect, String iterator, Location where,
        boolean mayBeEmpty) {

    /** The formats sources can have. */
    public enum Format {
        /** CSV, described by a {@link CsvDialect}. */
        CSV,
        /** JSON, with JSONPath references. */
        JSON,
        /** A data.egov.kz export: the records of its {@code data} cell, as JSON. */
        PORTAL
    }

    /** Validates at once. */
    public LogicalSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** A CSV source. */
    public LogicalSource(Path file, CsvDialect dialect, Location where) {
        this(file, Format.CSV, dialect, null, where);
    }

    /** A source that must yield a record. */
    public LogicalSource(Path file, Format format, CsvDialect dialect, String iterator, Location where) {
        this(file, format, dialect, iterator, where, false);
    }

    // Two maps over the same file and description share one source: equality ignores the location.
    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalSource s && s.file.equals(file) && s.format == format && s.dialect.equals(dialect)
                && Objects.equals(s.iterator, iterator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, format, dialect, iterator);
    }
}
