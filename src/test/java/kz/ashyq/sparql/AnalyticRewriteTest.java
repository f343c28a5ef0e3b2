package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.binding.BindingRoot;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytic rewrites of one pattern give plain ARQ's answers ({@link RewriteFixture}'s data):
 * random queries of the shapes rewritten and of shapes next to them that must not be, each answered with the rewrites on and
 * off and compared; and the rewritten shapes are checked to run the id operators, so that a
 * rewrite that stopped applying fails here too.
 */
class AnalyticRewriteTest extends RewriteFixture {

    /** A random query of a rewritten shape: counts over one triple pattern, grouped or not. */
    private static String countQuery(Random random) {
        String s = term(random, "s");
        String p = term(random, "p");
        String o = random.nextInt(4) == 0 ? "7" : term(random, "o");
        List<String> vars = new ArrayList<>();
        for (String t : List.of(s, p, o)) {
            if (t.startsWith("?")) {
                vars.add(t);
            }
        }
        String group = vars.isEmpty() || random.nextBoolean() ? "" : vars.get(random.nextInt(vars.size()));
        String agg = switch (random.nextInt(4)) {
            case 0 -> "COUNT(*)";
            case 1 -> "COUNT(DISTINCT *)";
            case 2 -> vars.isEmpty() ? "COUNT(*)" : "COUNT(" + vars.get(random.nextInt(vars.size())) + ")";
            default -> vars.isEmpty() ? "COUNT(*)" : "COUNT(DISTINCT " + vars.get(random.nextInt(vars.size())) + ")";
        };
        String second = random.nextBoolean() ? " (COUNT(*) AS ?all)" : "";
        return "SELECT " + group + " (" + agg + " AS ?n)" + second + " { " + s + " " + p + " " + o + " }"
                + (group.isEmpty() ? "" : " GROUP BY " + group);
    }

    /**
     * A random query of the other rewritten shape: the first k rows of one triple pattern in the
     * order of one of its variables, up or down, then, or not, of all of them (a total order).
     */
    private static String topQuery(Random random, boolean total) {
        String s = term(random, "s");
        String p = term(random, "p");
        String o = term(random, "o");
        List<String> vars = new ArrayList<>();
        for (String t : List.of(s, p, o)) {
            if (t.startsWith("?")) {
                vars.add(t);
            }
        }
        if (vars.isEmpty()) {
            vars.add(o = "?o");
        }
        String key = vars.get(random.nextInt(vars.size()));
        StringBuilder order = new StringBuilder(random.nextBoolean() ? "DESC(" + key + ")" : key);
        if (total) {
            vars.forEach(v -> order.append(' ').append(random.nextBoolean() ? "DESC(" + v + ")" : v));
        }
        return "SELECT * { " + s + " " + p + " " + o + " } ORDER BY " + order + " LIMIT " + (1 + random.nextInt(40))
                + (random.nextInt(4) == 0 ? " OFFSET " + random.nextInt(10) : "");
    }

    @Test
    void randomTopRowsEqualPlainArq() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 300; i++) {
            boolean total = random.nextBoolean();
            String q = topQuery(random, total);
            assertTrue(plan(q).contains("topByIds"), "not rewritten (seed " + SEED + "): " + q);
            // a few with a bound on the values low enough that some fall back to ARQ's heap
            int maxValues = i % 5 == 0 ? 1 + random.nextInt(20) : OpTopByIds.MAX_VALUES;
            if (total) {
                compareInOrder(q, null, maxValues);
            } else {
                // rows that tie on the key may differ in which of them end the page: the keys may not
                String key = q.substring(q.indexOf("ORDER BY ") + 9).split(" ")[0].replaceAll("DESC\\(|\\)", "");
                compareInOrder(q, key.substring(1), maxValues);
            }
        }
    }

    /**
     * A random star: two or three triples of one subject with a constant predicate and object,
     * others of that subject or joined to it, a filter or an {@code OPTIONAL} at times, and at
     * times a binding of the subject from outside.
     */
    private static String starQuery(Random random) {
        List<String> parts = new ArrayList<>();
        for (int i = 2 + random.nextInt(2); i > 0; i--) {
            // (the long lists of p5 and p6 are left to the queries after the random ones: joined to
            // them at random, a query can take seconds and its rows a gigabyte)
            String o = switch (random.nextInt(3)) {
                case 0 -> "<" + EX + "Type" + random.nextInt(5) + ">";
                case 1 -> "<" + EX + "s" + random.nextInt(300) + ">";
                default -> Integer.toString(random.nextInt(50));
            };
            parts.add("?x <" + EX + "p" + random.nextInt(5) + "> " + o);
        }
        if (random.nextBoolean()) {
            parts.add("?x <" + EX + "p" + random.nextInt(5) + "> ?v");
            if (random.nextInt(3) == 0) {
                parts.add("?v <" + EX + "p" + random.nextInt(5) + "> ?w");
            }
        }
        java.util.Collections.shuffle(parts, random);
        String where = String.join(" . ", parts);
        if (random.nextInt(4) == 0) {
            where += " FILTER (isIRI(?x))";
        }
        String outer = "?v <" + EX + "p" + random.nextInt(5) + "> ?z";
        String withV = where + " . ?x <" + EX + "p" + random.nextInt(5) + "> ?v";
        return switch (random.nextInt(6)) {
            case 0 -> "SELECT * { ?y <" + EX + "p" + random.nextInt(5) + "> ?x OPTIONAL { " + where + " } }";
            // rows from outside that bind another variable of the pattern than the subject
            case 4 -> "SELECT * { " + outer + " FILTER EXISTS { " + withV + " } }";
            case 5 -> "SELECT * { " + outer + " OPTIONAL { " + withV + " } }";
            case 1 -> "SELECT * { VALUES ?x { <" + EX + "s" + random.nextInt(300) + "> <" + EX + "s" + random.nextInt(300)
                    + "> } " + where + " }";
            default -> "SELECT * { " + where + " }";
        };
    }

    @Test
    void randomStarsEqualPlainArq() {
        Random random = new Random(SEED + 3);
        int rewritten = 0;
        for (int i = 0; i < 300; i++) {
            String q = starQuery(random);
            boolean compared = compare(q);
            rewritten += compared && plan(q).contains("sharedSubject") ? 1 : 0;
        }
        assertTrue(rewritten > 150, "rewritten: " + rewritten);
        // the long list of <Common> is read in part and left to TDB2's lookups; two long lists to TDB2 whole
        for (String q : List.of("SELECT * { ?x <" + EX + "p6> <" + EX + "Common> . ?x <" + EX + "p1> <" + EX + "Type2> }",
                "SELECT * { ?x <" + EX + "p6> <" + EX + "Common> . ?x <" + EX + "p5> <" + EX + "Common> . ?x ?p ?o }")) {
            assertTrue(plan(q).contains("sharedSubject"), plan(q));
            compare(q);
            assertFalse(rows(run(q, true)).isEmpty(), q);
        }
    }

    /** Shapes beside the rewritten ones, which must run as ARQ runs them. */
    private static final List<String> NOT_REWRITTEN = List.of(
            "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?s } GROUP BY ?s",
            "SELECT (COUNT(*) AS ?n) { ?s <" + EX + "p1> ?o . ?o <" + EX + "p2> ?x }",
            "SELECT ?k (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY (str(?o) AS ?k)",
            "SELECT ?p (SUM(?o) AS ?n) { ?s ?p ?o } GROUP BY ?p",
            "SELECT (COUNT(?x) AS ?n) { ?s ?p ?o }",
            "SELECT ?s ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s ?p",
            "SELECT (COUNT(*) AS ?n) FROM <" + EX + "graph/1> { ?s ?p ?o }",
            "SELECT (COUNT(*) AS ?n) { GRAPH <" + EX + "graph/1> { ?s ?p ?o } }",
            "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "SELECT ?o (COUNT(*) AS ?n) { ?s <" + EX + "p1> ?o FILTER (isIRI(?o)) } GROUP BY ?o",
            "SELECT * { ?s <" + EX + "p1> ?o } ORDER BY str(?o) ?s ?o LIMIT 5",
            "SELECT * { ?s <" + EX + "p1> ?o FILTER (isLiteral(?o)) } ORDER BY ?o ?s LIMIT 5",
            "SELECT * { ?s <" + EX + "p1> ?o . ?o ?p ?x } ORDER BY ?o ?s ?p ?x LIMIT 5",
            "SELECT * { ?s <" + EX + "p1> ?o } ORDER BY ?x ?s ?o LIMIT 5",
            "SELECT * { GRAPH ?g { ?s <" + EX + "p1> ?o } } ORDER BY ?o ?s ?g LIMIT 5",
            "SELECT DISTINCT ?o { ?s <" + EX + "p1> ?o } ORDER BY ?o LIMIT 5");

    @Test
    void randomCountsEqualPlainArq() {
        Random random = new Random(SEED);
        int rewritten = 0;
        for (int i = 0; i < 300; i++) {
            String q = countQuery(random);
            assertTrue(plan(q).contains("countByIds"), "not rewritten (seed " + SEED + "): " + q);
            rewritten += compare(q) ? 1 : 0;
        }
        assertEquals(300, rewritten);
    }

    /** The rewritten shapes inside larger queries, where ARQ may feed them bindings from outside. */
    private static final List<String> INSIDE = List.of(
            "SELECT * { ?s <" + EX + "p1> ?o OPTIONAL { SELECT (COUNT(*) AS ?n) { ?a ?b ?c } } }",
            "SELECT * { VALUES ?x { 1 2 } { SELECT (COUNT(*) AS ?n) { ?a <" + EX + "p2> ?c } } }",
            "SELECT * { ?s <" + EX + "p1> ?o OPTIONAL { SELECT ?s ?c { ?s <" + EX + "p2> ?c } ORDER BY ?c LIMIT 3 } }",
            "SELECT * { VALUES ?k { 1 2 } { SELECT * { ?s <" + EX + "p2> ?o } ORDER BY DESC(?o) ?s LIMIT 4 } }",
            "SELECT * { ?s <" + EX + "p3> ?o { SELECT ?s (COUNT(*) AS ?n) { ?s <" + EX + "p2> ?c } GROUP BY ?s } }");

    @Test
    void rewrittenShapesInsideLargerQueriesGiveArqsAnswers() {
        for (String q : INSIDE) {
            compare(q);
        }
        // given a binding from outside, the operators run the original algebra over the union graph
        org.apache.jena.sparql.engine.binding.Binding outside = org.apache.jena.sparql.engine.binding.BindingFactory
                .binding(org.apache.jena.sparql.core.Var.alloc("z"), NodeFactory.createURI(EX + "z"));
        for (String q : List.of("SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p",
                "SELECT * { ?s <" + EX + "p2> ?o } ORDER BY DESC(?o) ?s LIMIT 7")) {
            assertTrue(plan(q).contains("ByIds"), q);
            List<String> fast = rows(run(q, true, OpTopByIds.MAX_VALUES, outside));
            assertEquals(rows(run(q, false, OpTopByIds.MAX_VALUES, outside)), fast, q);
            assertFalse(fast.isEmpty() || fast.toString().contains("onlyInDefault"), q + fast);
        }
    }

    @Test
    void shapesBesideThemRunAsArqRunsThem() {
        for (String q : NOT_REWRITTEN) {
            assertFalse(plan(q).contains("countByIds") || plan(q).contains("topByIds"), "rewritten: " + q);
            compare(q);
            if (q.contains("ORDER BY")) {
                compareInOrder(q, null, OpTopByIds.MAX_VALUES);
            }
        }
    }

    @Test
    void keptCountsAreForTheDataTheyWereCountedOn() {
        String perObject = "SELECT ?o (COUNT(?s) AS ?n) (COUNT(DISTINCT ?s) AS ?d) { ?s <" + EX + "p3> ?o } GROUP BY ?o";
        String renamed = "SELECT ?type (COUNT(?x) AS ?count) (COUNT(DISTINCT ?x) AS ?distinct) { ?x <" + EX
                + "p3> ?type } GROUP BY ?type";
        assertTrue(plan(perObject).contains("countByIds"), plan(perObject));
        compare(perObject);
        compare(perObject); // counted once, found again: the same rows
        compare(renamed); // the same counts, under the names this query gives them
        Quad added = new Quad(NodeFactory.createURI(EX + "graph/9"), NodeFactory.createURI(EX + "s1"),
                NodeFactory.createURI(EX + "p3"), NodeFactory.createURI(EX + "NewType"));
        Txn.executeWrite(dsg, () -> dsg.add(added));
        try {
            ResultSetRewindable after = run(renamed, true);
            boolean seen = false;
            while (after.hasNext()) {
                seen |= after.next().get("type").toString().equals(EX + "NewType");
            }
            assertTrue(seen, "a count kept from before the write must not be served after it");
            compare(perObject);
            compare(renamed);
        } finally {
            Txn.executeWrite(dsg, () -> dsg.delete(added));
        }
        compare(renamed);
    }

    @Test
    void countsAreOverTheUnionOfNamedGraphsWithEachTripleOnce() {
        String q = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";
        long distinct = Txn.calculateRead(dsg, () -> dsg.stream(Node.ANY, Node.ANY, Node.ANY, Node.ANY)
                .filter(quad -> !quad.isDefaultGraph())
                .map(Quad::asTriple).distinct().count());
        long quads = Txn.calculateRead(dsg, () -> dsg.stream(Node.ANY, Node.ANY, Node.ANY, Node.ANY)
                .filter(quad -> !quad.isDefaultGraph()).count());
        assertTrue(quads > distinct, "the data should hold the same triple in several graphs");
        ResultSetRewindable rs = run(q, true);
        assertEquals(distinct, rs.next().getLiteral("n").getLong());
    }
}
