/**
 * One release of one dataset: run its mapping into the store and describe it in the
 * catalogue, in one write transaction, so that a failed release leaves the previous one served.
 *
 * <p>Depends on {@code config}, {@code mapping}, {@code store} and {@code catalog}: it is the one
 * place where the three meet, which is why the store never needs to import the mapping engine.
 */
package kz.ashyq.publish;
