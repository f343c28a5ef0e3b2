package kz.ashyq.store;

import java.util.Set;

/**
 * What replacing a graph did: the new graph's counts, and how it differs from the graph it replaced.
 *
 * @param stats the counts of the graph now
 * @param diff the triples added and removed
 * @param subjects the IRIs of the subjects of the triples added or removed, so that what follows
 *     the store (the search index) updates only those; null when more than
 *     {@link Store#SUBJECTS_KEPT} triples changed
 * @param typesChanged whether an {@code rdf:type} triple was added or removed: the links of other
 *     graphs into this one (see {@link WriteSession#linksInto}) can have changed only then
 * @param fingerprinted whether the previous release's fingerprint told what changed, rather than
 *     the graph itself (see {@link Fingerprints})
 */
public record GraphChange(GraphStats stats, GraphDiff diff, Set<String> subjects, boolean typesChanged,
        boolean fingerprinted) {}
