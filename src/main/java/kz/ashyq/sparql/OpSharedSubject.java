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
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A basic graph pattern with two or more triples {@code ?x p o} of one subject variable and a
 * constant predicate and object, as in BSBM's explore queries:
 * {@code ?product a bsbm-inst:ProductType4 ; bsbm:productFeature f41, f47 ; rdfs:label ?label}.
 * TDB2 reads the first such triple's subjects and looks each up in the indexes of the others, a
 * descent of a B+tree per subject and triple. This reads the subjects of each, which the POSG index
 * gives in the order of their node ids, and intersects them by merging; the other triples of the
 * pattern are then joined, by TDB2, to the subjects left. A list much longer than the shortest is
 * read only up to a bound, past which the shortest list's subjects are looked up in it, so the
 * work is never much more than TDB2's own.
 *
 * <p>The subjects are distinct node ids, each a distinct term of the union default graph, and a
 * row that binds the subject from outside runs the original pattern: the answers are TDB2's.
 */
final class OpSharedSubject extends OpExt {

    /** Records read from each list in turn until the shortest ends. */
    private static final int STEP = 512;
    /** How many times the shortest list's length a longer list is read past it before lookups take over. */
    private static final int READ_PAST = 8;

    private final OpQuadPattern original;
    private final Op overUnion;
    private final Var subject;
    private final List<Node[]> constants; // predicate, object
    private final Op rest; // the pattern's other triples, over the union graph; null when none

    OpSharedSubject(OpQuadPattern original, Var subject, List<Node[]> constants, OpQuadPattern rest) {
        super("sharedSubject");
        this.original = original;
        // TDB2 points the default graph's patterns at the union graph after the rewrites, and that
        // does not reach inside this operator
        this.overUnion = OpLib.unionDefaultGraphQuads(original);
        this.subject = subject;
        this.constants = List.copyOf(constants);
        this.rest = rest == null ? null : OpLib.unionDefaultGraphQuads(rest);
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
        return new QueryIterRepeatApply(input, cxt) {
            private List<Node> subjects;

            @Override
            protected QueryIterator nextStage(Binding row) {
                if (row.contains(subject)) {
                    return QC.execute(overUnion, QueryIterSingleton.create(row, cxt), cxt);
                }
                if (subjects == null) {
                    subjects = subjects(cxt);
                }
                List<Binding> rows = new ArrayList<>(subjects.size());
                subjects.forEach(s -> rows.add(BindingFactory.binding(row, subject, s)));
                QueryIterator bound = QueryIterPlainWrapper.create(rows.iterator(), cxt);
                return rest == null ? bound : QC.execute(rest, bound, cxt);
            }
        };
    }

    /** The subjects every constant triple has, decoded. */
    private List<Node> subjects(ExecutionContext cxt) {
        List<IdScan> scans = new ArrayList<>();
        for (Node[] po : constants) {
            IdScan scan = IdScan.of(cxt.getDataset(), new Node[] {subject, po[0], po[1]}, 0);
            if (scan == null) {
                return List.of(); // a constant in no triple: nothing matches
            }
            scans.add(scan);
        }
        long[] ids = intersect(scans, cxt);
        var nodes = TDBInternal.getDatasetGraphTDB(cxt.getDataset()).getQuadTable().getNodeTupleTable().getNodeTable();
        List<Node> out = new ArrayList<>(ids.length);
        byte[] eight = new byte[8];
        for (long id : ids) {
            org.apache.jena.atlas.lib.Bytes.setLong(id, eight, 0);
            out.add(nodes.getNodeForNodeId(NodeIdFactory.get(eight, 0)));
        }
        return out;
    }

    /**
     * The subjects' ids every list holds, ascending (unsigned). The lists are read a step each in
     * turn until one ends: it is the shortest. Each other list is then read on up to the shortest's
     * last id, or {@link #READ_PAST} times its length, whichever comes first; what is left of the
     * shortest past that is looked up in it.
     */
    private static long[] intersect(List<IdScan> scans, ExecutionContext cxt) {
        int k = scans.size();
        List<IdScan.Keys> keys = new ArrayList<>();
        Ids[] read = new Ids[k];
        try {
            for (int i = 0; i < k; i++) {
                keys.add(scans.get(i).keys(cxt.getCancelSignal()));
                read[i] = new Ids(scans.get(i).position(0));
            }
            int shortest = -1;
            while (shortest < 0) {
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
                boolean whole = read[i].readUpTo(keys.get(i), last, (long) READ_PAST * result.size + STEP);
                result = result.intersect(read[i], whole ? null : scans.get(i));
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

        /**
         * The ids of this list that {@code other} holds: merged with what was read of it, and, past
         * that, looked up in {@code unread} (null when all that matters was read).
         */
        Ids intersect(Ids other, IdScan unread) {
            Ids out = new Ids(at);
            long readTo = other.size == 0 ? 0 : other.ids[other.size - 1];
            int j = 0;
            for (int i = 0; i < size; i++) {
                long id = ids[i];
                if (unread != null && (other.size == 0 || Long.compareUnsigned(id, readTo) > 0)) {
                    if (unread.has(id)) {
                        out.add(id);
                    }
                    continue;
                }
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
