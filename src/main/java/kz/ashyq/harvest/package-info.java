/**
 * Harvesting data.egov.kz: its API (version 4) read page by page, politely and patiently, into a
 * folder of CSV files with the portal's description beside them and a drafted mapping for a dataset
 * that has none. What is harvested is published by the caller (the command line's {@code harvest},
 * or a server's schedule) as any mapping is, and only when the file changed.
 *
 * <p>Depends on {@code config}, {@code mapping} (to draft), Jackson, Commons CSV and the JDK's HTTP
 * client; never on {@code store}, {@code publish}, {@code web}, {@code server} or {@code cli}.
 */
package kz.ashyq.harvest;
