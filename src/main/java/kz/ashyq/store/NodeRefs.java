package kz.ashyq.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.tdb2.lib.NodeLib;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.lucene.util.IntroSorter;

/**
 * Triples read into {@link IdTriples}, each distinct node once, and then given their TDB2 node
 * ids, allocating the nodes the table lacks. Until {@link #resolve}, the arrays hold where each
 * node is in {@link #distinct} rather than its id.
 */
final class NodeRefs {

    private static final int RECENT = 1024;

    private final NodeTable nodes;
    private final ByteBuffer eight = ByteBuffer.allocate(8);
    /** Every distinct node, and where it is in that list. */
    final List<Node> distinct = new ArrayList<>();
    private final Map<Node, Integer> where = new HashMap<>();
    /**
     * The last nodes seen, by their hash: a row's triples share a subject, and a registry's rows
     * their predicates and types, so most nodes are found here before the large map, whose
     * lookups, a cache miss each, took 8 of a million-row reload's 60 s.
     */
    private final Node[] recent = new Node[RECENT];
    private final int[] recentRef = new int[RECENT];
    /** Whether new nodes are allocated in the order of their hashes rather than as they came. */
    private final boolean byHash;
    final IdTriples triples = new IdTriples(1024);

    NodeRefs(NodeTable nodes, boolean byHash) {
        this.nodes = nodes;
        this.byHash = byHash;
    }

    void add(Triple t) {
        int s = ref(t.getSubject());
        int o = ref(t.getObject());
        triples.add(s, ref(t.getPredicate()), o, s, o);
    }

    private int ref(Node n) {
        int slot = n.hashCode() & (RECENT - 1);
        Node seen = recent[slot];
        if (seen != null && (seen == n || seen.equals(n))) {
            return recentRef[slot];
        }
        Integer i = where.get(n);
        if (i == null) {
            i = distinct.size();
            distinct.add(n);
            where.put(n, i);
        }
        recent[slot] = n;
        recentRef[slot] = i;
        return i;
    }

    /**
     * Gives every node its id (see {@link #allocate}) and puts the ids in place of the nodes'
     * places; returns the predicates by id. No triple is added after: the map that found each
     * node's place goes (a million-row registry's 3 million entries, a sixth of the heap that
     * every full collection of the release marks).
     */
    Map<Long, Node> resolve() {
        where.clear();
        long[] ids = allocate();
        IdTriples t = triples;
        Map<Long, Node> predicates = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            int p = (int) t.p[i];
            t.s[i] = ids[(int) t.s[i]];
            t.p[i] = ids[p];
            t.o[i] = ids[(int) t.o[i]];
            predicates.putIfAbsent(t.p[i], distinct.get(p));
        }
        return predicates;
    }

    /**
     * The id of every distinct node, allocating those the table lacks. Values TDB2 keeps inside
     * the id need no table. The others are looked up, or added, in the order they came: pages
     * list a hub's incoming links in the order of their ids, which is then the order of the rows;
     * or, for the archive, in the order of their hashes, the keys of the node table's B+tree,
     * which touches each block once: 3.6 s rather than 4.5 s for a registry's 242,000 nodes. A
     * reload, whose nodes are mostly in the table, looks them up in the order of their hashes
     * first and allocates only the others in the order they came.
     */
    private long[] allocate() {
        long[] ids = new long[distinct.size()];
        int[] pending = new int[distinct.size()];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            NodeId inline = NodeId.inline(distinct.get(i));
            if (inline != null) {
                ids[i] = IdTriples.encode(inline, eight);
            } else {
                pending[n++] = i;
            }
        }
        int count = n;
        if (byHash) {
            sortByHash(pending, count);
        } else if (mostlyKnown(pending, count)) {
            count = lookUpByHash(ids, pending, count);
        }
        for (int k = 0; k < count; k++) {
            ids[pending[k]] = IdTriples.encode(nodes.getAllocateNodeId(distinct.get(pending[k])), eight);
        }
        return ids;
    }

    /** Whether most of the first thousand nodes are in the table already: a reload, then. */
    private boolean mostlyKnown(int[] pending, int count) {
        int probe = Math.min(1000, count);
        int known = 0;
        for (int k = 0; k < probe; k++) {
            if (!NodeId.isDoesNotExist(nodes.getNodeIdForNode(distinct.get(pending[k])))) {
                known++;
            }
        }
        return probe > 0 && known * 2 > probe;
    }

    /**
     * Looks every node up in the order of its hash, the node index's order, which reads each
     * block of the index once; keeps in {@code pending}, in the order they came, the nodes it
     * did not find, and returns how many.
     */
    private int lookUpByHash(long[] ids, int[] pending, int count) {
        int[] byHashOrder = Arrays.copyOf(pending, count);
        sortByHash(byHashOrder, count);
        boolean[] found = new boolean[distinct.size()];
        // past TDB2's node cache, which would take in every node and evict as many, a third of the
        // lookups' time; only looked up there, so the cache cannot be left wrong
        NodeTable table = nodes.baseNodeTable();
        for (int k = 0; k < count; k++) {
            NodeId id = table.getNodeIdForNode(distinct.get(byHashOrder[k]));
            if (!NodeId.isDoesNotExist(id)) {
                ids[byHashOrder[k]] = IdTriples.encode(id, eight);
                found[byHashOrder[k]] = true;
            }
        }
        int left = 0;
        for (int k = 0; k < count; k++) {
            if (!found[pending[k]]) {
                pending[left++] = pending[k];
            }
        }
        return left;
    }

    /**
     * Sorts the first {@code count} of {@code pending} by their nodes' hashes, the node index's
     * keys, compared on their first eight bytes (nodes that share those are next to each other
     * anyway). The keys move with the places, so that a comparison reads neighbouring memory.
     */
    private void sortByHash(int[] pending, int count) {
        long[] keys = new long[count];
        for (int k = 0; k < count; k++) {
            keys[k] = ByteBuffer.wrap(NodeLib.hash(distinct.get(pending[k])).getBytes()).getLong();
        }
        new IntroSorter() {
            private long pivot;

            @Override
            protected void setPivot(int i) {
                pivot = keys[i];
            }

            @Override
            protected int comparePivot(int j) {
                return Long.compareUnsigned(pivot, keys[j]);
            }

            @Override
            protected void swap(int i, int j) {
                long k = keys[i];
                keys[i] = keys[j];
                keys[j] = k;
                int t = pending[i];
                pending[i] = pending[j];
                pending[j] = t;
            }
        }.sort(0, count);
    }
}
