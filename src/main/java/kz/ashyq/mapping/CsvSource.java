package kz.ashyq.mapping;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A CSV file and its dialect: a logical source.
 *
 * @param file the file, resolved against the mapping's folder
 * @param dialect how it is written
 * @param where the place in the mapping that names it
 */
public record CsvSource(Path file, CsvDialect dialect, Location where) {
    /** Validates at once. */
    public CsvSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dialect, "dialect");
    }

    // Two maps over the same file and dialect share one source: equality ignores the location.
    @Override
    public boolean equals(Object o) {
        return o instanceof CsvSource s && s.file.equals(file) && s.dialect.equals(dialect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, dialect);
    }
}
