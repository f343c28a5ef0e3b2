/**
 * The SPARQL endpoints: embedded Jena Fuseki services over the store's dataset ({@code /sparql})
 * and over its archive of releases ({@code /releases}), read-only; and a CSV results writer that
 * follows the recommendation.
 *
 * <p>Depends on Jena Fuseki, Jena GeoSPARQL (its functions, registered with ARQ) and the store's
 * {@code DatasetGraph}; knows nothing of the web front
 * or the mapping engine.
 */
package kz.ashyq.sparql;
