/**
 * Drafts a YARRRML mapping from a CSV file or portal export ({@link kz.ashyq.mapping.draft.Drafter}):
 * the columns' kinds guessed, place columns found, written out with comments to review. May use
 * the mapping model, {@code source} and {@code functions}.
 */
package kz.ashyq.mapping.draft;
