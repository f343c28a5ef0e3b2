/**
 * One release of one dataset: run its mapping into the store, check it against the mapping's
 * SHACL shapes, describe it in the catalogue and record it in the dataset's series of releases,
 * in one write transaction, so that a failed release leaves the previous one served; restoring an
 * older release; deciding on proposed links. As a release is written, things with WGS84
 * coordinates get GeoSPARQL geometries and GeoSPARQL's RDFS entailments are added.
 *
 * Every release is measured for its quality ({@code quality}), and the measurements are kept beside
 * those of the releases before.
 *
 * <p>Depends on {@code config}, {@code mapping}, {@code store}, {@code catalog}, {@code quality} and
 * Jena SHACL: it is the one place where they meet, which is why the store never needs to import the mapping
 * engine.
 */
package kz.ashyq.publish;
