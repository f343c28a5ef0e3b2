/**
 * Assembles a server: the store, the embedded Fuseki endpoint and the web front in one Jetty.
 *
 * <p>Depends on {@code config}, {@code store}, {@code sparql} and {@code web}; returns the server
 * unstarted so that tests can start it on port 0.
 */
package kz.ashyq.server;
