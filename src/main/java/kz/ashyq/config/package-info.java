/**
 * Immutable configuration records, validated when built.
 *
 * <p>Depends on the JDK only: every other package may read configuration, and configuration
 * may read nothing of Ashyq.
 */
package kz.ashyq.config;
