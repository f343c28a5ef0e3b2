package kz.ashyq.mapping;

/**
 * A cell a term cannot be made from. Thrown per row and caught by the engine, which adds the
 * file and row; no stack trace is filled in, as a bad file may raise many. R2RML calls an IRI
 * that a value makes invalid a data error: its triples are skipped and counted as warnings, while
 * a value that does not fit its declared datatype is an error.
 */
public final class CellProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final String column;
    /** False for data errors that only drop a term (an IRI that is not valid), true for errors. */
    public final boolean fatal;

    public CellProblem(String column, String message) {
        this(column, message, true);
    }

    public CellProblem(String column, String message, boolean fatal) {
        super(message, null, false, false);
        this.column = column;
        this.fatal = fatal;
    }
}
