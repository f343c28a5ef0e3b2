package kz.ashyq.store;

/** A store that cannot be opened or used as asked, with the directory named. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public StoreException(String message) {
        super(message);
    }

    /** What is wrong, with the cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
