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
 * The analytic rewrites give plain ARQ's answers: random data in an on-disk TDB2 store (the same
 * triples in several graphs, literals of many kinds, blank nodes), random queries of the shapes
 * rewritten and of shapes next to them that must not be, each answered with the rewrites on and
 * off and compared; and the rewritten shapes are checked to run the id operators, so that a
 * rewrite that stopped applying fails here too.
 */
class AnalyticRewriteTest {

    private static final String EX = "http://example.org/";
    private static final long SEED = Long.getLong("ashyq.test.seed", System.nanoTime());

    @TempDir
    static Path dir;
    private static Store store;
    private static DatasetGraph dsg;

    @BeforeAll
    static void load() {
        AnalyticEngine.register();
        store = Store.open(dir.resolve("store"));
        dsg = store.datasetGraph();
        Random random = new Random(20261202L);
        Txn.executeWrite(dsg, () -> {
            // a long list of subjects with one predicate and object, whose ids come before the
            // others': the intersection of a short list with it reads a part and looks the rest up
            // (and two lists longer than the intersection takes, which TDB2 then runs as it would)
            for (int i = 0; i < 9000; i++) {
                dsg.add(NodeFactory.createURI(EX + "graph/0"), NodeFactory.createURI(EX + "t" + i),
                        NodeFactory.createURI(EX + "p6"), NodeFactory.createURI(EX + "Common"));
                if (i % 3 != 0) {
                    dsg.add(NodeFactory.createURI(EX + "graph/1"), NodeFactory.createURI(EX + "t" + i),
                            NodeFactory.createURI(EX + "p5"), NodeFactory.createURI(EX + "Common"));
                }
            }
            for (int i = 0; i < 4000; i++) {
                Node g = NodeFactory.createURI(EX + "graph/" + random.nextInt(4));
                Node s = random.nextInt(20) == 0 ? NodeFactory.createBlankNode("b" + random.nextInt(30))
                        : NodeFactory.createURI(EX + "s" + random.nextInt(300));
                Node p = NodeFactory.createURI(EX + "p" + random.nextInt(6));
                dsg.add(g, s, p, object(random));
            }
            // and most of the others have it too, in one graph or two
            for (int i = 0; i < 300; i++) {
                if (random.nextInt(10) < 9) {
                    dsg.add(NodeFactory.createURI(EX + "graph/" + random.nextInt(2)), NodeFactory.createURI(EX + "s" + i),
                            NodeFactory.createURI(EX + "p6"), NodeFactory.createURI(EX + "Common"));
                }
            }
            // the default graph proper is not part of the union: a triple only there must not count
            dsg.add(Quad.defaultGraphIRI, NodeFactory.createURI(EX + "s1"), NodeFactory.createURI(EX + "p1"),
                    NodeFactory.createURI(EX + "onlyInDefault"));
        });
        // TDB2's statistics, as every release writes them: the values-first filter weighs the triples by them
        store.writeStatistics();
        dsg = store.datasetGraph();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Node object(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> NodeFactory.createURI(EX + "s" + random.nextInt(300));
            case 1 -> NodeFactory.createURI(EX + "Type" + random.nextInt(5));
            case 2 -> NodeFactory.createLiteralDT(Integer.toString(random.nextInt(50)),
                    org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
            case 3 -> NodeFactory.createLiteralLang("атау " + random.nextInt(20), random.nextBoolean() ? "kk" : "ru");
            case 4 -> NodeFactory.createLiteralString("name " + random.nextInt(40));
            case 5 -> NodeFactory.createLiteralDT("1." + random.nextInt(9), org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal);
            default -> NodeFactory.createBlankNode("b" + random.nextInt(30));
        };
    }

    private static String term(Random random, String var) {
        return switch (random.nextInt(3)) {
            case 0 -> "?" + var;
            case 1 -> var.equals("p") ? "<" + EX + "p" + random.nextInt(7) + ">"
                    : "<" + EX + (var.equals("o") ? "Type" + random.nextInt(6) : "s" + random.nextInt(310)) + ">";
            default -> "?" + var;
        };
    }

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
            rewritten += plan(q).contains("sharedSubject") ? 1 : 0;
            compare(q);
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
            compare(q);
            rewritten++;
        }
        assertEquals(300, rewritten);
    }

    /** A random filter on one triple's object, in a pattern of one to three triples, sometimes fed rows. */
    private static String valueFilterQuery(Random random) {
        String[] filters = {"?v > 10", "?v < 25 && ?v >= 3", "lang(?v) = 'kk'", "isIRI(?v)", "regex(str(?v), '1')",
            "datatype(?v) = <http://www.w3.org/2001/XMLSchema#decimal>", "?v = 7", "STRSTARTS(STR(?v), 'name')",
            "?v != <" + EX + "s5>", "<http://www.w3.org/2001/XMLSchema#integer>(?v) > 5", "RAND() < 2",
            "BNODE() != ?v", "?v = ?w", "isLiteral(?v) || ?x != <" + EX + "s1>"};
        // the short lists only, p0 to p4, as in the random joins
        StringBuilder where = new StringBuilder("?x <" + EX + "p" + random.nextInt(5) + "> ?v . ");
        int more = random.nextInt(3);
        if (more > 0) {
            where.append(random.nextInt(4) == 0 ? "<" + EX + "s" + random.nextInt(300) + "> <" + EX + "p"
                    + random.nextInt(5) + "> ?x . " : "?x <" + EX + "p" + random.nextInt(5) + "> ?w . ");
        }
        if (more > 1) {
            where.append("?w <" + EX + "p" + random.nextInt(5) + "> ?z . ");
        }
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            where.append("FILTER (").append(filters[random.nextInt(filters.length)]).append(") ");
        }
        return switch (random.nextInt(5)) {
            case 0 -> "SELECT * { ?x <" + EX + "p1> ?y OPTIONAL { " + where + "} }";
            case 1 -> "SELECT * { VALUES ?x { <" + EX + "s1> <" + EX + "s2> } " + where + "}";
            case 2 -> "SELECT ?v (COUNT(*) AS ?n) { " + where + "} GROUP BY ?v";
            default -> "SELECT * { " + where + "}";
        };
    }

    @Test
    void randomValueFiltersEqualPlainArq() {
        Random random = new Random(SEED + 2);
        int rewritten = 0;
        for (int i = 0; i < 300; i++) {
            String q = valueFilterQuery(random);
            rewritten += plan(q).contains("valuesFirst") ? 1 : 0;
            compare(q);
        }
        assertTrue(rewritten > 100, "only " + rewritten + " of 300 rewritten, seed " + SEED);
        // a filter whose value is not fixed by the row's, or that reads another variable, is not taken
        for (String f : List.of("RAND() < 0.5", "BNODE() != ?v", "?v = ?w", "EXISTS { ?v ?p ?o }")) {
            String q = "SELECT * { ?x <" + EX + "p2> ?v . ?x <" + EX + "p1> ?w FILTER (" + f + ") }";
            assertFalse(plan(q).contains("valuesFirst"), q + "\n" + plan(q));
        }
        // BSBM's business-intelligence query 3 in small: a month of reviews per product
        String month = "SELECT ?x (COUNT(?w) AS ?n) { ?w <" + EX + "p1> ?x . ?w <" + EX + "p2> ?v FILTER (?v >= 10 && ?v < 20) } GROUP BY ?x";
        assertTrue(plan(month).contains("valuesFirst"), plan(month));
        compare(month);
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

    /**
     * A random connected join of 2 to 4 patterns (each after the first shares a variable with one
     * before it), with filters, in a random written order.
     */
    private static String joinQuery(Random random) {
        List<String> used = new ArrayList<>(List.of("?a"));
        List<String> patterns = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String shared = used.get(random.nextInt(used.size()));
            String other = random.nextInt(4) == 0 ? "<" + EX + (random.nextBoolean() ? "Type" + random.nextInt(5)
                    : "s" + random.nextInt(300)) + ">" : "?v" + i;
            if (other.startsWith("?")) {
                used.add(other);
            }
            // p5 and p6 are left out: a join of their long lists of one object is a cross product
            String p = "<" + EX + "p" + random.nextInt(5) + ">";
            patterns.add(random.nextBoolean() ? shared + " " + p + " " + other : other + " " + p + " " + shared);
        }
        java.util.Collections.shuffle(patterns, random);
        StringBuilder where = new StringBuilder(String.join(" . ", patterns)).append(" . ");
        String x = used.get(random.nextInt(used.size()));
        String y = used.get(random.nextInt(used.size()));
        String[] filters = {"FILTER (" + x + " != <" + EX + "s" + random.nextInt(300) + ">)", "FILTER (isIRI(" + x + "))",
            "FILTER (" + x + " = " + y + ")", "FILTER (" + x + " > 10)", "FILTER (lang(" + x + ") = 'kk')",
            "FILTER (" + x + " != " + y + ")"};
        for (int i = random.nextInt(3); i > 0; i--) {
            where.append(filters[random.nextInt(filters.length)]).append(" ");
        }
        if (random.nextInt(4) == 0) {
            where.append("OPTIONAL { ").append(x).append(" <").append(EX).append("p").append(random.nextInt(6))
                    .append("> ?e } ");
        }
        return "SELECT * { " + where + "}";
    }

    @Test
    void patternsInTheStatisticsOrderGiveTheAnswersOfTheWrittenOrder() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 150; i++) {
            compare(joinQuery(random));
        }
        // BSBM's business-intelligence query 2, on this data: a value filter joining two patterns is a join
        String q2 = "SELECT ?other (COUNT(?of) AS ?n) { <" + EX + "s5> <" + EX + "p0> ?f . ?other <" + EX
                + "p0> ?of FILTER (?f = ?of) } GROUP BY ?other";
        assertTrue(plan(q2).contains("equalityJoin"), plan(q2));
        compare(q2);
        compare(q2.replace("?f = ?of", "?of = ?f"));
        // where the left side's values are literals of equal value and different terms, the rows are ARQ's
        for (String pattern : List.of("<" + EX + "p4>", "<" + EX + "p2>")) {
            String literals = "SELECT * { ?x " + pattern + " ?v . ?y " + pattern + " ?w FILTER (?v = ?w) FILTER (?x != ?y) }";
            assertTrue(plan(literals).contains("equalityJoin"), plan(literals));
            compare(literals);
        }
        // and the reordering does apply: the unselective pattern written first is not read first
        String q = "SELECT * { ?x <" + EX + "p1> ?label . <" + EX + "s5> <" + EX + "p2> ?x FILTER (?x != <" + EX + "s7>) }";
        assertTrue(plan(q).indexOf("<" + EX + "s5>") < plan(q).indexOf("?label"), plan(q));
        // and it does not when a selective filter applies to the pattern written first
        String kept = "SELECT * { ?x <" + EX + "p1> ?label . <" + EX + "s5> <" + EX + "p2> ?x FILTER (regex(?label, 'x')) }";
        assertTrue(plan(kept).indexOf("<" + EX + "s5>") > plan(kept).indexOf("?label"), plan(kept));
        // of a subject's values, the one a filter needs is looked up before the one written first
        String filtered = "SELECT * { <" + EX + "s5> <" + EX + "p2> ?x . ?x <" + EX + "p1> ?label . ?x <" + EX
                + "p1> ?v FILTER (?v > 10) FILTER (?x != <" + EX + "s7>) }";
        assertTrue(plan(filtered).indexOf("?v)") < plan(filtered).indexOf("?label)"), plan(filtered));
        compare(filtered);
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

    private static String plan(String q) {
        Query query = QueryFactory.create(q);
        Context cxt = Context.setupContextForDataset(null, dsg);
        return Txn.calculateRead(dsg, () -> {
            Plan plan = QueryEngineRegistry.findFactory(query, dsg, cxt).create(query, dsg, BindingRoot.create(), cxt);
            return plan.getOp().toString();
        });
    }

    private static void compare(String q) {
        ResultSetRewindable fast = run(q, true);
        ResultSetRewindable plain = run(q, false);
        assertTrue(rows(fast).equals(rows(plain)), () -> {
            fast.reset();
            plain.reset();
            return "seed " + SEED + ", " + q + "\nrewritten:\n" + org.apache.jena.query.ResultSetFormatter.asText(fast)
                    + "\nplain ARQ:\n" + org.apache.jena.query.ResultSetFormatter.asText(plain);
        });
    }

    /**
     * Compares the rows in their order, with the rewrites on (values of the first key bounded by
     * {@code maxValues}) and off; only the column {@code only}, when not null.
     */
    private static void compareInOrder(String q, String only, int maxValues) {
        List<String> fast = ordered(run(q, true, maxValues), only);
        List<String> plain = ordered(run(q, false, maxValues), only);
        assertEquals(plain, fast, "seed " + SEED + ", at most " + maxValues + " values, " + q);
    }

    private static List<String> ordered(ResultSetRewindable rs, String only) {
        List<String> out = new ArrayList<>();
        rs.forEachRemaining(r -> {
            java.util.TreeMap<String, String> row = new java.util.TreeMap<>();
            r.varNames().forEachRemaining(v -> {
                if (only == null || only.equals(v)) {
                    row.put(v, r.get(v).asNode().toString());
                }
            });
            out.add(row.toString());
        });
        return out;
    }

    /** The rows as sorted text: a stored blank node keeps its label between two queries of one store. */
    private static List<String> rows(ResultSetRewindable rs) {
        rs.reset();
        List<String> out = new ArrayList<>();
        rs.forEachRemaining(r -> {
            java.util.TreeMap<String, String> row = new java.util.TreeMap<>();
            r.varNames().forEachRemaining(v -> row.put(v, r.get(v).asNode().toString()));
            out.add(row.toString());
        });
        rs.reset();
        out.sort(null);
        return out;
    }

    private static ResultSetRewindable run(String q, boolean rewrites) {
        return run(q, rewrites, OpTopByIds.MAX_VALUES);
    }

    private static ResultSetRewindable run(String q, boolean rewrites, int maxValues) {
        return run(q, rewrites, maxValues, null);
    }

    @SuppressWarnings("deprecation") // an initial binding is how a caller feeds the operators bindings
    private static ResultSetRewindable run(String q, boolean rewrites, int maxValues,
            org.apache.jena.sparql.engine.binding.Binding initial) {
        return Txn.calculateRead(dsg, () -> {
            var builder = QueryExecution.create().query(q).dataset(org.apache.jena.query.DatasetFactory.wrap(dsg))
                    .set(AnalyticEngine.ENABLED, rewrites).set(OpTopByIds.MAX_VALUES_SETTING, maxValues);
            if (initial != null) {
                builder.initialBinding(initial);
            }
            try (QueryExecution qe = builder.build()) {
                return ResultSetFactory.copyResults(qe.execSelect());
            }
        });
    }
}
