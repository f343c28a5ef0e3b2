/**
 * The SPARQL endpoints: embedded Jena Fuseki services over the store's dataset ({@code /sparql})
 * and over its archive of releases ({@code /releases}), read-only; a query engine in front of
 * TDB2's that answers counts and the first rows in order of one pattern on the quad indexes'
 * records, intersects the subjects of triples with given predicates and objects, joins on a filter
 * of equal IRIs, joins many rows to a predicate's values read once, groups counts and evaluates
 * filters on node ids, and orders filtered patterns by the statistics
 * ({@link kz.ashyq.sparql.AnalyticEngine}), what it keeps between queries bounded by one setting;
 * the cap on an answer's rows, set on the query parsed for the request, and the parses of query
 * texts sent before, kept and copied for each request; and results writers: CSV as the
 * recommendation writes it, JSON through Jackson.
 *
 * <p>Depends on {@code store} (its {@link kz.ashyq.store.ReadMemo}, for counts, predicates' values,
 * reads left partway and value filters' objects kept per data version), Jena Fuseki, Jackson's streaming generator, Jena GeoSPARQL (its
 * functions, registered with ARQ) and TDB2's indexes (read inside the query's own transaction: it opens none); knows
 * nothing of the web front or the mapping engine.
 */
package kz.ashyq.sparql;
