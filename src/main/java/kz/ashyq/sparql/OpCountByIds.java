package kz.ashyq.sparql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.atlas.iterator.IteratorCloseable;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;

/**
 * {@code GROUP BY} with {@code COUNT}s over one triple pattern of the union default graph,
 * counted on TDB2's node ids: {@code SELECT ?type (COUNT(?s) AS ?n) { ?s a ?type } GROUP BY ?type}.
 * ARQ decodes every matching triple's nodes to count them; this walks the quad index whose prefix
 * is the pattern's constants, counts each distinct triple once (a triple in several graphs is
 * adjacent there, the graph being the index's last slot) and decodes only the groups' keys.
 *
 * <p>Counts are what ARQ counts over TDB2: distinct node ids are distinct RDF terms. When the
 * operator is given bindings from outside (a join feeding it), it runs the original algebra.
 */
final class OpCountByIds extends OpExt {

    /** One {@code COUNT}: of every match, or of the distinct values of one slot of the triple. */
    record Count(Var as, int distinctSlot) {
        static final int ALL = -1;
    }

    private final Op original;
    private final Node[] pattern; // S, P, O: constants, or variables (none repeated)
    private final int groupSlot; // the slot grouped on, or -1 for one group
    private final Var groupVar;
    private final List<Count> counts;

    OpCountByIds(Op original, Node[] pattern, int groupSlot, List<Count> counts) {
        super("countByIds");
        this.original = original;
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
        List<Binding> inputs = new ArrayList<>();
        input.forEachRemaining(inputs::add);
        input.close();
        if (!inputs.stream().allMatch(Binding::isEmpty)) {
            return QC.execute(original, QueryIterPlainWrapper.create(inputs.iterator(), cxt), cxt);
        }
        int copies = inputs.size();
        // evaluated on the first look, as ARQ's iterators are, inside the query's transaction
        Iterator<Binding> lazy = new Iterator<>() {
            private Iterator<Binding> rows;

            @Override
            public boolean hasNext() {
                if (rows == null) {
                    List<Binding> once = copies == 0 ? List.of() : count(cxt);
                    List<Binding> all = new ArrayList<>(once.size() * copies);
                    for (int i = 0; i < copies; i++) {
                        all.addAll(once);
                    }
                    rows = all.iterator();
                }
                return rows.hasNext();
            }

            @Override
            public Binding next() {
                hasNext();
                return rows.next();
            }
        };
        return QueryIterPlainWrapper.create(lazy, cxt);
    }

    /** One group: its key's node id, and its counts (or sets of distinct values). */
    private static final class Group {
        final NodeId key;
        final long[] n;
        final List<Set<IdScan.Key>> distinct;

        Group(NodeId key, List<Count> counts) {
            this.key = key;
            this.n = new long[counts.size()];
            this.distinct = new ArrayList<>();
            for (Count c : counts) {
                distinct.add(c.distinctSlot() == Count.ALL ? null : new HashSet<>());
            }
        }
    }

    /** The groups and their counts, from one walk of the index range. */
    private List<Binding> count(ExecutionContext cxt) {
        IdScan scan = IdScan.of(cxt.getDataset(), pattern);
        Map<IdScan.Key, Group> groups = new HashMap<>();
        IdScan.Key whole = new IdScan.Key(null, 0);
        if (scan != null) {
            IteratorCloseable<Tuple<NodeId>> it = scan.triples(cxt.getCancelSignal());
            try {
                while (it.hasNext()) {
                    Tuple<NodeId> t = it.next();
                    NodeId id = groupSlot < 0 ? null : t.get(groupSlot);
                    Group g = groups.computeIfAbsent(id == null ? whole : IdScan.Key.of(id),
                            k -> new Group(id, counts));
                    for (int i = 0; i < g.n.length; i++) {
                        int slot = counts.get(i).distinctSlot();
                        if (slot == Count.ALL) {
                            g.n[i]++;
                        } else {
                            g.distinct.get(i).add(IdScan.Key.of(t.get(slot)));
                        }
                    }
                }
            } finally {
                it.close();
            }
        }
        if (groupSlot < 0 && groups.isEmpty()) {
            groups.put(whole, new Group(null, counts)); // no group variable: one row, even of nothing
        }
        NodeTable nodes = scan == null ? null : scan.nodes();
        List<Binding> rows = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            BindingBuilder b = Binding.builder();
            if (groupVar != null) {
                b.add(groupVar, nodes.getNodeForNodeId(g.key));
            }
            for (int i = 0; i < g.n.length; i++) {
                long value = counts.get(i).distinctSlot() == Count.ALL ? g.n[i] : g.distinct.get(i).size();
                b.add(counts.get(i).as(), NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger));
            }
            rows.add(b.build());
        }
        return rows;
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
