/**
 * The web front: Javalin routes for pages, dereferencing (Cool URIs: 303 from a thing to its
 * document), content negotiation, the catalogue and dumps, with one exception-to-response
 * mapper.
 *
 * <p>Depends on {@code config}, {@code store} (reads only, through its read transactions),
 * {@code catalog}'s IRI scheme, {@code search}, Jena, Javalin and Pebble. Never on {@code mapping} or
 * {@code cli}. SPARQL lives in {@code queries/web/*.rq}; HTML in auto-escaping Pebble templates.
 */
package kz.ashyq.web;
