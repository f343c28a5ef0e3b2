/**
 * The SPARQL endpoint: an embedded Jena Fuseki service over the store's dataset, read-only.
 *
 * <p>Depends on Jena Fuseki and the store's {@code DatasetGraph}; knows nothing of the web front
 * or the mapping engine.
 */
package kz.ashyq.sparql;
