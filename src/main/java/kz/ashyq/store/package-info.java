/**
 * The on-disk TDB2 store: opening it, replacing named graphs atomically, and reading; beside it,
 * the archive of releases (a second TDB2, so that the union default graph never mixes releases),
 * the review queue of proposed links (a file: nothing in it is served), TDB2's statistics, and, on a
 * publisher, the outbox of the changes it committed as RDF Patches; on a replica, their replay.
 *
 * <p>The only package that opens transactions. Depends on {@code config}, Jena and Lucene's
 * sorter (the one jena-text brings, for sorting node ids in place); never on Kafka (the outbox is files),
 * {@code mapping} (it loads whatever a {@link kz.ashyq.store.GraphWriter} streams),
 * {@code web} or {@code cli}.
 */
package kz.ashyq.store;
