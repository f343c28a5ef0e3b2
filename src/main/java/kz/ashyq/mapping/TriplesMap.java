package kz.ashyq.mapping;

import java.util.List;

/**
 * One rule of a mapping: for each row of a source, a subject, its classes and its
 * predicate-object pairs.
 *
 * @param name the map's name, unique in its mapping
 * @param source where the rows come from
 * @param subject the subject term map
 * @param classes class IRIs for {@code rdf:type}
 * @param subjectGraphs graphs for the subject's class triples; empty means the dataset's graph
 * @param predicateObjects the predicate-object maps
 * @param where the place in the mapping
 */
public record TriplesMap(
        String name,
        LogicalSource source,
        TermMap subject,
        List<String> classes,
        List<TermMap> subjectGraphs,
        List<PredicateObjectMap> predicateObjects,
        Location where) {
    /** Keeps its own copies. */
    public TriplesMap {
        classes = List.copyOf(classes);
        subjectGraphs = List.copyOf(subjectGraphs);
        predicateObjects = List.copyOf(predicateObjects);
    }
}
