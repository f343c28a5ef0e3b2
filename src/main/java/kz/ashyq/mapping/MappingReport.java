package kz.ashyq.mapping;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a mapping did: rows read and triples written per source, the encodings used,
 * problems in the data, and values that lookups could not match.
 */
public final class MappingReport {

    private final Map<Path, Long> rows = new LinkedHashMap<>();
    private final Map<Path, String> encodings = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final int maxProblems;
    private long problemCount;
    private final List<String> warnings = new ArrayList<>();
    private long warningCount;
    private long triples;
    private Map<String, Map<String, Integer>> unmatched = Map.of();
    private List<FunctionContext.Candidate> candidates = List.of();
    private Map<String, long[]> matchCounts = Map.of();

    /** @param maxProblems how many problems are kept one by one; the rest are only counted */
    public MappingReport(int maxProblems) {
        this.maxProblems = maxProblems;
    }

    void rows(Path file, long count) {
        rows.merge(file, count, Long::sum);
    }

    void encoding(Path file, Charset charset, boolean detected) {
        encodings.put(file, charset.name() + (detected ? " (detected)" : ""));
    }

    void problem(String message) {
        problemCount++;
        if (problems.size() < maxProblems) {
            problems.add(message);
        }
    }

    void warning(String message) {
        warningCount++;
        if (warnings.size() < maxProblems) {
            warnings.add(message);
        }
    }

    /** The first data errors whose terms were skipped (IRIs that a value made invalid). */
    public List<String> warnings() {
        return warnings;
    }

    /** How many terms were skipped for data errors. */
    public long warningCount() {
        return warningCount;
    }

    void triples(long count) {
        triples = count;
    }

    void candidates(List<FunctionContext.Candidate> candidates, Map<String, long[]> matchCounts) {
        this.candidates = List.copyOf(candidates);
        this.matchCounts = Map.copyOf(matchCounts);
    }

    /** Links that looser matching proposed, for review. */
    public List<FunctionContext.Candidate> candidates() {
        return candidates;
    }

    /** Per matching lookup: values matched, proposed for review, and matching nothing. */
    public Map<String, long[]> matchCounts() {
        return matchCounts;
    }

    void unmatched(Map<String, Map<String, Integer>> misses) {
        this.unmatched = misses;
    }

    /** Data rows read, by CSV file. */
    public Map<Path, Long> rows() {
        return rows;
    }

    /** All data rows read. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The encoding each file was read in. */
    public Map<Path, String> encodings() {
        return encodings;
    }

    /** Triples (and quads) written. */
    public long triples() {
        return triples;
    }

    /** The first problems, each naming file, row and column. */
    public List<String> problems() {
        return problems;
    }

    /** How many problems there were in all. */
    public long problemCount() {
        return problemCount;
    }

    /** Values that matched nothing, by lookup, each with its number of rows. */
    public Map<String, Map<String, Integer>> unmatched() {
        return unmatched;
    }

    /** The problems as one message, with a count of those not listed. */
    public String problemSummary() {
        StringBuilder sb = new StringBuilder();
        sb.append(problemCount).append(problemCount == 1 ? " problem" : " problems").append(" in the data:");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        if (problemCount > problems.size()) {
            sb.append(System.lineSeparator()).append("  ... and ").append(problemCount - problems.size()).append(" more");
        }
        return sb.toString();
    }
}
