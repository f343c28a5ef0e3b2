/**
 * The on-disk TDB2 store: opening it, replacing named graphs atomically, and reading.
 *
 * <p>The only package that opens transactions. Depends on {@code config} and Jena; never on
 * {@code mapping} (it loads whatever a {@link kz.ashyq.store.Store.GraphWriter} streams),
 * {@code web} or {@code cli}.
 */
package kz.ashyq.store;
