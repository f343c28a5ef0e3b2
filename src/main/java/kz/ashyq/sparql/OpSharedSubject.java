package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A basic graph pattern with two or more triples {@code ?x p o} of one subject variable and a
 * constant predicate and object, as in BSBM's explore queries:
 * {@code ?product a bsbm-inst:ProductType4 ; bsbm:productFeature f41, f47 ; rdfs:label ?label}.
 * TDB2 reads the first such triple's subjects and looks each up in the indexes of the others, a
 * descent of a B+tree per subject and triple. This reads the subjects of each, which the POSG index
 * gives in the order of their node ids, and intersects them by merging; the other triples of the
 * pattern are then joined, by TDB2, to the subjects left, as node ids. A list much longer than the
 * shortest is read only up to a bound, and TDB2 looks the subjects up in it; when no list is short,
 * TDB2 runs the pattern itself. The work is never much more than TDB2's own.
 *
 * <p>The subjects are distinct node ids, each a distinct term of the union default graph, and a
 * row that binds a variable of the pattern from outside runs the original pattern: the answers
 * are TDB2's.
 */
final class OpSharedSubject extends OpExt {

    /** Records read from each list in turn until the shortest ends. */
    private static final int STEP = 512;
    /**
     * The longest a shortest list may be for the intersection. When every list is longer, TDB2 runs
     * the pattern, and what was read is lost: at most this many records a list, a few milliseconds.
     * On the registry, a place's 62,000 kindergartens intersected with the 640,000 of the type took
     * 115 ms by reading, where TDB2's lookups took 69.
     */
    private static final int SHORT = 8192;
    /**
     * How many times the shortest list's length a longer list is read past it before TDB2 takes
     * over and looks the shortest list's subjects up in it, in the order of their ids.
     */
    private static final int READ_PAST = 2;

    private final OpQuadPattern original;
    private final Op overUnion;
    private final Var subject;
    private final List<Node[]> constants; // predicate, object
    private final Op rest; // the pattern's other triples, over the union graph; null when none
    private final java.util.Set<Var> patternVars;

    OpSharedSubject(OpQuadPattern original, Var subject, List<Node[]> constants, OpQuadPattern rest) {
        super("sharedSubject");
        this.original = original;
        // TDB2 points the default graph's patterns at the union graph after the rewrites, and that
        // does not reach inside this operator
        this.overUnion = OpLib.unionDefaultGraphQuads(original);
        this.subject = subject;
        this.constants = List.copyOf(constants);
        this.rest = rest == null ? null : OpLib.unionDefaultGraphQuads(rest);
        this.patternVars = java.util.Set.copyOf(org.apache.jena.sparql.algebra.OpVars.mentionedVars(original));
    }

    /** The pattern as written, for the rewrites that look for one. */
    OpQuadPattern pattern() {
        return original;
    }

    @Override
    public Op effectiveOp() {
        return original;
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
                return subjects(cxt);
            }

            @Override
            protected QueryIterator stage(Binding row, Found found) {
                Var[] vars = {subject};
                List<Binding> rows = new ArrayList<>(found.subjects().size());
                for (NodeId id : found.subjects()) {
                    rows.add(IdStages.bind(row, found.nodes(), vars, new NodeId[] {id}));
                }
                QueryIterator bound = QueryIterPlainWrapper.create(rows.iterator(), cxt);
                return found.rest() == null ? bound : QC.execute(found.rest(), bound, cxt);
            }
        };
    }

    /** The subjects found, and what TDB2 joins to them: the other triples, and the lists too long to read. */
    private record Found(List<NodeId> subjects, Op rest, NodeTable nodes) {}

    /** The subjects the constant triples have, with what is left to join to them; null when TDB2 had better run it all. */
    private Found subjects(ExecutionContext cxt) {
        List<IdScan> scans = new ArrayList<>();
        for (Node[] po : constants) {
            IdScan scan = IdScan.of(cxt.getDataset(), new Node[] {subject, po[0], po[1]}, 0);
            if (scan == null) {
                return new Found(List.of(), null, null); // a constant in no triple: nothing matches
            }
            scans.add(scan);
        }
        boolean[] unread = new boolean[scans.size()];
        long[] ids = intersect(scans, unread, cxt);
        if (ids == null) {
            return null;
        }
        NodeTable nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable().getNodeTupleTable().getNodeTable();
        List<NodeId> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(IdScan.nodeId(id));
        }
        BasicPattern left = new BasicPattern();
        for (int i = 0; i < unread.length; i++) {
            if (unread[i]) {
                left.add(Triple.create(subject, constants.get(i)[0], constants.get(i)[1]));
            }
        }
        if (rest != null) {
            left.addAll(((OpQuadPattern) rest).getBasicPattern());
        }
        // the other triples joined to the subjects, a predicate read whole where they are many
        return new Found(out, left.isEmpty() ? null
                : new OpColumnJoins(new OpQuadPattern(((OpQuadPattern) overUnion).getGraphNode(), left), new ExprList()),
                nodes);
    }

    /**
     * The subjects' ids every list read holds, ascending (unsigned). The lists are read a step each
     * in turn until one ends: it is the shortest. Each other list is then read on up to the
     * shortest's last id, or {@link #READ_PAST} times its length, whichever comes first; a list
     * that does not get there is marked in {@code unread}, for TDB2 to look the subjects up in.
     * Null when no list ends within {@link #SHORT} records.
     */
    private static long[] intersect(List<IdScan> scans, boolean[] unread, ExecutionContext cxt) {
        int k = scans.size();
        List<IdScan.Keys> keys = new ArrayList<>();
        Ids[] read = new Ids[k];
        try {
            for (int i = 0; i < k; i++) {
                keys.add(scans.get(i).keys(cxt.getCancelSignal()));
                read[i] = new Ids(scans.get(i).position(0));
            }
            int shortest = -1;
            for (int round = 0; shortest < 0; round++) {
                if (round * STEP >= SHORT) {
                    return null; // every list is long: TDB2's own order is as good
                }
                for (int i = 0; i < k && shortest < 0; i++) {
                    if (!read[i].readFrom(keys.get(i), STEP)) {
                        shortest = i;
                    }
                }
            }
            Ids result = read[shortest];
            long last = result.size == 0 ? 0 : result.ids[result.size - 1];
            for (int i = 0; i < k; i++) {
                if (i == shortest || result.size == 0) {
                    continue;
                }
                if (read[i].readUpTo(keys.get(i), last, (long) READ_PAST * result.size + STEP)) {
                    result = result.intersect(read[i]);
                } else {
                    unread[i] = true;
                }
            }
            return Arrays.copyOf(result.ids, result.size);
        } finally {
            keys.forEach(IdScan.Keys::close);
        }
    }

    /** A list's subject ids read so far, ascending. */
    private static final class Ids {
        final int at;
        long[] ids = new long[64];
        int size;

        Ids(int at) {
            this.at = at;
        }

        private void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        /** Reads up to {@code n} more; false when the list has ended. */
        boolean readFrom(IdScan.Keys keys, int n) {
            for (int i = 0; i < n; i++) {
                if (!keys.hasNext()) {
                    return false;
                }
                add(IdScan.bits(keys.next(), at));
            }
            return keys.hasNext();
        }

        /** Reads on until past {@code last} or {@code budget} more; true when every id up to {@code last} is read. */
        boolean readUpTo(IdScan.Keys keys, long last, long budget) {
            for (long i = 0; i < budget; i++) {
                if (size > 0 && Long.compareUnsigned(ids[size - 1], last) >= 0 || !keys.hasNext()) {
                    return true;
                }
                add(IdScan.bits(keys.next(), at));
            }
            return size > 0 && Long.compareUnsigned(ids[size - 1], last) >= 0 || !keys.hasNext();
        }

        /** The ids of this list that {@code other} holds, every id of which up to this list's last is read. */
        Ids intersect(Ids other) {
            Ids out = new Ids(at);
            int j = 0;
            for (int i = 0; i < size; i++) {
                long id = ids[i];
                while (j < other.size && Long.compareUnsigned(other.ids[j], id) < 0) {
                    j++;
                }
                if (j < other.size && other.ids[j] == id) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(subject + " " + constants.stream().map(Arrays::toString).toList() + " " + rest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, subject);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpSharedSubject o && o.original.equalTo(original, labels);
    }
}
