/**
 * Runs a mapping: {@link kz.ashyq.mapping.engine.MappingEngine} compiles each triples map
 * ({@link kz.ashyq.mapping.engine.Compiler}), streams the rows of its sources and writes triples
 * to a Jena {@code StreamRDF}, or as bytes to its own N-Triples writer: rows in, triples out,
 * memory bounded by the join indexes. Also joins across maps, parallel runs, provenance, the
 * run's report and RDF files taken as datasets of their own. May use the mapping model,
 * {@code source}, {@code functions} and {@code ntriples}.
 */
package kz.ashyq.mapping.engine;
