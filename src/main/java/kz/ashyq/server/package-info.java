/**
 * Assembles a server: the store, the embedded Fuseki endpoint and the web front in one Jetty.
 *
 * <p>Depends on {@code config}, {@code store}, {@code sparql}, {@code search}, {@code web} and
 * {@code replication} (a publisher's sender or a replica's follower, whose applied changes it passes
 * on to the indexes), {@code harvest} (the datasets it harvests from data.egov.kz on a schedule and
 * publishes through its queue), and on
 * {@code publish}, the mapping model's reader and the catalogue's release records for the one
 * admin route that publishes into the running server ({@code /admin/publish}); returns the server unstarted so that tests can start
 * it on port 0. Its front filters ({@code FrontFilters}, one concern each) apply the limits of each route's cost class, CORS and the
 * admin token, log every request and feed {@code /metrics}.
 */
package kz.ashyq.server;
