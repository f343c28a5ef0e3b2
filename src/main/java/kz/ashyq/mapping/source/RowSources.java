package kz.ashyq.mapping.source;

import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.RowSource;

/** Opens the rows of a logical source with the reader of its format. */
public final class RowSources {

    private RowSources() {}

    /** The rows of {@code source}: CSV through {@link CsvReader}, JSON and portal exports through {@link JsonReader}. */
    public static RowSource open(LogicalSource source) {
        return source.format() == LogicalSource.Format.CSV ? CsvReader.open(source) : JsonReader.open(source);
    }
}
