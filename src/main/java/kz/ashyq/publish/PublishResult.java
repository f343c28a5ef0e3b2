package kz.ashyq.publish;

import kz.ashyq.catalog.Release;
import kz.ashyq.mapping.MappingReport;

/**
 * What a release did.
 *
 * @param release what the catalogue recorded
 * @param report what the mapping run reported
 */
public record PublishResult(Release release, MappingReport report) {}
