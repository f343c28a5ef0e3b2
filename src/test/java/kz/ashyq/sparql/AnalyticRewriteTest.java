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
            for (int i = 0; i < 4000; i++) {
                Node g = NodeFactory.createURI(EX + "graph/" + random.nextInt(4));
                Node s = random.nextInt(20) == 0 ? NodeFactory.createBlankNode("b" + random.nextInt(30))
                        : NodeFactory.createURI(EX + "s" + random.nextInt(300));
                Node p = NodeFactory.createURI(EX + "p" + random.nextInt(6));
                dsg.add(g, s, p, object(random));
            }
            // the default graph proper is not part of the union: a triple only there must not count
            dsg.add(Quad.defaultGraphIRI, NodeFactory.createURI(EX + "s1"), NodeFactory.createURI(EX + "p1"),
                    NodeFactory.createURI(EX + "onlyInDefault"));
        });
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
            "SELECT ?o (COUNT(*) AS ?n) { ?s <" + EX + "p1> ?o FILTER (isIRI(?o)) } GROUP BY ?o");

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

    @Test
    void shapesBesideThemRunAsArqRunsThem() {
        for (String q : NOT_REWRITTEN) {
            assertFalse(plan(q).contains("countByIds"), "rewritten: " + q);
            compare(q);
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
            String p = "<" + EX + "p" + random.nextInt(6) + ">";
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
        // and the reordering does apply: the unselective pattern written first is not read first
        String q = "SELECT * { ?x <" + EX + "p1> ?label . <" + EX + "s5> <" + EX + "p2> ?x FILTER (?x != <" + EX + "s7>) }";
        assertTrue(plan(q).indexOf("<" + EX + "s5>") < plan(q).indexOf("?label"), plan(q));
        // and it does not when a selective filter applies to the pattern written first
        String kept = "SELECT * { ?x <" + EX + "p1> ?label . <" + EX + "s5> <" + EX + "p2> ?x FILTER (regex(?label, 'x')) }";
        assertTrue(plan(kept).indexOf("<" + EX + "s5>") > plan(kept).indexOf("?label"), plan(kept));
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
        return Txn.calculateRead(dsg, () -> {
            try (QueryExecution qe = QueryExecution.create().query(q)
                    .dataset(org.apache.jena.query.DatasetFactory.wrap(dsg))
                    .set(AnalyticEngine.ENABLED, rewrites).build()) {
                return ResultSetFactory.copyResults(qe.execSelect());
            }
        });
    }
}
