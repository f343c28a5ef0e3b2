package kz.ashyq.publish;

import kz.ashyq.catalog.Release;
import kz.ashyq.mapping.engine.MappingReport;

/**
 * What a release did.
 *
 * @param release what the catalogue recorded
 * @param report what the mapping run reported
 * @param outcome the release it made, or the one it found unchanged
 * @param shapeViolations violations of the mapping's shapes that a load told to warn let through
 * @param changedSubjects the IRIs of the subjects whose triples changed, or null when too many did
 *     to list (see {@link kz.ashyq.store.GraphChange#subjects})
 * @param typesChanged whether the release added or removed an {@code rdf:type}: only then can the
 *     other datasets' links into it have changed ({@link Publisher#refreshLinksets})
 */
public record PublishResult(Release release, MappingReport report, Publisher.Outcome outcome,
        java.util.List<String> shapeViolations, java.util.Set<String> changedSubjects, boolean typesChanged) {

    /** What {@code ashyq load} says of a release, as lines, on the command line or from a server. */
    public java.util.List<String> summary(double seconds) {
        String id = release.info().id();
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(String.format("  %-18s %,8d rows -> %,9d triples, %,7d entities  %5.1fs", id, report.totalRows(),
                release.stats().triples(), release.stats().entities(), seconds));
        out.add(String.format("  %-18s %s", "", outcome.unchanged() ? "unchanged: same triples as release "
                + outcome.number() : String.format("release %d: +%,d / -%,d triples", outcome.number(),
                        outcome.diff().added(), outcome.diff().removed())));
        out.addAll(report.describe(id, false));
        if (!shapeViolations.isEmpty()) {
            out.add(String.format("  %s: %d violation%s of its shapes, loaded as told (--warn-shapes):", id,
                    shapeViolations.size(), shapeViolations.size() == 1 ? "" : "s"));
            shapeViolations.stream().limit(20).forEach(v -> out.add("      " + v));
        }
        return out;
    }
}
