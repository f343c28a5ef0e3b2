package kz.ashyq.mapping;

import java.util.Objects;
import java.util.Set;

/**
 * How a CSV file is written, in the terms of the CSVW dialect description.
 *
 * @param encoding a charset name, or null to detect (UTF-8 with or without BOM, else
 *     windows-1251)
 * @param delimiter the cell separator
 * @param quote the quote character
 * @param escape the escape character, or null when quotes are doubled
 * @param header whether the first row (after skipped rows) names the columns
 * @param skipRows rows to skip before the header or the data
 * @param trim whether to strip spaces around cells
 * @param nullValues cell values that mean "no value" (the empty cell is always one)
 */
public record CsvDialect(
        String encoding,
        char delimiter,
        char quote,
        Character escape,
        boolean header,
        int skipRows,
        boolean trim,
        Set<String> nullValues) {

    /** Validates at once. */
    public CsvDialect {
        if (skipRows < 0) {
            throw new IllegalArgumentException("skipRows " + skipRows + " is negative");
        }
        if (delimiter == quote) {
            throw new IllegalArgumentException("delimiter and quote are both '" + delimiter + "'");
        }
        nullValues = Set.copyOf(Objects.requireNonNull(nullValues, "nullValues"));
    }

    /** RFC 4180 with a header row; encoding detected; cells trimmed, as portals pad them. */
    public static CsvDialect defaults() {
        return new CsvDialect(null, ',', '"', null, true, 0, true, Set.of(""));
    }
}
