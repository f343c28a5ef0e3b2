/**
 * The mapping engine: the mapping model, the YARRRML reader, CSV reading and term generation.
 *
 * <p>A {@link kz.ashyq.mapping.Mapping} is read from a file by {@link kz.ashyq.mapping.MappingReader},
 * then {@link kz.ashyq.mapping.MappingEngine} streams the rows of its CSV sources and writes
 * triples to a Jena {@code StreamRDF}: rows in, triples out, memory bounded by the join indexes.
 *
 * <p>May depend on {@code config}, Jena's core and RIOT, Jackson (JSON sources) and SnakeYAML. CSV is
 * split by its own {@link kz.ashyq.mapping.CsvLexer}, which cuts cells out of chunks that
 * {@link kz.ashyq.mapping.CsvDecoder} decodes ahead on a thread of its own. Never imports
 * {@code store}, {@code web}, {@code server} or {@code cli}: the engine does not know where its
 * triples go, with one exception it owns: given its own N-Triples writer,
 * {@link kz.ashyq.mapping.NTriplesOutput}, it hands it the rows of common maps already encoded as
 * bytes, without making a Jena node ({@code ashyq map}'s path, where nodes were most of the work).
 */
package kz.ashyq.mapping;
