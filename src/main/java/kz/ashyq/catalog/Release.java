package kz.ashyq.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.store.GraphStats;

/**
 * One load of one dataset, as the catalogue records it.
 *
 * @param info what the mapping says of the dataset
 * @param mappingFile the mapping's file name
 * @param mappingSha256 the mapping's SHA-256, which versions it
 * @param sources the CSV files read
 * @param stats counts of the loaded graph
 * @param started when the load started
 * @param ended when it was committed
 * @param rowsRejected rows with cells that were skipped (lenient loads)
 * @param unmatched values that lookups could not link, by lookup, with their row counts
 * @param spatial the KATO oblasts (IRIs) that the data is about or links to
 */
public record Release(
        DatasetInfo info,
        String mappingFile,
        String mappingSha256,
        List<SourceFile> sources,
        GraphStats stats,
        Instant started,
        Instant ended,
        long rowsRejected,
        Map<String, Map<String, Integer>> unmatched,
        List<String> spatial) {
    /** Keeps its own copies. */
    public Release {
        sources = List.copyOf(sources);
        unmatched = Map.copyOf(unmatched);
        spatial = List.copyOf(spatial);
    }
}
