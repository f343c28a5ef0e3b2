package kz.ashyq.mapping;

import java.util.List;

/**
 * Predicates and objects for the subject of a row: every predicate with every object.
 *
 * @param predicates predicate term maps (IRIs)
 * @param objects object maps
 * @param graphs graph term maps; empty means the dataset's graph
 */
public record PredicateObjectMap(List<TermMap> predicates, List<ObjectMap> objects, List<TermMap> graphs) {
    /** Keeps its own copies. */
    public PredicateObjectMap {
        predicates = List.copyOf(predicates);
        objects = List.copyOf(objects);
        graphs = List.copyOf(graphs);
    }
}
