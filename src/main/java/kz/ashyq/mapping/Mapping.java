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
 */
public record Mapping(Path file, Optional<DatasetInfo> dataset, Map<String, TriplesMap> triplesMaps,
        Optional<String> base) {

    /** Keeps file order. */
    public Mapping {
        triplesMaps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(triplesMaps));
    }

    /** A mapping that takes its base IRI from the run. */
    public Mapping(Path file, Optional<DatasetInfo> dataset, Map<String, TriplesMap> triplesMaps) {
        this(file, dataset, triplesMaps, Optional.empty());
    }

    /** The distinct CSV sources the mapping reads, in first-use order. */
    public List<LogicalSource> sources() {
        return triplesMaps.values().stream().map(TriplesMap::source).distinct().toList();
    }

    /** The dataset id: the one the mapping declares, else the file name without extension. */
    public String datasetId() {
        return dataset.map(DatasetInfo::id).orElseGet(() -> {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(java.util.Locale.ROOT);
        });
    }
}
