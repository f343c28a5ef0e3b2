package kz.ashyq.mapping.functions;

/** A function that cannot handle its input; the engine adds the file, row and column. */
public class FunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the function could not do. */
    public FunctionException(String message) {
        super(message);
    }
}
