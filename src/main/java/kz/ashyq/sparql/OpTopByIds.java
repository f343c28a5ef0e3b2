package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRoot;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.sparql.util.Symbol;

/**
 * {@code ORDER BY … LIMIT k} over one triple pattern of the union default graph, where the first
 * sort key is one variable of the pattern:
 * {@code SELECT ?k ?c { ?k schema:maximumAttendeeCapacity ?c } ORDER BY DESC(?c) ?k LIMIT 100}.
 * ARQ's {@code (top …)} decodes every matching triple to keep the best k in a heap; this finds the
 * first key's distinct values on the index without decoding a record, decodes each value once,
 * orders them as ARQ does, and decodes only the triples whose value can be among the first k
 * (those before the k-th, and every tie of it).
 *
 * <p>The order is ARQ's own: the values, then the rows chosen, are sorted with ARQ's
 * {@link BindingComparator} on the query's conditions. Which rows tie on every key is ARQ's choice
 * too, so that a row set with ties may differ from plain ARQ's in which of the tied rows ends it,
 * as SPARQL allows. When the key has more distinct values than {@link #MAX_VALUES}, or the operator
 * is given bindings from outside, it runs the original algebra.
 */
final class OpTopByIds extends OpExt {

    /** Distinct values of the first key beyond which ARQ's own heap is used: each is decoded once. */
    static final int MAX_VALUES = 100_000;
    /** Context setting: another bound than {@link #MAX_VALUES} for a query or a dataset. */
    static final Symbol MAX_VALUES_SETTING = Symbol.create("urn:ashyq:topMaxValues");

    private final Op original;
    /**
     * The original as it runs: TDB2 points the default graph's patterns at the union graph after
     * the rewrites, and that does not reach inside this operator.
     */
    private final Op overUnion;
    private final Node[] pattern; // S, P, O: constants, or variables (none repeated)
    private final int keySlot; // the slot the first condition reads
    private final List<SortCondition> conditions;
    private final int limit;

    OpTopByIds(Op original, Node[] pattern, int keySlot, List<SortCondition> conditions, int limit) {
        super("topByIds");
        this.original = original;
        this.overUnion = OpLib.unionDefaultGraphQuads(original);
        this.pattern = pattern.clone();
        this.keySlot = keySlot;
        this.conditions = List.copyOf(conditions);
        this.limit = limit;
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        List<Binding> inputs = IdStages.drained(input);
        if (inputs.size() != 1 || !inputs.get(0).isEmpty()) {
            return QC.execute(overUnion, QueryIterPlainWrapper.create(inputs.iterator(), cxt), cxt);
        }
        return LazyRows.of(() -> {
            List<Binding> top = top(cxt);
            return top != null ? top : asArqDoes(cxt);
        }, cxt);
    }

    private List<Binding> asArqDoes(ExecutionContext cxt) {
        List<Binding> rows = new ArrayList<>();
        QueryIterator it = QC.execute(overUnion, QueryIterRoot.create(cxt), cxt);
        try {
            it.forEachRemaining(rows::add);
        } finally {
            it.close();
        }
        return rows;
    }

    /** A distinct value of the first key: how many triples hold it, and it decoded. */
    private record Value(long[] count, Binding key) {}

    /** The first k rows, or null when the key has too many distinct values for this to pay. */
    private List<Binding> top(ExecutionContext cxt) {
        if (limit <= 0) {
            return List.of();
        }
        IdScan scan = IdScan.of(cxt.getDataset(), pattern, keySlot);
        if (scan == null) {
            return List.of();
        }
        List<Value> ordered = distinctValues(scan, cxt);
        if (ordered == null) {
            return null;
        }
        BindingComparator first = new BindingComparator(conditions.subList(0, 1), cxt);
        ordered.sort((a, b) -> first.compare(a.key(), b.key()));
        List<Binding> rows = new ArrayList<>();
        long taken = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Value v = ordered.get(i);
            // past the k-th row, only values that tie with the last one taken can still come first
            if (taken >= limit && first.compare(ordered.get(i - 1).key(), v.key()) != 0) {
                break;
            }
            rows(cxt, v, rows);
            taken += v.count()[0];
        }
        rows.sort(new BindingComparator(conditions, cxt));
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }

    /**
     * The first key's distinct values with their counts, decoded, from one walk of the index; null
     * when there are more than {@link #MAX_VALUES} (or the context's {@link #MAX_VALUES_SETTING}).
     * Where the index has the key right after the constants, its values come in runs.
     */
    private List<Value> distinctValues(IdScan scan, ExecutionContext cxt) {
        int at = scan.position(keySlot);
        int max = cxt.getContext().getInt(MAX_VALUES_SETTING, MAX_VALUES);
        Map<Long, byte[]> firstSeen = new HashMap<>();
        Map<Long, long[]> counts = new HashMap<>();
        long[] lastBits = {0};
        long[][] last = {null};
        try {
            scan.forEach(cxt.getCancelSignal(), key -> {
                long bits = IdScan.bits(key, at);
                if (last[0] == null || bits != lastBits[0]) {
                    last[0] = counts.computeIfAbsent(bits, b -> {
                        if (counts.size() >= max) {
                            throw new TooManyValues();
                        }
                        firstSeen.put(b, key.clone());
                        return new long[1];
                    });
                    lastBits[0] = bits;
                }
                last[0][0]++;
            });
        } catch (TooManyValues e) {
            return null;
        }
        Var var = Var.alloc(pattern[keySlot]);
        List<Value> values = new ArrayList<>(counts.size());
        counts.forEach((bits, n) -> values.add(new Value(n, BindingFactory.binding(var, scan.node(firstSeen.get(bits), at)))));
        return values;
    }

    /** Adds the rows whose first key is {@code v}: the pattern with the key made constant, walked on its own range. */
    private void rows(ExecutionContext cxt, Value v, List<Binding> out) {
        Node[] bound = pattern.clone();
        Var var = Var.alloc(pattern[keySlot]);
        bound[keySlot] = v.key().get(var);
        IdScan scan = IdScan.of(cxt.getDataset(), bound, -1);
        if (scan == null) {
            return;
        }
        scan.forEach(cxt.getCancelSignal(), key -> {
            var b = org.apache.jena.sparql.engine.binding.Binding.builder();
            for (int slot = 0; slot < 3; slot++) {
                if (pattern[slot].isVariable()) {
                    b.add(Var.alloc(pattern[slot]), slot == keySlot ? bound[slot] : scan.node(key, scan.position(slot)));
                }
            }
            out.add(b.build());
        });
    }

    /** Ends the walk of the index when the values are too many. */
    private static final class TooManyValues extends RuntimeException {
        TooManyValues() {
            super(null, null, false, false);
        }
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(limit + " " + conditions + " " + java.util.Arrays.toString(pattern));
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, keySlot, limit);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpTopByIds o && o.original.equalTo(original, labels);
    }
}
