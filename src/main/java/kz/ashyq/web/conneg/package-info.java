/**
 * Content negotiation as one pure function from a request's {@code Accept} header and
 * {@code ?format=} parameter to a format. No I/O, no framework types: table-driven tests call
 * it directly.
 */
package kz.ashyq.web.conneg;
