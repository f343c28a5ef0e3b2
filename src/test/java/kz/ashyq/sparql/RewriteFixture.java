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
 * The data and the comparisons of the rewrites' tests: random data in an on-disk TDB2 store (the
 * same triples in several graphs, literals of many kinds, blank nodes, long lists of one predicate
 * and object), with TDB2's statistics as a release writes them; a query answered with the rewrites
 * on and off and compared. Each test class that extends it loads its own store.
 */
abstract class RewriteFixture {

    static final String EX = "http://example.org/";
    static final long SEED = Long.getLong("ashyq.test.seed", System.nanoTime());

    @TempDir
    static Path dir;
    static Store store;
    static DatasetGraph dsg;

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

    static Node object(Random random) {
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

    static String term(Random random, String var) {
        return switch (random.nextInt(3)) {
            case 0 -> "?" + var;
            case 1 -> var.equals("p") ? "<" + EX + "p" + random.nextInt(7) + ">"
                    : "<" + EX + (var.equals("o") ? "Type" + random.nextInt(6) : "s" + random.nextInt(310)) + ">";
            default -> "?" + var;
        };
    }

    static String plan(String q) {
        Query query = QueryFactory.create(q);
        Context cxt = Context.setupContextForDataset(null, dsg);
        return Txn.calculateRead(dsg, () -> {
            Plan plan = QueryEngineRegistry.findFactory(query, dsg, cxt).create(query, dsg, BindingRoot.create(), cxt);
            return plan.getOp().toString();
        });
    }

    /**
     * The most rows compared: a random pattern's answer can be a cross product of millions of
     * rows, more than the tests' heap holds.
     */
    static final int MAX_ROWS = 100_000;

    /**
     * Compares the answers with the rewrites on and off, as sorted rows; false, comparing nothing,
     * when plain ARQ's answer has more than {@link #MAX_ROWS} rows.
     */
    static boolean compare(String q) {
        List<String> plain = rowsUpTo(q, false);
        if (plain == null) {
            return false;
        }
        List<String> fast = rowsUpTo(q, true);
        assertTrue(plain.equals(fast), () -> "seed " + SEED + ", " + q + "\nrewritten: "
                + (fast == null ? "more than " + MAX_ROWS + " rows" : fast.size() + " rows " + firstOf(fast, plain))
                + "\nplain ARQ: " + plain.size() + " rows " + firstOf(plain, fast));
        return true;
    }

    /** Up to ten rows of {@code rows} that {@code other} lacks. */
    private static List<String> firstOf(List<String> rows, List<String> other) {
        java.util.Set<String> others = other == null ? java.util.Set.of() : new java.util.HashSet<>(other);
        return rows.stream().filter(r -> !others.contains(r)).limit(10).toList();
    }

    /** The answer's rows as sorted text, or null when it has more than {@link #MAX_ROWS}. */
    private static List<String> rowsUpTo(String q, boolean rewrites) {
        return Txn.calculateRead(dsg, () -> {
            try (QueryExecution qe = QueryExecution.create().query(q).dataset(org.apache.jena.query.DatasetFactory.wrap(dsg))
                    .set(AnalyticEngine.ENABLED, rewrites).set(OpTopByIds.MAX_VALUES_SETTING, OpTopByIds.MAX_VALUES).build()) {
                org.apache.jena.query.ResultSet rs = qe.execSelect();
                List<String> out = new ArrayList<>();
                while (rs.hasNext()) {
                    if (out.size() == MAX_ROWS) {
                        return null;
                    }
                    org.apache.jena.query.QuerySolution r = rs.next();
                    java.util.TreeMap<String, String> row = new java.util.TreeMap<>();
                    r.varNames().forEachRemaining(v -> row.put(v, r.get(v).asNode().toString()));
                    out.add(row.toString());
                }
                out.sort(null);
                return out;
            }
        });
    }

    /**
     * Compares the rows in their order, with the rewrites on (values of the first key bounded by
     * {@code maxValues}) and off; only the column {@code only}, when not null.
     */
    static void compareInOrder(String q, String only, int maxValues) {
        List<String> fast = ordered(run(q, true, maxValues), only);
        List<String> plain = ordered(run(q, false, maxValues), only);
        assertEquals(plain, fast, "seed " + SEED + ", at most " + maxValues + " values, " + q);
    }

    static List<String> ordered(ResultSetRewindable rs, String only) {
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
    static List<String> rows(ResultSetRewindable rs) {
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

    static ResultSetRewindable run(String q, boolean rewrites) {
        return run(q, rewrites, OpTopByIds.MAX_VALUES);
    }

    static ResultSetRewindable run(String q, boolean rewrites, int maxValues) {
        return run(q, rewrites, maxValues, null);
    }

    @SuppressWarnings("deprecation") // an initial binding is how a caller feeds the operators bindings
    static ResultSetRewindable run(String q, boolean rewrites, int maxValues,
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
