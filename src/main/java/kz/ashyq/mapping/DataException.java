package kz.ashyq.mapping;

import java.nio.file.Path;

/**
 * A CSV that breaks its mapping: a cell that does not fit its datatype, a file that is not CSV.
 * The message names the file, the row and the column, and the mapping line that asked for it.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long row;
    private final String column;

    /**
     * @param file the CSV file
     * @param row the 1-based data row (the header is row 0), or 0 when the whole file is at fault
     * @param column the column, or null
     * @param message what is wrong
     */
    public DataException(Path file, long row, String column, String message) {
        super(describe(file, row, column) + ": " + message);
        this.file = file;
        this.row = row;
        this.column = column;
    }

    public static String describe(Path file, long row, String column) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (row > 0) {
            sb.append(", row ").append(row);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        return sb.toString();
    }

    /** The CSV file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based data row, or 0. */
    public long row() {
        return row;
    }

    /** The column, or null. */
    public String column() {
        return column;
    }
}
