/**
 * The quality of a release, measured as it is published: the EU's Metadata Quality Assessment
 * ({@link kz.ashyq.quality.Mqa}) of the release's DCAT description, and measures of the data
 * itself that MQA lacks (the columns' fullness and repeated keys, {@link kz.ashyq.mapping.source.ColumnProfile};
 * the things' properties, links and coordinates, {@link kz.ashyq.quality.DataProfile}), written as
 * W3C DQV measurements ({@link kz.ashyq.quality.Assessment}), one set per release.
 *
 * <p>Depends on {@code config}, {@code mapping} (the sources' profile), {@code catalog} (the
 * vocabulary's names and the release IRIs), Jena and Jena SHACL (DCAT-AP compliance); never on
 * {@code store}, {@code publish}, {@code web}, {@code server} or {@code cli}: the publisher runs it
 * and keeps what it says.
 */
package kz.ashyq.quality;
