package kz.ashyq.store;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.ArrayList;
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
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;

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
 * Quads streamed with a graph of their own are added to it as they come. A released graph also
 * gets a fingerprint, with which its next release finds what changed without the first three
 * steps ({@link FingerprintReplace}).
 */
final class GraphReplace {

    /** What a replacement found: the new graph's counts, and how it differs from the old. */
    record Result(GraphStats stats, GraphDiff diff, boolean typesChanged, boolean fingerprinted) {}

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

    /**
     * What a replacement changes, for {@link Changes}: the additions at {@code add} of
     * {@code fresh}, from the nodes as they came ({@code refs}, and the predicates by id), and the
     * deletions at {@code remove} of {@code gone}, decoded from the node table.
     */
    record IdChanges(GraphDiff diff, NodeRefs refs, Map<Long, Node> predicates, IdTriples fresh, int[] add,
            IdTriples gone, int[] remove, NodeTable nodes) implements Changes {
        @Override
        public void added(StreamRDF out) {
            for (int i : add) {
                out.triple(Triple.create(refs.distinct.get(fresh.sRef[i]), predicates.get(fresh.p[i]),
                        refs.distinct.get(fresh.oRef[i])));
            }
        }

        @Override
        public void removed(StreamRDF out) {
            ByteBuffer eight = ByteBuffer.allocate(8);
            for (int i : remove) {
                out.triple(Triple.create(node(gone.s[i], eight), node(gone.p[i], eight), node(gone.o[i], eight)));
            }
        }

        private Node node(long id, ByteBuffer eight) {
            return nodes.getNodeForNodeId(IdTriples.decode(id, eight));
        }
    }

    private final DatasetGraph dsg;
    private final Node graph;
    private final NodeTupleTable quads;
    private final NodeTable nodes;
    private final ByteBuffer eight = ByteBuffer.allocate(8);
    private final NodeRefs refs;

    private GraphReplace(DatasetGraph dsg, Node graph, boolean byHash) {
        this.dsg = dsg;
        this.graph = graph;
        this.quads = TDBInternal.getDatasetGraphTDB(dsg).getQuadTable().getNodeTupleTable();
        this.nodes = quads.getNodeTable();
        this.refs = new NodeRefs(nodes, byHash);
    }

    /**
     * Replaces {@code graph} in {@code dsg}, which must be a TDB2 dataset in a write transaction;
     * {@code links}, when not null, counts the links into sibling graphs; {@code changes} is
     * shown what will change once that is known, before anything is written. With
     * {@code fingerprints}, the graph's fingerprint, when it has one that matches, finds what
     * changed ({@link FingerprintReplace}), and the next one is written.
     */
    static Result replace(DatasetGraph dsg, Node graph, GraphWriter writer, Linksets links,
            Fingerprints fingerprints, Consumer<Changes> changes) {
        GraphReplace r = new GraphReplace(dsg, graph, false);
        if (fingerprints == null) {
            return r.run(writer, links, null, changes);
        }
        NodeId g = r.nodes.getAllocateNodeId(graph);
        Fingerprints.Old old = fingerprints.open(graph, g, Fingerprints.gspo(r.quads), dsg);
        try (FingerprintFile.Writer next = fingerprints.create(graph)) {
            return old != null ? FingerprintReplace.replace(dsg, graph, r.quads, g, fingerprints, old, next, writer,
                    links, changes)
                    : r.run(writer, links, next, changes);
        }
    }

    /**
     * Writes a graph of the archive of releases: its new nodes are allocated in the order of their
     * hashes, faster, since no page lists its things in the order of their ids.
     */
    static Result archive(DatasetGraph dsg, Node graph, GraphWriter writer) {
        return new GraphReplace(dsg, graph, true).run(writer, null, null, c -> {});
    }

    private Result run(GraphWriter writer, Linksets links, FingerprintFile.Writer fingerprint, Consumer<Changes> changes) {
        read(writer);
        Map<Long, Node> predicates = refs.resolve();
        IdTriples fresh = refs.triples;
        if (fingerprint != null) {
            fingerprint(fresh, predicates, fingerprint);
        }
        fresh.sortUnique();
        NodeId g = nodes.getAllocateNodeId(graph);
        IdTriples old = scan(g);
        int[][] change = merge(fresh, old);
        GraphDiff diff = new GraphDiff(change[0].length, change[1].length);
        changes.accept(new IdChanges(diff, refs, predicates, fresh, change[0], old, change[1], nodes));
        apply(quads, g, old, change[1], false);
        apply(quads, g, fresh, change[0], true);
        long typeId = typeId(nodes);
        return new Result(stats(fresh, predicates, links), diff, has(fresh, change[0], typeId) || has(old, change[1], typeId),
                false);
    }

    /**
     * Writes the new graph's fingerprint: its triples' keys and ids, in the order they came, a
     * triple made twice once.
     */
    private void fingerprint(IdTriples t, Map<Long, Node> predicates, FingerprintFile.Writer out) {
        TermKeys keys = new TermKeys();
        int n = t.size();
        long[] k1 = new long[n];
        long[] k2 = new long[n];
        for (int i = 0; i < n; i++) {
            keys.triple(refs.distinct.get(t.sRef[i]), predicates.get(t.p[i]), refs.distinct.get(t.oRef[i]));
            k1[i] = keys.k1;
            k2[i] = keys.k2;
        }
        BitSet repeated = repeats(k1, k2, n);
        for (int i = 0; i < n; i++) {
            if (!repeated.get(i)) {
                out.add(k1[i], k2[i], t.s[i], t.p[i], t.o[i]);
            }
        }
    }

    /** The places of keys that came before, at a smaller place. */
    static BitSet repeats(long[] k1, long[] k2, int n) {
        int[] byKey = Fingerprints.order(k1, k2, n);
        BitSet repeated = new BitSet(n);
        for (int i = 1; i < n; i++) {
            int a = byKey[i - 1];
            int b = byKey[i];
            if (k1[a] == k1[b] && k2[a] == k2[b]) {
                // equal keys are next to each other in the insertion sort's stable order: the first came first
                repeated.set(Math.max(a, b));
                byKey[i] = Math.min(a, b);
            }
        }
        return repeated;
    }

    /** The id of {@code rdf:type} as a long, or 0 when the store has no such node. */
    static long typeId(NodeTable nodes) {
        NodeId type = nodes.getNodeIdForNode(RDF.Nodes.type);
        return NodeId.isDoesNotExist(type) ? 0 : IdTriples.encode(type, ByteBuffer.allocate(8));
    }

    /** Whether any of the triples at {@code positions} has the predicate {@code p} (0: none has). */
    static boolean has(IdTriples t, int[] positions, long p) {
        if (p == 0) {
            return false;
        }
        for (int i : positions) {
            if (t.p[i] == p) {
                return true;
            }
        }
        return false;
    }

    /** Reads the writer's triples into {@link #refs}; quads of other graphs are added as they come. */
    private void read(GraphWriter writer) {
        writer.writeTo(new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                refs.add(t);
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
    }

    /** The graph's triples now, in GSPO's order (sorted here when no index has that order). */
    private IdTriples scan(NodeId g) {
        IdTriples old = new IdTriples(1024);
        TupleIndex gspo = Fingerprints.gspo(quads);
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

    /** The positions of {@code fresh} that {@code old} lacks, and of {@code old} that {@code fresh} lacks. */
    static int[][] merge(IdTriples fresh, IdTriples old) {
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
     * object, and each order is sorted once. After a large change each index lets go of the
     * pages it mapped ({@link MappedPages}), so that a first release of millions of triples holds
     * one index's new pages at a time rather than all six.
     */
    static void apply(NodeTupleTable quads, NodeId g, IdTriples t, int[] positions, boolean add) {
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
            ByteBuffer eight = ByteBuffer.allocate(8);
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
                if (positions.length >= MappedPages.WORTH_RELEASING) {
                    MappedPages.release(index);
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
            Node s = refs.distinct.get(t.sRef[i]);
            if ((i == 0 || t.s[i] != t.s[i - 1]) && s.isURI()) {
                entities++;
            }
            Node p = predicates.get(t.p[i]);
            Node o = refs.distinct.get(t.oRef[i]);
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
