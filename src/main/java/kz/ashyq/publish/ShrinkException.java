package kz.ashyq.publish;

/**
 * A load would remove more than half of a dataset's triples: almost always a truncated or
 * header-only file rather than a real change. The load stops and the release served stays.
 */
public final class ShrinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ShrinkException(String mapping, String id, int release, long before, long after) {
        super(mapping + ": would shrink " + id + " from " + String.format("%,d", before) + " triples (release "
                + release + ") to " + String.format("%,d", after) + (after == 0 ? ", removing all of it"
                        : ", removing " + Math.round(100.0 * (before - after) / before) + "% of it")
                + "; is the source file complete? (ashyq load --allow-shrink publishes it all the same)");
    }
}
