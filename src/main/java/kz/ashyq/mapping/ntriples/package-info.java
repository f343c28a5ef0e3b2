/**
 * N-Triples and N-Quads written as bytes: terms encoded and checked as they are written
 * ({@link kz.ashyq.mapping.ntriples.NTriplesEncoder}) and a writer that takes rows already encoded
 * ({@link kz.ashyq.mapping.ntriples.NTriplesOutput}), {@code ashyq map}'s path, where making Jena
 * nodes was most of the work. Uses nothing else of the mapping.
 */
package kz.ashyq.mapping.ntriples;
