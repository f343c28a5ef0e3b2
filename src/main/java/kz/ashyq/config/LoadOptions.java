package kz.ashyq.config;

import java.util.Objects;

/**
 * How to map and load datasets.
 *
 * @param base the base IRI that relative IRIs of mappings resolve against
 * @param lenient when true, a cell that does not fit its datatype is a counted warning and its
 *     triple is skipped; when false it stops the load
 * @param maxReportedErrors how many bad cells are reported one by one before only counting
 * @param warnOnShapes when true, data that violates its mapping's SHACL shapes loads with the
 *     violations reported; when false the violations stop the load
 * @param allowShrink when false, a load that would remove more than half of a dataset's triples
 *     (a truncated or header-only file, most often) stops and keeps the release served
 */
public record LoadOptions(BaseIri base, boolean lenient, int maxReportedErrors, boolean warnOnShapes,
        boolean allowShrink) {

    /** Options where shape violations stop the load. */
    public LoadOptions(BaseIri base, boolean lenient, int maxReportedErrors) {
        this(base, lenient, maxReportedErrors, false);
    }

    /** Options where a load that shrinks a dataset by more than half stops. */
    public LoadOptions(BaseIri base, boolean lenient, int maxReportedErrors, boolean warnOnShapes) {
        this(base, lenient, maxReportedErrors, warnOnShapes, false);
    }

    /** Validates at once. */
    public LoadOptions {
        Objects.requireNonNull(base, "base");
        if (maxReportedErrors < 1) {
            throw new IllegalArgumentException("maxReportedErrors " + maxReportedErrors + " must be at least 1");
        }
    }

    /** Strict options with the default error limit. */
    public static LoadOptions strict(BaseIri base) {
        return new LoadOptions(base, false, 20);
    }
}
