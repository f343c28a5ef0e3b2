package kz.ashyq.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Reads that pages make on every request, done on TDB2's quad indexes at the level of node ids:
 * a node is decoded only when it is needed. Call inside a read transaction of the store (see
 * {@link Store#read}). See also {@link IncomingLinks}.
 */
public final class IndexReads {

    private IndexReads() {}

    /**
     * The values of some properties of a subject, over all graphs, by property: one walk of the
     * subject's index range in which only the values of the asked properties are decoded. A thing
     * with many triples (more than {@value #SCAN}) is read by one lookup per property instead.
     */
    public static Map<Node, List<Node>> properties(DatasetGraph d, Node subject, List<Node> properties) {
        return properties(d, List.of(subject), properties).get(subject);
    }

    /** {@link #properties(DatasetGraph, Node, List)} of many subjects, by subject. */
    public static Map<Node, Map<Node, List<Node>>> properties(DatasetGraph d, Collection<Node> subjects,
            List<Node> properties) {
        Map<Node, Map<Node, List<Node>>> out = new LinkedHashMap<>();
        NodeTupleTable quads = quads(d);
        NodeTable nodes = quads.getNodeTable();
        Map<NodeId, Node> wanted = new HashMap<>();
        for (Node p : properties) {
            NodeId id = nodes.getNodeIdForNode(p);
            if (!NodeId.isDoesNotExist(id)) {
                wanted.put(id, p);
            }
        }
        for (Node s : subjects) {
            out.put(s, wanted.isEmpty() ? new LinkedHashMap<>() : walk(d, quads, s, wanted, properties));
        }
        return out;
    }

    /** Index records of a subject read in one walk, at most. */
    private static final int SCAN = 256;

    private static Map<Node, List<Node>> walk(DatasetGraph d, NodeTupleTable quads, Node subject,
            Map<NodeId, Node> wanted, List<Node> properties) {
        Map<Node, List<Node>> out = new LinkedHashMap<>();
        Iterator<Tuple<NodeId>> it = quads.findAsNodeIds(Node.ANY, subject, Node.ANY, Node.ANY);
        try {
            int seen = 0;
            while (it.hasNext()) {
                if (++seen > SCAN) {
                    return byLookups(d, subject, properties);
                }
                Tuple<NodeId> t = it.next();
                Node p = wanted.get(t.get(2));
                if (p != null) {
                    Node o = quads.getNodeTable().getNodeForNodeId(t.get(3));
                    List<Node> values = out.computeIfAbsent(p, k -> new ArrayList<>());
                    if (!values.contains(o)) {
                        values.add(o);
                    }
                }
            }
        } finally {
            Iter.close(it);
        }
        return out;
    }

    private static Map<Node, List<Node>> byLookups(DatasetGraph d, Node subject, List<Node> properties) {
        Map<Node, List<Node>> out = new LinkedHashMap<>();
        for (Node p : properties) {
            Iterator<Quad> it = d.find(Node.ANY, subject, p, Node.ANY);
            try {
                it.forEachRemaining(q -> {
                    List<Node> values = out.computeIfAbsent(p, k -> new ArrayList<>());
                    if (!values.contains(q.getObject())) {
                        values.add(q.getObject());
                    }
                });
            } finally {
                Iter.close(it);
            }
        }
        return out;
    }

    /**
     * A thing's own triples and the graphs they are in. Nodes are decoded through a memo for the
     * call: the same predicates and graph recur on every line.
     */
    public record Neighbourhood(Set<Node> graphs, Set<Triple> triples) {}

    /** The {@link Neighbourhood} of {@code thing}. */
    public static Neighbourhood neighbourhood(DatasetGraph d, Node thing) {
        Set<Node> graphs = new LinkedHashSet<>();
        Set<Triple> triples = new LinkedHashSet<>();
        NodeTupleTable quads = quads(d);
        Map<NodeId, Node> memo = new HashMap<>();
        // NodeId's equals and hashCode leave its type out (an inline 31 equals the node at offset
        // 31): only pointers go through the memo; inline values decode from the id itself
        java.util.function.Function<NodeId, Node> decode = id -> id.isInline() ? NodeId.extract(id)
                : memo.computeIfAbsent(id, quads.getNodeTable()::getNodeForNodeId);
        Iterator<Tuple<NodeId>> own = quads.findAsNodeIds(Node.ANY, thing, Node.ANY, Node.ANY);
        try {
            while (own.hasNext()) {
                Tuple<NodeId> t = own.next();
                graphs.add(decode.apply(t.get(0)));
                triples.add(Triple.create(thing, decode.apply(t.get(2)), decode.apply(t.get(3))));
            }
        } finally {
            Iter.close(own);
        }
        return new Neighbourhood(graphs, triples);
    }

    /** TDB2's quad table under {@code d}: the store is always TDB2. */
    static NodeTupleTable quads(DatasetGraph d) {
        DatasetGraphTDB tdb = TDBInternal.isTDB2(d) ? TDBInternal.getDatasetGraphTDB(d) : null;
        if (tdb == null) {
            throw new IllegalArgumentException("index reads need the store's TDB2 dataset, not " + d.getClass().getName());
        }
        return tdb.getQuadTable().getNodeTupleTable();
    }
}
