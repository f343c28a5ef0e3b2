/**
 * The mapping model: a {@link kz.ashyq.mapping.Mapping} of triples maps, their logical sources
 * (with CSV dialects in CSVW terms), term maps and expressions, where each part was written
 * ({@link kz.ashyq.mapping.Location}), and the errors that name that place.
 *
 * <p>The mapping engine is split into parts under this package, with dependencies running one
 * way (checked by {@code ArchitectureTest}):
 * <ul>
 *   <li>{@code source}: rows of CSV, JSON and data.egov.kz exports; uses the model;</li>
 *   <li>{@code functions}: the mapping functions and their lookup tables; uses the model and {@code source};</li>
 *   <li>{@code ntriples}: N-Triples bytes, checked as written; uses nothing else of the mapping;</li>
 *   <li>{@code engine}: compiles a mapping and streams rows to triples, with joins, parallel runs and provenance;
 *       uses the model, {@code source}, {@code functions} and {@code ntriples};</li>
 *   <li>{@code yarrrml} and {@code rml}: the two syntaxes, read into the model (and RML written out);
 *       use the model, {@code functions} and, for portal exports, {@code source};</li>
 *   <li>{@code read}: reads a mapping file of any syntax; uses the syntaxes and the engine (for RDF files);</li>
 *   <li>{@code draft}: drafts a mapping from a CSV file; uses the model, {@code source} and {@code functions}.</li>
 * </ul>
 *
 * <p>The model uses nothing else of the mapping. The whole of {@code mapping} may depend on
 * {@code config}, Jena's core and RIOT, Jackson (JSON sources) and SnakeYAML, and never imports
 * {@code store}, {@code web}, {@code server} or {@code cli}: the engine does not know where its
 * triples go.
 */
package kz.ashyq.mapping;
