/**
 * Full-text search over the labels of the store (Lucene, the version jena-text uses), folding
 * case and the Kazakh letters, so that a query typed with or without Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І
 * finds the same entities, and a query in Latin letters ({@code kyzylorda}) finds Cyrillic labels.
 *
 * <p>It also holds the WGS84 points of the store, a spatial (BKD) index that the
 * {@code ashyq:near} property function answers from, and GeoSPARQL's spatial index
 * ({@link kz.ashyq.search.GeoIndex}: Jena's R-trees, one per named graph) that Jena's
 * topological property functions and {@code spatial:} functions answer from.
 *
 * <p>Depends on {@code config}, {@code store} (reads), the mapping package's transliteration,
 * ARQ (for the property function), Lucene and Jena GeoSPARQL. After every load the index is updated for the
 * datasets published (or rebuilt, when it was not in step with the store before), in one Lucene
 * commit, so searchers see the old index or the new one.
 */
package kz.ashyq.search;
