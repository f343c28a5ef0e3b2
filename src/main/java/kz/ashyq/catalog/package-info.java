/**
 * The DCAT catalogue, with VoID statistics and PROV provenance, built from what a mapping says
 * of its dataset and from the statistics of its load.
 *
 * <p>Depends on {@code config}, the mapping model's {@link kz.ashyq.mapping.DatasetInfo}, the
 * store's {@link kz.ashyq.store.GraphStats} and Jena's graph API. Produces graphs; does not
 * write them anywhere and opens no transaction.
 */
package kz.ashyq.catalog;
