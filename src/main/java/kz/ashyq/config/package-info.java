/**
 * Immutable configuration records, validated when built; the IRI scheme ({@link kz.ashyq.config.BaseIri}
 * mints every IRI) and the vocabulary names every package shares ({@link kz.ashyq.config.Namespaces}).
 *
 * <p>Depends on the JDK only: every other package may read configuration, and configuration
 * may read nothing of Ashyq.
 */
package kz.ashyq.config;
