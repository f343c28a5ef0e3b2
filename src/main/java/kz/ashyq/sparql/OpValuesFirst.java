package kz.ashyq.sparql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import kz.ashyq.store.ReadMemo;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A filter on the values of one triple's object, {@code ?x p ?o FILTER (?o >= a && ?o < b)}, in a
 * pattern where nothing else binds {@code ?o}, as in BSBM's business-intelligence query 3 (reviews
 * of a month). TDB2 starts from the pattern's smallest triple, looks each match up in the others
 * and decodes every {@code ?o} to filter it. This walks the POSG index of {@code p}, where the
 * records of one object are adjacent, decodes each distinct object once, keeps the records of those
 * the filter passes, and has TDB2 join the rest of the pattern to them, as node ids.
 *
 * <p>Bounded, so it is never much slower than TDB2. A pattern of that one triple is streamed: each
 * object is decoded once, where TDB2 decodes it for every triple. With other triples, it is tried
 * only when {@code p} has at most {@link #SCAN_PAST} times as many triples as the pattern's smallest
 * other triple, by TDB2's statistics (a store without them is left to TDB2); it gives up, and TDB2
 * runs the pattern, when {@code p} has more than {@link #MAX_VALUES} distinct objects, or when
 * more triples pass than the smallest other triple has or than {@link #MAX_ROWS}. The filter gives the same answer for a row as for its value: only filters of {@code ?o}
 * alone, without functions of no fixed result (random numbers, blank nodes, UUIDs, functions of
 * extensions), are taken ({@link AnalyticRewrite}). A row that binds a variable of the pattern
 * runs the original.
 */
final class OpValuesFirst extends OpExt {

    /** How many times the smallest other triple's count {@code p} may have for the scan to be tried. */
    static final int SCAN_PAST = 10;
    /** The most distinct objects decoded before TDB2 takes over. */
    static final int MAX_VALUES = 100_000;
    /** The most matches held before the other triples are joined to them; more, and TDB2 takes over. */
    static final int MAX_ROWS = 1_000_000;
    /** TDB2's statistics of a store, read again at each data version. */
    private static final ReadMemo<String, StatsMatcher> STATS = new ReadMemo<>(8);

    private final Op original;
    private final Op overUnion;
    private final Node graph;
    private final Var subject;
    private final Node predicate;
    private final Var object;
    private final ExprList valueFilter;
    private final List<Triple> others;
    private final Op rest; // the other triples over the union graph; null when none
    private final java.util.Set<Var> patternVars;

    OpValuesFirst(Op original, Node graph, Triple filtered, ExprList valueFilter, BasicPattern others) {
        super("valuesFirst");
        this.original = original;
        this.overUnion = OpLib.unionDefaultGraphQuads(original);
        this.graph = graph;
        this.subject = Var.alloc(filtered.getSubject());
        this.predicate = filtered.getPredicate();
        this.object = Var.alloc(filtered.getObject());
        this.valueFilter = valueFilter;
        this.others = others.getList();
        // the other triples joined to the matches, a predicate read whole where they are many
        this.rest = others.isEmpty() ? null : new OpColumnJoins(new OpQuadPattern(graph, others), new ExprList());
        this.patternVars = java.util.Set.copyOf(org.apache.jena.sparql.algebra.OpVars.mentionedVars(original));
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    /** The pattern's one triple besides the filtered one, or null when it has none or several. */
    Triple onlyOther() {
        return others.size() == 1 ? others.get(0) : null;
    }

    /** The filtered triple's variables. */
    Set<Var> filteredVars() {
        return Set.of(subject, object);
    }

    /** The filtered triple alone, values first: its passing matches streamed. */
    OpValuesFirst alone() {
        Triple filtered = Triple.create(subject, predicate, object);
        OpQuadPattern pattern = new OpQuadPattern(graph, BasicPattern.wrap(List.of(filtered)));
        return new OpValuesFirst(OpFilter.filterBy(valueFilter, pattern), graph, filtered, valueFilter, new BasicPattern());
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        QueryIterator[] fed = new QueryIterator[1];
        QueryIterator joined = OpColumnJoins.boundRows(input, original, patternVars, fed, cxt);
        if (joined != null) {
            return joined;
        }
        return new IdStages<Found>(fed[0], cxt, overUnion, patternVars) {
            @Override
            protected Found work() {
                return others.isEmpty() ? STREAMED : matches(cxt);
            }

            @Override
            protected QueryIterator stage(Binding row, Found found) {
                if (found == STREAMED) {
                    // each value decoded once: never more work than TDB2's scan of the triple
                    PassingValues passing = passing(cxt, Integer.MAX_VALUE, (s, o, nodes) -> match(row, s, o, nodes));
                    return QueryIterPlainWrapper.create(passing == null ? Collections.emptyIterator() : passing, cxt);
                }
                Iterator<Binding> rows = IntStream.range(0, found.size)
                        .mapToObj(k -> match(row, found.subjects[k], found.objects[k], found.nodes)).iterator();
                return QC.execute(rest, QueryIterPlainWrapper.create(rows, cxt), cxt);
            }
        };
    }

    /**
     * The matches joined to one more triple {@code ?s p ?g} or {@code ?g p ?s} (the pattern's one
     * other triple, or the one after it in a sequence), counted per node id of {@code ?g}, without a
     * row each: BSBM's business-intelligence query 3 counts a month's reviews per product so. Null
     * when {@code t} is of another shape, the values are better left to TDB2 ({@link #matches}), or
     * the other triple's column is not kept (the stages then read it, and keep it for the next
     * query). The count is the join's rows:
     * every match joined to each of its subject's values in the column, as {@link ColumnStage}
     * joins them.
     */
    java.util.Map<Long, long[]> countsPer(Var g, Triple t, ExecutionContext cxt) {
        if (t == null || !t.getPredicate().isURI() || g.equals(subject) || g.equals(object)) {
            return null;
        }
        boolean keyIsSubject = t.getSubject().equals(subject) && t.getObject().equals(g);
        if (!keyIsSubject && !(t.getObject().equals(subject) && t.getSubject().equals(g))) {
            return null;
        }
        IdColumn column = ColumnStage.kept(cxt, t.getPredicate(), keyIsSubject);
        Found found = column == null ? null : matches(cxt);
        if (found == null) {
            return null;
        }
        java.util.Map<Long, long[]> counts = new java.util.HashMap<>();
        for (int k = 0; k < found.size; k++) {
            for (int pair = column.first(found.subjects[k]); pair >= 0; pair = column.next(pair)) {
                counts.computeIfAbsent(column.value(pair), v -> new long[1])[0]++;
            }
        }
        return counts;
    }

    /** A row of a match, as {@link IdStages#bind} makes it. */
    private Binding match(Binding row, long subjectBits, long objectBits, NodeTable nodes) {
        return IdStages.bind(row, nodes, new Var[] {subject, object},
                new NodeId[] {IdScan.nodeId(subjectBits), IdScan.nodeId(objectBits)});
    }

    /**
     * The matches the filter passes, read from the index as they are asked for, each distinct
     * object decoded and filtered once; null when the predicate is in no triple.
     */
    private PassingValues passing(ExecutionContext cxt, int maxValues, PassingValues.RowMaker rows) {
        PassingValues passing = new PassingValues(cxt, predicate, object, valueFilter, maxValues, rows);
        return passing.absent() ? null : passing;
    }

    /** What the work finds for a pattern of the one triple: its matches are streamed per row. */
    private static final Found STREAMED = new Found(null);

    /** The triples the filter passes, as node ids, in POSG order. */
    private static final class Found {
        final NodeTable nodes;
        long[] subjects = new long[256];
        long[] objects = new long[256];
        int size;

        Found(NodeTable nodes) {
            this.nodes = nodes;
        }

        void add(long s, long o) {
            if (size == subjects.length) {
                subjects = Arrays.copyOf(subjects, size * 2);
                objects = Arrays.copyOf(objects, size * 2);
            }
            subjects[size] = s;
            objects[size++] = o;
        }
    }

    /**
     * The matches, all read before the other triples are joined to them; null when TDB2 had better
     * run the pattern: the predicate has many more triples than the smallest other triple, too many
     * distinct objects, or more pass than the smallest other triple has (or {@link #MAX_ROWS}).
     */
    private Found matches(ExecutionContext cxt) {
        DatasetGraph d = cxt.getDataset();
        StatsMatcher stats = stats(d);
        if (stats == null) {
            return null;
        }
        double bound = MAX_ROWS;
        for (Triple t : others) {
            bound = Math.min(bound, stats.match(t));
        }
        if (bound <= 0 || stats.match(Triple.create(subject, predicate, object)) > SCAN_PAST * bound) {
            return null;
        }
        NodeTable nodes = TDBInternal.getDatasetGraphTDB(d).getQuadTable().getNodeTupleTable().getNodeTable();
        Found found = new Found(nodes);
        PassingValues passing = passing(cxt, MAX_VALUES, (s, o, n) -> {
            found.add(s, o);
            return BindingFactory.empty(); // a marker: the match is in found
        });
        if (passing == null) {
            return found; // the predicate is in no triple
        }
        try {
            while (passing.hasNext()) {
                passing.next();
                if (found.size > bound) {
                    return null;
                }
            }
            if (passing.tooMany()) {
                return null;
            }
        } finally {
            passing.close();
        }
        return found;
    }

    /** TDB2's statistics of the store, or null when it has none. */
    private static StatsMatcher stats(DatasetGraph d) {
        org.apache.jena.dboe.base.file.Location where = TDBInternal.getDatasetGraphTDB(d).getLocation();
        if (where.isMem()) {
            return null;
        }
        String file = where.getPath("stats.opt");
        StatsMatcher kept = STATS.get(d, file);
        if (kept == null && Files.exists(Path.of(file))) {
            kept = new StatsMatcher(file);
            STATS.put(d, file, kept);
        }
        return kept;
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(subject + " " + predicate + " " + object + " " + valueFilter + " " + others);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, object);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpValuesFirst o && o.original.equalTo(original, labels);
    }
}
