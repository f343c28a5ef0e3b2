package kz.ashyq.harvest;

/**
 * A harvest that could not be done. {@link #badInput()} says whether the request was at fault (a
 * dataset or version the portal does not have, a key it refuses), which a person must mend, rather
 * than the portal (down, failing, too slow), which a later attempt may get past.
 */
public final class PortalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean badInput;

    PortalException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    /** Whether the request, not the portal, is at fault. */
    public boolean badInput() {
        return badInput;
    }
}
