package kz.ashyq.mapping;

/**
 * A mapping that cannot be used: a syntax error, an unknown column, a bad template, an unknown
 * function. The message names the mapping file and line.
 */
public class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem at a known place of the mapping. */
    public MappingException(Location where, String message) {
        super(where + ": " + message);
    }

    /** A problem at a known place of the mapping, with its cause. */
    public MappingException(Location where, String message, Throwable cause) {
        super(where + ": " + message, cause);
    }
}
