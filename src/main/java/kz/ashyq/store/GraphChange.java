package kz.ashyq.store;

/**
 * What replacing a graph did: the new graph's counts, and how it differs from the graph it replaced.
 *
 * @param stats the counts of the graph now
 * @param diff the triples added and removed
 */
public record GraphChange(GraphStats stats, GraphDiff diff) {}
