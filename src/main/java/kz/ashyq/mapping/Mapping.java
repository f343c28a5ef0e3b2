package kz.ashyq.mapping;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole mapping definition, read from one file: its triples maps and what it says about its
 * dataset. Both YARRRML and RML compile to this.
 *
 * @param file the mapping file
 * @param dataset the dataset it produces, when the mapping says
 * @param triplesMaps the triples maps by name, in file order
 * @param base the base IRI the mapping declares for relative IRIs (RML's {@code @base}); when
 *     empty, the run's base
 * @param shapes SHACL shapes files the mapped data must conform to
 */
public record Mapping(Path file, Optional<DatasetInfo> dataset, Map<String, TriplesMap> triplesMaps,
        Optional<String> base, List<Path> shapes) {

    /** Keeps file order. */
    public Mapping {
        triplesMaps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(triplesMaps));
        shapes = List.copyOf(shapes);
    }

    /** A mapping without shapes. */
    public Mapping(Path file, Optional<DatasetInfo> dataset, Map<String, TriplesMap> triplesMaps,
            Optional<String> base) {
        this(file, dataset, triplesMaps, base, List.of());
    }

    /**
     * The columns whose cells make the objects of a predicate, in file order: what a
     * violation on that predicate points back to.
     */
    public List<String> columnsOf(String predicateIri) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (TriplesMap tm : triplesMaps.values()) {
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                boolean match = pom.predicates().stream().anyMatch(
                        p -> p.expr() instanceof Expr.Constant c && c.value().equals(predicateIri));
                if (match) {
                    pom.objects().forEach(o -> {
                        if (o instanceof ObjectMap.Term t) {
                            columns(t.term().expr(), out);
                        }
                    });
                }
            }
        }
        return List.copyOf(out);
    }

    /** The predicates of its predicate-object maps that are constants, as written (relative IRIs unresolved). */
    public java.util.Set<String> constantPredicates() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (TriplesMap tm : triplesMaps.values()) {
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                pom.predicates().forEach(p -> {
                    if (p.expr() instanceof Expr.Constant c) {
                        out.add(c.value());
                    }
                });
            }
        }
        return out;
    }

    private static void columns(Expr e, java.util.Set<String> out) {
        if (e instanceof Expr.Column c) {
            out.add(c.name());
        } else if (e instanceof Expr.Template t) {
            t.parts().stream().filter(p -> p.column() != null).forEach(p -> out.add(p.column().name()));
        } else if (e instanceof Expr.Call call) {
            call.args().forEach(a -> columns(a.value(), out));
        }
    }

    /** A mapping that takes its base IRI from the run. */
    public Mapping(Path file, Optional<DatasetInfo> dataset, Map<String, TriplesMap> triplesMaps) {
        this(file, dataset, triplesMaps, Optional.empty());
    }

    /** The distinct CSV sources the mapping reads, in first-use order. */
    public List<LogicalSource> sources() {
        return triplesMaps.values().stream().map(TriplesMap::source).distinct().toList();
    }

    /**
     * The dataset id: the one the mapping declares, else made from the file name up to its first
     * dot ({@code registry.rml.ttl} and {@code registry.yml} are {@code registry}) as a
     * {@link Transliteration#slug}: Latin lower case, every run of other characters one {@code -}
     * ({@code Post_Offices.yml} is {@code post-offices}, {@code Мектептер.yml} {@code mektepter}).
     *
     * @throws MappingException when the file name has no letter or digit to make one of
     */
    public String datasetId() {
        return dataset.map(DatasetInfo::id).orElseGet(() -> {
            String name = file.getFileName().toString();
            int dot = name.indexOf('.');
            String id = Transliteration.slug(dot > 0 ? name.substring(0, dot) : name);
            if (id.isEmpty()) {
                throw new MappingException(new Location(file, 0), "no dataset id can be made from the file name '"
                        + name + "': rename the file, or give the id in the mapping (YARRRML: dataset: id:)");
            }
            return id;
        });
    }
}
