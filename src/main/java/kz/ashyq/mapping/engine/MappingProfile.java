package kz.ashyq.mapping.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.PredicateObjectMap;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TriplesMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * What a check's sample shows of a mapping's data: rows per source, and for every predicate how
 * many of its map's rows gave it a value; with warnings for what is almost always a mistake: a
 * predicate that never gets a value (its column always empty, or a lookup that never answers),
 * triples that all have one subject (a subject template without a column), a lookup that
 * answered under half of the rows.
 */
public final class MappingProfile {

    /** Distinct subjects kept per predicate: enough to tell one from many. */
    private static final int SUBJECTS_KEPT = 2;

    private final Mapping mapping;
    private final Map<String, Long> triples = new LinkedHashMap<>();
    private final Map<String, Set<Node>> subjects = new HashMap<>();

    public MappingProfile(Mapping mapping) {
        this.mapping = mapping;
    }

    /** Where the check's triples go, to be counted. */
    public StreamRDF sink() {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                count(t.getSubject(), t.getPredicate());
            }

            @Override
            public void quad(Quad q) {
                count(q.getSubject(), q.getPredicate());
            }
        };
    }

    private void count(Node s, Node p) {
        if (p.isURI()) {
            triples.merge(p.getURI(), 1L, Long::sum);
            Set<Node> seen = subjects.computeIfAbsent(p.getURI(), k -> new HashSet<>());
            if (seen.size() < SUBJECTS_KEPT) {
                seen.add(s);
            }
        }
    }

    /** The profile as lines to print. */
    public List<String> lines(MappingReport report) {
        List<String> out = new ArrayList<>();
        report.rows().forEach((file, n) -> out.add(String.format("  %-40s %,10d rows", file.getFileName(), n)));
        expected(report).forEach((p, rows) -> {
            long n = triples.getOrDefault(p, 0L);
            out.add(String.format("  %-40s %,10d of %,d rows (%.0f%%)", shortName(p), n, rows,
                    rows == 0 ? 0.0 : 100.0 * n / rows));
        });
        report.unmatched().forEach((lookup, values) -> {
            long ambiguous = values.entrySet().stream().filter(e -> e.getKey().contains("(ambiguous: "))
                    .mapToLong(e -> e.getValue()).sum();
            long missed = values.values().stream().mapToLong(Integer::longValue).sum();
            out.add(String.format("  lookup %s: %,d rows ambiguous, %,d unmatched; the other rows matched", lookup,
                    ambiguous, missed - ambiguous));
        });
        return out;
    }

    /** What is almost always a mistake. */
    public List<String> warnings(MappingReport report) {
        List<String> out = new ArrayList<>();
        expected(report).forEach((p, rows) -> {
            long n = triples.getOrDefault(p, 0L);
            if (rows > 0 && n == 0) {
                out.add(shortName(p) + " never got a value in " + rows + " rows: is its column always empty, or "
                        + "misnamed, or does its lookup never answer?");
            } else if (n > 1 && subjects.getOrDefault(p, Set.of()).size() == 1) {
                out.add("all " + n + " values of " + shortName(p) + " have one subject: does the subject template "
                        + "lack a column?");
            }
        });
        long rows = report.totalRows();
        report.unmatched().forEach((lookup, values) -> {
            long missed = values.values().stream().mapToLong(Integer::longValue).sum();
            if (missed * 2 > rows && rows > 0) {
                out.add("the lookup " + lookup + " answered under half of the rows (" + missed + " of " + rows
                        + " did not match)");
            }
        });
        report.matchCounts().forEach((lookup, n) -> {
            if (n[0] * 2 < n[0] + n[1] + n[2]) {
                out.add("the lookup " + lookup + " matched under half of its values (" + n[0] + " of "
                        + (n[0] + n[1] + n[2]) + ")");
            }
        });
        return out;
    }

    /** Per constant predicate: the rows of the sources of the maps that use it. */
    private Map<String, Long> expected(MappingReport report) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            long rows = report.rows().getOrDefault(tm.source().file(), 0L);
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                for (TermMap p : pom.predicates()) {
                    if (p.expr() instanceof Expr.Constant c) {
                        out.merge(c.value(), rows, Long::sum);
                    }
                }
            }
        }
        return out;
    }

    private static String shortName(String iri) {
        for (Map.Entry<String, String> e : kz.ashyq.config.Namespaces.WELL_KNOWN.entrySet()) {
            if (iri.startsWith(e.getValue())) {
                return e.getKey() + ":" + iri.substring(e.getValue().length());
            }
        }
        return "<" + iri + ">";
    }
}
