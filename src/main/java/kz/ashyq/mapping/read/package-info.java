/**
 * Reads a mapping file of any syntax ({@link kz.ashyq.mapping.read.MappingReader}): YARRRML,
 * RML, or an RDF data file taken as a dataset of its own. May use the mapping model, the two
 * syntaxes and {@code engine} (which knows RDF files).
 */
package kz.ashyq.mapping.read;
