/**
 * Rows of a logical source ({@link kz.ashyq.mapping.source.RowSources}): CSV split by its own
 * {@link kz.ashyq.mapping.source.CsvLexer}, which cuts cells out of chunks that
 * {@link kz.ashyq.mapping.source.CsvDecoder} decodes ahead on a thread of its own, with the
 * encoding checked ({@link kz.ashyq.mapping.source.EncodingEvidence}); JSON records selected by
 * JSONPath; data.egov.kz exports ({@link kz.ashyq.mapping.source.PortalExport}); and the profile
 * of a source's columns. May use the mapping model only.
 */
package kz.ashyq.mapping.source;
