package kz.ashyq.mapping.engine;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.functions.FunctionContext;

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

    /** Values listed one by one in {@link #describe}, per lookup. */
    private static final int SHOWN = 20;

    /**
     * What a run reported that a person must act on, as lines: problems skipped, values
     * unmatched, and the encodings it detected (all of them, or with {@code allEncodings} false
     * only those that are not UTF-8). The command line prints them; a server sends them to the
     * client that published.
     */
    public List<String> describe(String dataset, boolean allEncodings) {
        List<String> out = new ArrayList<>();
        encodings().forEach((file, enc) -> {
            if (enc.contains("detected") && (allEncodings || !enc.startsWith("UTF-8"))) {
                out.add("  " + dataset + ": read " + file.getFileName() + " as " + enc);
            }
        });
        if (problemCount() > 0) {
            out.add("  " + dataset + ": skipped " + problemSummary());
        }
        if (warningCount() > 0) {
            out.add("  " + dataset + ": " + warningCount() + " terms skipped for values that make no valid IRI:");
            warnings().forEach(w -> out.add("      " + w));
        }
        matchCounts().forEach((lookup, n) -> out.add(String.format("  %s: %s: %d of %d matched (%.1f%%), %d proposed "
                + "for review (ashyq links review), %d unmatched", dataset, lookup, n[0], n[0] + n[1] + n[2],
                100.0 * n[0] / Math.max(1, n[0] + n[1] + n[2]), n[1], n[2])));
        for (Map.Entry<String, Map<String, Integer>> e : unmatched().entrySet()) {
            out.add("  " + dataset + ": " + e.getValue().size() + (e.getValue().size() == 1 ? " value" : " values")
                    + " matched no row, or several, in " + e.getKey() + ":");
            e.getValue().entrySet().stream().limit(SHOWN).forEach(v -> out.add("      '" + v.getKey() + "' ("
                    + v.getValue() + (v.getValue() == 1 ? " row)" : " rows)")));
            if (e.getValue().size() > SHOWN) {
                out.add("      ... and " + (e.getValue().size() - SHOWN) + " more (listed on the dataset's page)");
            }
        }
        return out;
    }
}
