package kz.ashyq.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;

/**
 * Links into a thing, counted per predicate and shown a page at a time: an oblast has thousands of
 * units pointing at it, and its page should cost about what a page with five links costs.
 *
 * <p>Counting walks the thing's range of TDB2's OSPG index at the level of node ids, decoding
 * nothing (5,000 links: about a millisecond). The counts of a thing with many links ("a hub", more
 * than {@value #HUB} index records) are then kept, tagged with the data version of the transaction
 * that read them: a later read uses them only when its own transaction sees that same version, so
 * they never outlive the data they were counted on. With the counts known, a page is one range of
 * the POSG index per predicate.
 */
public final class IncomingLinks {

    /** Index records above which a thing's counts are kept. */
    static final int HUB = 256;
    /** Hubs whose counts are kept at most. */
    private static final int MAX_HUBS = 20_000;

    private final ReadMemo<Node, Map<Node, Long>> hubs = new ReadMemo<>(MAX_HUBS);

    /**
     * Links into a thing, by predicate: how many distinct subjects link with it (over all graphs),
     * and a window of them. Predicates are ordered most-used first.
     *
     * @param shown the subjects shown per predicate: {@code size} of them from {@code offset} for
     *     the paged predicate, the first {@code size} for the others; blank nodes are counted but
     *     not shown
     */
    public record Incoming(Map<Node, Long> counts, Map<Node, List<Node>> shown) {
        /** Whether the thing is a hub: more links than a page of each predicate shows many times over. */
        public boolean hub() {
            return counts.values().stream().mapToLong(Long::longValue).sum() > HUB;
        }
    }

    /** The incoming links of {@code object}: call inside a read transaction of the store. */
    public Incoming read(DatasetGraph d, Node object, Node pagedPredicate, long offset, int size) {
        NodeTupleTable quads = IndexReads.quads(d);
        Map<Node, Long> known = hubs.get(d, object);
        if (known != null) {
            return windows(quads, object, known, pagedPredicate, offset, size);
        }
        return walk(d, quads, object, pagedPredicate, offset, size);
    }

    /** One walk of the OSPG range: counts, and the windows on the way. */
    private Incoming walk(DatasetGraph d, NodeTupleTable quads, Node object, Node pagedPredicate, long offset,
            int size) {
        NodeTable nodes = quads.getNodeTable();
        NodeId paged = pagedPredicate == null ? null : nodes.getNodeIdForNode(pagedPredicate);
        Map<NodeId, long[]> counts = new HashMap<>();
        Map<NodeId, List<NodeId>> window = new HashMap<>();
        long records = 0;
        Iterator<Tuple<NodeId>> it = quads.findAsNodeIds(Node.ANY, Node.ANY, Node.ANY, object);
        try {
            NodeId lastS = null;
            NodeId lastP = null;
            while (it.hasNext()) {
                Tuple<NodeId> t = it.next(); // G S P O off the OSPG index: one (S, P) in several graphs is adjacent
                records++;
                NodeId s = t.get(1);
                NodeId p = t.get(2);
                if (s.equals(lastS) && p.equals(lastP)) {
                    continue;
                }
                lastS = s;
                lastP = p;
                long n = counts.computeIfAbsent(p, k -> new long[1])[0]++;
                long from = p.equals(paged) ? offset : 0;
                if (n >= from && n < from + size) {
                    window.computeIfAbsent(p, k -> new ArrayList<>()).add(s);
                }
            }
        } finally {
            Iter.close(it);
        }
        Map<Node, Long> byCount = new LinkedHashMap<>();
        Map<Node, List<NodeId>> windows = new HashMap<>();
        counts.entrySet().stream()
                .map(e -> Map.entry(nodes.getNodeForNodeId(e.getKey()), e))
                .sorted((a, b) -> a.getValue().getValue()[0] != b.getValue().getValue()[0]
                        ? Long.compare(b.getValue().getValue()[0], a.getValue().getValue()[0])
                        : a.getKey().toString().compareTo(b.getKey().toString()))
                .forEach(e -> {
                    byCount.put(e.getKey(), e.getValue().getValue()[0]);
                    windows.put(e.getKey(), window.getOrDefault(e.getValue().getKey(), List.of()));
                });
        if (records > HUB) {
            hubs.put(d, object, java.util.Collections.unmodifiableMap(byCount));
        }
        Map<Node, List<Node>> shown = new HashMap<>();
        windows.forEach((p, ids) -> shown.put(p, decode(nodes, ids)));
        return new Incoming(byCount, shown);
    }

    /** With the counts known (kept in the walk's order): per predicate, one window of the POSG range. */
    private static Incoming windows(NodeTupleTable quads, Node object, Map<Node, Long> counts,
            Node pagedPredicate, long offset, int size) {
        Map<Node, List<Node>> shown = new HashMap<>();
        for (Node p : counts.keySet()) {
            long from = p.equals(pagedPredicate) ? offset : 0;
            List<NodeId> ids = new ArrayList<>();
            Iterator<Tuple<NodeId>> it = quads.findAsNodeIds(Node.ANY, Node.ANY, p, object);
            try {
                NodeId lastS = null;
                long n = 0;
                while (it.hasNext() && ids.size() < size) {
                    NodeId s = it.next().get(1); // POSG: one subject in several graphs is adjacent
                    if (s.equals(lastS)) {
                        continue;
                    }
                    lastS = s;
                    if (n++ >= from) {
                        ids.add(s);
                    }
                }
            } finally {
                Iter.close(it);
            }
            shown.put(p, decode(quads.getNodeTable(), ids));
        }
        return new Incoming(counts, shown);
    }

    private static List<Node> decode(NodeTable nodes, List<NodeId> ids) {
        List<Node> out = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            Node n = nodes.getNodeForNodeId(id);
            if (!n.isBlank()) {
                out.add(n);
            }
        }
        return out;
    }
}
