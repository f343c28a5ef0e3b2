package kz.ashyq.publish;

import kz.ashyq.catalog.Release;
import kz.ashyq.mapping.MappingReport;

/**
 * What a release did.
 *
 * @param release what the catalogue recorded
 * @param report what the mapping run reported
 * @param outcome the release it made, or the one it found unchanged
 * @param shapeViolations violations of the mapping's shapes that a load told to warn let through
 */
public record PublishResult(Release release, MappingReport report, Publisher.Outcome outcome,
        java.util.List<String> shapeViolations) {}
