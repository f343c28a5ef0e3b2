package kz.ashyq.mapping;

/**
 * A cell a term cannot be made from. Thrown per row and caught by the engine, which adds the
 * file and row; no stack trace is filled in, as a bad file may raise many.
 */
final class CellProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String column;

    CellProblem(String column, String message) {
        super(message, null, false, false);
        this.column = column;
    }
}
