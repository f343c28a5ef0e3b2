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
 * @param linksets triples whose object is typed in another graph, by that graph and by predicate
 */
public record GraphStats(long triples, long entities, long distinctObjects, Map<String, Long> classes,
        Map<String, Long> properties, Map<String, Map<String, Long>> linksets) {
    /** Keeps its own copies. */
    public GraphStats {
        classes = Map.copyOf(classes);
        properties = Map.copyOf(properties);
        linksets = Map.copyOf(linksets);
    }
}
