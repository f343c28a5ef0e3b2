package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

/**
 * A basic graph pattern's triples joined by their predicate's records read once
 * ({@link OpColumnJoins}, {@link ColumnStage}) give plain ARQ's answers: random patterns, alone,
 * after {@code VALUES}, inside {@code OPTIONAL}, grouped and filtered, answered with the rewrites
 * on and off and compared; both ways of joining taken; a kept column dropped by a write.
 */
class ColumnJoinTest extends RewriteFixture {

    /** A random connected pattern of 2 to 4 triples, each after the first sharing a variable with one before it. */
    private static String pattern(Random random, String prefix) {
        List<String> used = new ArrayList<>(List.of("?a"));
        List<String> triples = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String shared = used.get(random.nextInt(used.size()));
            String other;
            int kind = random.nextInt(8);
            if (kind == 0) {
                other = "<" + EX + "s" + random.nextInt(300) + ">";
            } else if (kind == 7) {
                other = "<" + EX + (random.nextBoolean() ? "Common" : "Type" + random.nextInt(5)) + ">";
            } else if (kind == 1 && used.size() > 1) {
                other = used.get(random.nextInt(used.size())); // a cycle: both ends bound
            } else {
                other = "?" + prefix + i;
                used.add(other);
            }
            // p6 is a long list of one object: after a triple of few rows, those few are looked up
            // (at most once: two of them joined on the object are a cross product of 9,000 squared)
            int p = random.nextInt(10) == 0 && !String.join(" ", triples).contains("p6") ? 6 : random.nextInt(5);
            String predicate = "<" + EX + "p" + p + ">";
            triples.add(random.nextBoolean() ? shared + " " + predicate + " " + other : other + " " + predicate + " " + shared);
        }
        java.util.Collections.shuffle(triples, random);
        return String.join(" . ", triples);
    }

    private static String query(Random random) {
        String where = pattern(random, "v");
        return switch (random.nextInt(9)) {
            case 0 -> "SELECT * { VALUES ?a { <" + EX + "s" + random.nextInt(300) + "> <" + EX + "s" + random.nextInt(300)
                    + "> } " + where + " }";
            case 1 -> "SELECT * { ?a <" + EX + "p" + random.nextInt(5) + "> ?z OPTIONAL { " + where + " } }";
            case 2 -> "SELECT ?a (COUNT(*) AS ?n) { " + where + " } GROUP BY ?a";
            case 3 -> "SELECT * { " + where + " FILTER (isIRI(?a)) }";
            // filters on a variable the pattern binds in its middle, and on one it never binds
            case 6 -> "SELECT * { " + where + " FILTER (?v1 != <" + EX + "s" + random.nextInt(300) + ">) FILTER (!bound(?none)) }";
            case 7 -> "SELECT * { " + where + " FILTER (?v0 > 10 || isIRI(?v0)) }";
            // a filter that holds a pattern reading a variable bound late in the pattern
            case 8 -> "SELECT * { " + where + " FILTER (NOT EXISTS { ?a <" + EX + "p2> ?v" + random.nextInt(4) + " }) }";
            case 4 -> "SELECT * { " + where + " . " + pattern(random, "w").replace("p6", "p3") + " }";
            default -> "SELECT * { " + where + " }";
        };
    }

    @Test
    void randomPatternsGivePlainArqsAnswers() {
        Random random = new Random(SEED + 7);
        long before = ColumnStage.READ_WHOLE.sum();
        int compared = 0;
        for (int i = 0; i < 200; i++) {
            compared += compare(query(random)) ? 1 : 0;
        }
        assertTrue(compared >= 150, "only " + compared + " of 200 answers small enough to compare, seed " + SEED);
        assertTrue(ColumnStage.READ_WHOLE.sum() > before, "some joins read their predicate's records whole");
    }

    @Test
    void patternsInsideExistsGivePlainArqsAnswers() {
        // EXISTS runs its pattern once per row, each a column join fed one row
        Random random = new Random(SEED + 41);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            String q = "SELECT * { ?a <" + EX + "p" + random.nextInt(5) + "> ?z FILTER (" + (random.nextBoolean() ? "NOT " : "")
                    + "EXISTS { " + pattern(random, "w") + " }) }";
            compared += compare(q) ? 1 : 0;
        }
        assertTrue(compared >= 120, "only " + compared + " of 150 compared, seed " + SEED);
        // BSBM's business-intelligence query 7 in small: 9,300 rows, each a NOT EXISTS of a chain
        // ending in a constant; past the first rows its predicates are read whole and probed
        Txn.executeWrite(dsg, () -> dsg.add(NodeFactory.createURI(EX + "graph/0"), NodeFactory.createURI(EX + "s1"),
                NodeFactory.createURI(EX + "p9"), NodeFactory.createURI(EX + "s2"))); // a new data version: nothing kept
        long before = ColumnStage.READ_WHOLE.sum();
        String q = "SELECT ?x { ?x <" + EX + "p6> <" + EX + "Common> FILTER NOT EXISTS { ?x <" + EX + "p1> ?y . ?y <"
                + EX + "p2> ?w . ?w <" + EX + "p6> <" + EX + "Common> } }";
        assertTrue(compare(q));
        assertTrue(ColumnStage.READ_WHOLE.sum() > before, "the pattern's predicates were read whole");
    }

    @Test
    void fewRowsAreLookedUpOneByOne() {
        // two rows to look up in p6's 9,000 records: a descent each, no column
        String q = "SELECT * { VALUES ?a { <" + EX + "t3> <" + EX + "s4> } ?a <" + EX + "p6> ?o . ?x <" + EX + "p1> ?a }";
        long before = ColumnStage.READ_WHOLE.sum();
        compare(q);
        assertEquals(before, ColumnStage.READ_WHOLE.sum());
        assertTrue(plan(q).contains("columnJoins"), plan(q));
    }

    @Test
    void aKeptColumnIsDroppedByAWrite() {
        String q = "SELECT * { ?a <" + EX + "p1> ?b . ?b <" + EX + "p2> ?c }";
        compare(q);
        long read = ColumnStage.READ_WHOLE.sum();
        compare(q);
        assertEquals(read, ColumnStage.READ_WHOLE.sum(), "the second query finds the column kept");
        String fresh = EX + "fresh";
        Txn.executeWrite(dsg, () -> {
            dsg.add(NodeFactory.createURI(EX + "graph/2"), NodeFactory.createURI(EX + "s7"),
                    NodeFactory.createURI(EX + "p1"), NodeFactory.createURI(EX + "s8"));
            dsg.add(NodeFactory.createURI(EX + "graph/3"), NodeFactory.createURI(EX + "s8"),
                    NodeFactory.createURI(EX + "p2"), NodeFactory.createURI(fresh));
        });
        compare(q);
        assertTrue(rows(run(q, true)).stream().anyMatch(r -> r.contains(fresh)), "the write is seen");
    }

    @Test
    void aReadLeftPartwayIsTakenUpByTheNextQuery() {
        // a write first: nothing kept by the tests before holds for the data after it
        Txn.executeWrite(dsg, () -> dsg.add(NodeFactory.createURI(EX + "graph/3"), NodeFactory.createURI(EX + "s9"),
                NodeFactory.createURI(EX + "p0"), NodeFactory.createURI(EX + "partway")));
        // 260 rows to check against p6's 9,270 records of <Common>: the rows pay for about 8,600
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 260; i++) {
            values.append(" <").append(EX).append(i % 2 == 0 ? "t" : "s").append(i).append('>');
        }
        for (String object : List.of("<" + EX + "Common>", "?c")) {
            String q = "SELECT * { VALUES ?a {" + values + " } ?a <" + EX + "p6> " + object + " . ?a ?p ?o }";
            assertTrue(plan(q).contains("columnJoins"), plan(q));
            long before = ColumnStage.READ_WHOLE.sum();
            compare(q);
            assertEquals(before, ColumnStage.READ_WHOLE.sum(), "the first query reads part of the records");
            compare(q);
            assertEquals(before + 1, ColumnStage.READ_WHOLE.sum(), "the second reads on to their end");
            compare(q);
            assertEquals(before + 1, ColumnStage.READ_WHOLE.sum(), "the third finds the column kept");
        }
    }

    @Test
    void rowsTooFewToReadForAreCountedAcrossQueries() {
        Txn.executeWrite(dsg, () -> dsg.add(NodeFactory.createURI(EX + "graph/3"), NodeFactory.createURI(EX + "s8"),
                NodeFactory.createURI(EX + "p0"), NodeFactory.createURI(EX + "fewRows")));
        // 100 rows a query, fewer than MIN_ROWS: no one query starts reading p6's records
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            values.append(" <").append(EX).append(i % 2 == 0 ? "t" : "s").append(i * 3).append('>');
        }
        String q = "SELECT * { VALUES ?a {" + values + " } ?a <" + EX + "p6> ?c . ?a ?p ?o }";
        long before = ColumnStage.READ_WHOLE.sum();
        compare(q);
        assertEquals(before, ColumnStage.READ_WHOLE.sum(), "one query of 100 rows reads nothing");
        int queries = 1;
        while (ColumnStage.READ_WHOLE.sum() == before && queries < 8) {
            compare(q);
            queries++;
        }
        assertEquals(before + 1, ColumnStage.READ_WHOLE.sum(), "the rows of " + queries + " queries paid for a read");
        compare(q);
        assertEquals(before + 1, ColumnStage.READ_WHOLE.sum(), "the next query finds the column kept");
    }

    @Test
    void withNoMemoryToKeepEveryQueryReadsForItself() {
        Txn.executeWrite(dsg, () -> dsg.add(NodeFactory.createURI(EX + "graph/3"), NodeFactory.createURI(EX + "s7"),
                NodeFactory.createURI(EX + "p0"), NodeFactory.createURI(EX + "noMemory")));
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            values.append(" <").append(EX).append("s").append(i).append('>');
        }
        String q = "SELECT * { VALUES ?a {" + values + " } ?a <" + EX + "p6> ?c }";
        AnalyticEngine.keepMemory(0);
        try {
            for (int i = 0; i < 3; i++) {
                long before = ColumnStage.READ_WHOLE.sum();
                compare(q);
                assertEquals(before + 1, ColumnStage.READ_WHOLE.sum(), "query " + i + " reads the records whole again");
            }
        } finally {
            AnalyticEngine.keepMemory(AnalyticEngine.DEFAULT_KEPT_BYTES);
        }
        long before = ColumnStage.READ_WHOLE.sum();
        compare(q);
        compare(q);
        assertEquals(before + 1, ColumnStage.READ_WHOLE.sum(), "with memory again, the second query finds the column kept");
    }

    /** A random count of a join whose last triple joins a new variable, or a shape beside it. */
    private static String countQuery(Random random) {
        String[] filters = {"?v > 10", "isIRI(?v)", "lang(?v) = 'kk'", "STRSTARTS(STR(?v), 'name')", "?v != <" + EX + "s5>"};
        String p = "<" + EX + "p" + random.nextInt(5) + ">";
        String q = "<" + EX + "p" + random.nextInt(5) + ">";
        String last = random.nextBoolean() ? "?k " + p + " ?u" : "?u " + p + " ?k";
        String filter = "FILTER (" + filters[random.nextInt(filters.length)] + ")";
        String counts = random.nextInt(4) == 0 ? "(COUNT(DISTINCT ?k) AS ?n)" : random.nextInt(4) == 0 ? "(COUNT(?u) AS ?n)"
                : "(COUNT(*) AS ?n) (COUNT(?k) AS ?m)";
        String where = switch (random.nextInt(6)) {
            case 0 -> last + " . ?u " + q + " ?v " + filter; // values first, then the triple
            case 1 -> "?a " + q + " ?u " + filter.replace("?v", "?u") + " " + last; // a sequence
            case 2 -> "VALUES ?u { <" + EX + "s" + random.nextInt(300) + "> <" + EX + "s" + random.nextInt(300) + "> 7 } " + last;
            case 3 -> "{ ?a " + q + " ?u } UNION { <" + EX + "s1> " + q + " ?b } " + last; // rows without ?u
            case 4 -> (random.nextBoolean() ? "?u " + q + " <" + EX + "Type" + random.nextInt(5) + ">"
                    : "<" + EX + "s" + random.nextInt(300) + "> " + q + " ?u") + " . " + last; // one constant end
            default -> "?u " + q + " ?v " + filter + " " + last;
        };
        return "SELECT " + counts + " { " + where + " }" + (random.nextInt(6) == 0 ? " GROUP BY ?u" : "");
    }

    @Test
    void countsOfJoinsGivePlainArqsAnswers() {
        Random random = new Random(SEED + 11);
        int rewritten = 0;
        for (int i = 0; i < 150; i++) {
            String q = countQuery(random);
            boolean compared = compare(q);
            rewritten += compared && plan(q).contains("countJoin") ? 1 : 0;
        }
        assertTrue(rewritten > 30, "only " + rewritten + " of 150 counted on the index, seed " + SEED);
        String units = "SELECT (COUNT(?k) AS ?n) { ?k <" + EX + "p1> ?u . ?u <" + EX + "p2> ?v FILTER (?v > 10) }";
        assertTrue(plan(units).contains("countJoin"), plan(units));
        for (String shape : List.of("SELECT (COUNT(DISTINCT ?k) AS ?n) { ?k <" + EX + "p1> ?u . ?u <" + EX + "p2> ?v FILTER (?v > 10) }",
                "SELECT (COUNT(?u) AS ?n) { ?k <" + EX + "p1> ?u . ?u <" + EX + "p2> ?v FILTER (?v > 10) }",
                "SELECT ?u (COUNT(?k) AS ?n) { ?k <" + EX + "p1> ?u . ?u <" + EX + "p2> ?v FILTER (?v > 10) } GROUP BY ?u")) {
            assertTrue(!plan(shape).contains("countJoin"), plan(shape));
        }
    }

    /** A pattern joined to a grouped subquery on a shared variable, as BSBM's business-intelligence query 3. */
    private static String groupedQuery(Random random) {
        String p = "<" + EX + "p" + random.nextInt(5) + ">";
        String q = "<" + EX + "p" + random.nextInt(5) + ">";
        String[] filters = {"", "FILTER (?v > 10)", "FILTER (isIRI(?v))", "FILTER (?k != <" + EX + "s3>)"};
        String sub = "{ SELECT ?u (COUNT(?k) AS ?n) { ?k " + q + " ?u . ?k " + p + " ?v "
                + filters[random.nextInt(filters.length)] + " } GROUP BY ?u"
                + (random.nextBoolean() ? " HAVING (COUNT(?k) > 1)" : "") + " }";
        String outer = random.nextBoolean() ? "?a " + p + " ?u ." : "?u " + q + " ?a .";
        return random.nextBoolean() ? "SELECT * { " + outer + " " + sub + " }" : "SELECT * { " + sub + " " + outer + " }";
    }

    @Test
    void groupedSubqueriesJoinedGivePlainArqsAnswers() {
        Random random = new Random(SEED + 13);
        int joined = 0;
        for (int i = 0; i < 100; i++) {
            String q = groupedQuery(random);
            boolean compared = compare(q);
            String plan = plan(q);
            // a join, or the subquery's rows fed to the pattern: either way the subquery runs once
            joined += compared && (plan.contains("(join") || plan.matches("(?s).*\\(sequence\\s+\\(project.*")) ? 1 : 0;
        }
        assertTrue(joined > 10, "only " + joined + " of 100 run once, seed " + SEED);
    }
}
