/**
 * The on-disk TDB2 store: opening it, replacing named graphs atomically, and reading; beside it,
 * the archive of releases (a second TDB2, so that the union default graph never mixes releases),
 * the review queue of proposed links (a file: nothing in it is served), and TDB2's statistics.
 *
 * <p>The only package that opens transactions. Depends on {@code config}, Jena and Lucene's
 * sorter (the one jena-text brings, for sorting node ids in place); never on
 * {@code mapping} (it loads whatever a {@link kz.ashyq.store.GraphWriter} streams),
 * {@code web} or {@code cli}.
 */
package kz.ashyq.store;
