package kz.ashyq.store;

import java.util.Map;

/**
 * Counts of one named graph, taken inside the transaction that wrote it.
 *
 * @param triples triples in the graph
 * @param entities distinct IRI subjects
 * @param distinctObjects distinct objects
 * @param classes instances per class
 * @param properties triples per property
 */
public record GraphStats(long triples, long entities, long distinctObjects, Map<String, Long> classes,
        Map<String, Long> properties) {
    /** Keeps its own copies. */
    public GraphStats {
        classes = Map.copyOf(classes);
        properties = Map.copyOf(properties);
    }
}
