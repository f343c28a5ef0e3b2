package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import kz.ashyq.store.ReadMemo;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;

/**
 * {@code GROUP BY} with {@code COUNT}s over one triple pattern of the union default graph,
 * counted on TDB2's node ids: {@code SELECT ?type (COUNT(?s) AS ?n) { ?s a ?type } GROUP BY ?type}.
 * ARQ decodes every matching triple's nodes to count them; this walks the quad index whose prefix
 * is the pattern's constants, counts each distinct triple once (a triple in several graphs is
 * adjacent there, the graph being the index's last slot) and decodes only the groups' keys.
 *
 * <p>Counts are what ARQ counts over TDB2: distinct node ids are distinct RDF terms. They are kept
 * per TDB2 data version, so the same count on the same data is worked out once. When the operator
 * is given bindings from outside (a join feeding it), it runs the original algebra.
 */
final class OpCountByIds extends OpExt {

    /** One {@code COUNT}: of every match, or of the distinct values of one slot of the triple. */
    record Count(Var as, int distinctSlot) {
        static final int ALL = -1;
    }

    private final Op original;
    /**
     * The original as it runs: TDB2 points the default graph's patterns at the union graph after
     * the rewrites, and that does not reach inside this operator.
     */
    private final Op overUnion;
    private final Node[] pattern; // S, P, O: constants, or variables (none repeated)
    private final int groupSlot; // the slot grouped on, or -1 for one group
    private final Var groupVar;
    private final List<Count> counts;

    OpCountByIds(Op original, Node[] pattern, int groupSlot, List<Count> counts) {
        super("countByIds");
        this.original = original;
        this.overUnion = OpLib.unionDefaultGraphQuads(original);
        this.pattern = pattern.clone();
        this.groupSlot = groupSlot;
        this.groupVar = groupSlot < 0 ? null : Var.alloc(pattern[groupSlot]);
        this.counts = List.copyOf(counts);
    }

    @Override
    public Op effectiveOp() {
        return original;
    }

    @Override
    public QueryIterator eval(QueryIterator input, ExecutionContext cxt) {
        List<Binding> inputs = IdStages.drained(input);
        if (!inputs.stream().allMatch(Binding::isEmpty)) {
            return QC.execute(overUnion, QueryIterPlainWrapper.create(inputs.iterator(), cxt), cxt);
        }
        int copies = inputs.size();
        return LazyRows.of(() -> {
            List<Binding> once = copies == 0 ? List.of() : count(cxt);
            List<Binding> all = new ArrayList<>(once.size() * copies);
            for (int i = 0; i < copies; i++) {
                all.addAll(once);
            }
            return all;
        }, cxt);
    }

    /** One group: the record it was first seen in (to decode its key), and its counts. */
    private static final class Group {
        final byte[] first;
        final long[] n;
        final List<Set<Long>> distinct = new ArrayList<>();

        Group(byte[] first, List<Count> counts) {
            this.first = first;
            this.n = new long[counts.size()];
            for (Count c : counts) {
                distinct.add(c.distinctSlot() == Count.ALL ? null : new HashSet<>());
            }
        }

        void add(byte[] key, int[] positions) {
            for (int i = 0; i < n.length; i++) {
                if (positions[i] < 0) {
                    n[i]++;
                } else {
                    distinct.get(i).add(IdScan.bits(key, positions[i]));
                }
            }
        }
    }

    /** A group's key (null when there is no group variable) and its counts, in the order of the query's. */
    private record Counted(Node key, long[] n) {}

    /**
     * What a count is kept by: the pattern's constants (variables as {@code ANY}), the slot grouped
     * on and what each count counts, in the store where it was counted. Variable names are not
     * in it, so every query of the same shape finds the same counts.
     */
    private record Shape(String store, List<Node> constants, int groupSlot, List<Integer> counted) {}

    /**
     * Counts worked out before, each kept with the TDB2 data version it was counted at and found
     * only at that same version (store.ReadMemo): the union graph's counts per type or per predicate
     * change only when a release or an update commits, and researchers ask them again and again.
     */
    private static final ReadMemo<Shape, List<Counted>> KEPT = new ReadMemo<>(64);
    /** Counts with more groups than this are not kept: a memo of small answers, not a result cache. */
    static final int MAX_KEPT_GROUPS = 10_000;

    private List<Binding> count(ExecutionContext cxt) {
        DatasetGraph d = cxt.getDataset();
        Location where = TDBInternal.getDatasetGraphTDB(d).getLocation();
        Shape shape = where.isMem() ? null : new Shape(where.getDirectoryPath(),
                Arrays.stream(pattern).map(n -> n.isVariable() ? Node.ANY : n).toList(), groupSlot,
                counts.stream().map(Count::distinctSlot).toList());
        List<Counted> groups = shape == null ? null : KEPT.get(d, shape);
        if (groups == null) {
            groups = countOnIndex(cxt);
            if (shape != null && groups.size() <= MAX_KEPT_GROUPS) {
                KEPT.put(d, shape, groups);
            }
        }
        List<Binding> rows = new ArrayList<>(groups.size());
        for (Counted g : groups) {
            BindingBuilder b = Binding.builder();
            if (groupVar != null) {
                b.add(groupVar, g.key());
            }
            for (int i = 0; i < g.n().length; i++) {
                b.add(counts.get(i).as(), NodeFactory.createLiteralDT(Long.toString(g.n()[i]), XSDDatatype.XSDinteger));
            }
            rows.add(b.build());
        }
        return rows;
    }

    /**
     * The groups and their counts, from one walk of the index range. Where the index has the
     * grouped slot right after the constants, its values come in runs, and a group is looked up
     * once per run rather than once per record.
     */
    private List<Counted> countOnIndex(ExecutionContext cxt) {
        IdScan scan = IdScan.of(cxt.getDataset(), pattern, groupSlot);
        Map<Long, Group> groups = new LinkedHashMap<>();
        int groupAt = scan == null || groupSlot < 0 ? -1 : scan.position(groupSlot);
        if (scan != null) {
            int[] positions = new int[counts.size()];
            for (int i = 0; i < positions.length; i++) {
                int slot = counts.get(i).distinctSlot();
                positions[i] = slot == Count.ALL ? -1 : scan.position(slot);
            }
            Group[] last = {null};
            long[] lastBits = {0};
            scan.forEach(cxt.getCancelSignal(), key -> {
                long bits = groupAt < 0 ? 0 : IdScan.bits(key, groupAt);
                if (last[0] == null || bits != lastBits[0]) {
                    last[0] = groups.computeIfAbsent(bits, k -> new Group(key, counts));
                    lastBits[0] = bits;
                }
                last[0].add(key, positions);
            });
        }
        if (groups.isEmpty() && groupVar == null) {
            groups.put(0L, new Group(null, counts)); // no group variable: one row, even of nothing
        }
        List<Counted> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            long[] n = new long[g.n.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = counts.get(i).distinctSlot() == Count.ALL ? g.n[i] : g.distinct.get(i).size();
            }
            out.add(new Counted(groupVar == null ? null : scan.node(g.first, groupAt), n));
        }
        return List.copyOf(out);
    }

    @Override
    public void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(String.valueOf(groupVar));
        out.print(" ");
        out.print(counts.toString());
        out.print(" ");
        out.print(java.util.Arrays.toString(pattern));
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, groupSlot, counts);
    }

    @Override
    public boolean equalTo(Op other, NodeIsomorphismMap labels) {
        return other instanceof OpCountByIds o && o.original.equalTo(original, labels);
    }
}
