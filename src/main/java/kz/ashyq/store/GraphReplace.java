package kz.ashyq.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.lib.NodeLib;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.apache.lucene.util.IntroSorter;

/**
 * Replaces a named graph with what a writer streams, inside the caller's write transaction,
 * writing only what changed, on TDB2's node ids:
 * <ol>
 *   <li>the triples are read into arrays, each distinct node once;</li>
 *   <li>nodes get their ids in the order of their hashes, the order of the node table's index;</li>
 *   <li>the new triples, sorted, are merged with a scan of the graph's range of the GSPO index:
 *       what only the new graph holds is added, what only the old holds is deleted;</li>
 *   <li>each of TDB2's quad indexes gets its deletions and additions in its own order;</li>
 *   <li>the counts the catalogue publishes come from the arrays, and no node is decoded.</li>
 * </ol>
 * A reload that changes 1% of a graph writes 1% of it; one that changes nothing writes nothing.
 * Quads streamed with a graph of their own are added to it as they come.
 */
final class GraphReplace {

    /** What a replacement found: the new graph's counts, and how it differs from the old. */
    record Result(GraphStats stats, GraphDiff diff, boolean typesChanged) {}

    /**
     * The changes a replacement is about to write, for the caller to record (in the archive of
     * releases) before they are written: the triples added come from the new data as it came,
     * the triples removed are decoded from the store.
     */
    interface Changes {
        GraphDiff diff();

        void added(StreamRDF out);

        void removed(StreamRDF out);
    }

    private final DatasetGraph dsg;
    private final Node graph;
    private final NodeTupleTable quads;
    private final NodeTable nodes;
    private final ByteBuffer eight = ByteBuffer.allocate(8);
    /** Every distinct node of the new graph, and where it is in that list. */
    private final List<Node> distinct = new ArrayList<>();
    private final Map<Node, Integer> where = new HashMap<>();
    /**
     * The last nodes seen, by their hash: a row's triples share a subject, and a registry's rows
     * their predicates and types, so most nodes are found here before the large map, whose
     * lookups, a cache miss each, took 8 of a million-row reload's 60 s.
     */
    private final Node[] recent = new Node[RECENT];
    private final int[] recentRef = new int[RECENT];
    private static final int RECENT = 1024;
    /** Whether new nodes are allocated in the order of their hashes rather than as they came. */
    private final boolean byHash;

    private GraphReplace(DatasetGraph dsg, Node graph, boolean byHash) {
        this.dsg = dsg;
        this.graph = graph;
        this.byHash = byHash;
        this.quads = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable();
        this.nodes = quads.getNodeTable();
    }

    /**
     * Replaces {@code graph} in {@code dsg}, which must be a TDB2 dataset in a write transaction;
     * {@code links}, when not null, counts the links into sibling graphs; {@code changes} is
     * shown what will change once that is known, before anything is written.
     */
    static Result replace(DatasetGraph dsg, Node graph, GraphWriter writer, Linksets links,
            Consumer<Changes> changes) {
        return new GraphReplace(dsg, graph, false).run(writer, links, changes);
    }

    /**
     * Writes a graph of the archive of releases: its new nodes are allocated in the order of their
     * hashes, faster, since no page lists its things in the order of their ids.
     */
    static Result archive(DatasetGraph dsg, Node graph, GraphWriter writer) {
        return new GraphReplace(dsg, graph, true).run(writer, null, c -> {});
    }

    private Result run(GraphWriter writer, Linksets links, Consumer<Changes> changes) {
        IdTriples fresh = read(writer);
        long[] ids = allocate();
        Map<Long, Node> predicates = resolve(fresh, ids);
        fresh.sortUnique();
        NodeId g = nodes.getAllocateNodeId(graph);
        IdTriples old = scan(g);
        int[][] change = merge(fresh, old);
        GraphDiff diff = new GraphDiff(change[0].length, change[1].length);
        changes.accept(new Changes() {
            @Override
            public GraphDiff diff() {
                return diff;
            }

            @Override
            public void added(StreamRDF out) {
                for (int i : change[0]) {
                    out.triple(Triple.create(distinct.get(fresh.sRef[i]), predicates.get(fresh.p[i]),
                            distinct.get(fresh.oRef[i])));
                }
            }

            @Override
            public void removed(StreamRDF out) {
                for (int i : change[1]) {
                    out.triple(Triple.create(node(old.s[i]), node(old.p[i]), node(old.o[i])));
                }
            }
        });
        apply(g, old, change[1], false);
        apply(g, fresh, change[0], true);
        return new Result(stats(fresh, predicates, links), diff, typed(fresh, change[0]) || typed(old, change[1]));
    }

    /** Whether any of the triples at {@code positions} is an {@code rdf:type}. */
    private boolean typed(IdTriples t, int[] positions) {
        NodeId type = nodes.getNodeIdForNode(RDF.Nodes.type);
        if (NodeId.isDoesNotExist(type)) {
            return false;
        }
        long id = IdTriples.encode(type, eight);
        for (int i : positions) {
            if (t.p[i] == id) {
                return true;
            }
        }
        return false;
    }

    private Node node(long id) {
        return nodes.getNodeForNodeId(IdTriples.decode(id, eight));
    }

    /**
     * Reads the writer's triples; the arrays hold, until {@link #resolve}, where each node is in
     * {@link #distinct} rather than its id.
     */
    private IdTriples read(GraphWriter writer) {
        IdTriples in = new IdTriples(1024);
        writer.writeTo(new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                int s = ref(t.getSubject());
                int o = ref(t.getObject());
                in.add(s, ref(t.getPredicate()), o, s, o);
            }

            @Override
            public void quad(Quad q) {
                if (q.isDefaultGraph() || q.getGraph().equals(graph)) {
                    triple(q.asTriple());
                } else {
                    dsg.add(q);
                }
            }
        });
        return in;
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
        int[] byHashOrder = java.util.Arrays.copyOf(pending, count);
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
            keys[k] = java.nio.ByteBuffer.wrap(NodeLib.hash(distinct.get(pending[k])).getBytes()).getLong();
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

    /** Puts the ids in place of the nodes' places in the list; returns the predicates by id. */
    private Map<Long, Node> resolve(IdTriples t, long[] ids) {
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

    /** The graph's triples now, in GSPO's order (sorted here when no index has that order). */
    private IdTriples scan(NodeId g) {
        IdTriples old = new IdTriples(1024);
        TupleIndex gspo = index("GSPO");
        Tuple<NodeId> pattern = TupleFactory.create4(g, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny);
        Iterator<Tuple<NodeId>> it = gspo != null ? gspo.find(pattern) : quads.find(pattern);
        while (it.hasNext()) {
            Tuple<NodeId> q = it.next();
            old.add(IdTriples.encode(q.get(1), eight), IdTriples.encode(q.get(2), eight),
                    IdTriples.encode(q.get(3), eight), -1, -1);
        }
        old.sortUnique();
        return old;
    }

    private TupleIndex index(String name) {
        for (TupleIndex i : quads.getTupleTable().getIndexes()) {
            if (i.getName().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** The positions of {@code fresh} that {@code old} lacks, and of {@code old} that {@code fresh} lacks. */
    private static int[][] merge(IdTriples fresh, IdTriples old) {
        IntStream.Builder added = IntStream.builder();
        IntStream.Builder removed = IntStream.builder();
        int i = 0;
        int j = 0;
        while (i < fresh.size() || j < old.size()) {
            int c = i == fresh.size() ? 1 : j == old.size() ? -1 : fresh.compareWith(i, old, j);
            if (c < 0) {
                added.add(i++);
            } else if (c > 0) {
                removed.add(j++);
            } else {
                i++;
                j++;
            }
        }
        return new int[][] {added.build().toArray(), removed.build().toArray()};
    }

    /**
     * Adds or deletes the triples at {@code positions} in every quad index, in the index's order:
     * the graph is the same for all, so GSPO and SPOG share the order subject, predicate,
     * object, and each order is sorted once.
     */
    private void apply(NodeId g, IdTriples t, int[] positions, boolean add) {
        if (positions.length == 0) {
            return;
        }
        Map<String, List<TupleIndex>> byOrder = new java.util.LinkedHashMap<>();
        for (TupleIndex index : quads.getTupleTable().getIndexes()) {
            byOrder.computeIfAbsent(index.getName().replace("G", ""), l -> new ArrayList<>()).add(index);
        }
        // one order's columns at a time: a million triples' three orders at once would hold 72 MB more
        byOrder.forEach((letters, indexes) -> {
            long[][] c = t.columns(positions, letters);
            int s = letters.indexOf('S');
            int p = letters.indexOf('P');
            int o = letters.indexOf('O');
            for (TupleIndex index : indexes) {
                for (int k = 0; k < positions.length; k++) {
                    Tuple<NodeId> q = TupleFactory.create4(g, IdTriples.decode(c[s][k], eight),
                            IdTriples.decode(c[p][k], eight), IdTriples.decode(c[o][k], eight));
                    if (add) {
                        index.add(q);
                    } else {
                        index.delete(q);
                    }
                }
            }
        });
    }

    /** The catalogue's counts of the new graph, from its sorted, distinct triples. */
    private GraphStats stats(IdTriples t, Map<Long, Node> predicates, Linksets links) {
        long entities = 0;
        Map<String, Long> classes = new TreeMap<>();
        Map<String, Long> properties = new TreeMap<>();
        for (int i = 0; i < t.size(); i++) {
            Node s = distinct.get(t.sRef[i]);
            if ((i == 0 || t.s[i] != t.s[i - 1]) && s.isURI()) {
                entities++;
            }
            Node p = predicates.get(t.p[i]);
            Node o = distinct.get(t.oRef[i]);
            properties.merge(p.getURI(), 1L, Long::sum);
            if (p.equals(RDF.Nodes.type)) {
                if (o.isURI()) {
                    classes.merge(o.getURI(), 1L, Long::sum);
                }
            } else if (o.isURI() && links != null) {
                links.offer(p, o);
            }
        }
        return new GraphStats(t.size(), entities, t.distinctObjects(), classes, properties,
                links == null ? Map.of() : links.counts());
    }
}
