package kz.ashyq.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.vocabulary.RDF;
import org.apache.lucene.internal.hppc.IntArrayList;
import org.apache.lucene.internal.hppc.LongArrayList;

/**
 * Replaces a graph that has a fingerprint ({@link Fingerprints}) with what a writer streams, as
 * {@link GraphReplace} does, but without holding the new graph: each triple is keyed as it
 * comes and looked up among the previous release's keys. A triple found there is kept, and only
 * counted; the others are the additions, read as {@link GraphReplace} reads a whole graph; the
 * previous release's triples not found are the deletions, whose ids the fingerprint lists. For
 * a reload that changes 1% of a million-row registry, that leaves out looking up 3 million nodes
 * in TDB2, sorting 8 million triples and scanning the graph to merge with them.
 * <p>
 * The counts the catalogue publishes are taken on the way: triples per predicate and class, and
 * links, from each triple's first occurrence (the fingerprint's entries found, exactly, and the
 * additions once sorted); distinct subjects and objects from the first halves of their keys,
 * which two different terms share with a chance of about 2<sup>-64</sup> per pair.
 */
final class FingerprintReplace {

    private final DatasetGraph dsg;
    private final Node graph;
    private final NodeTupleTable quads;
    private final NodeTable nodes;
    private final Fingerprints.Old old;
    private final BitSet seen;
    private final TermKeys keys = new TermKeys();
    private final NodeRefs added;
    /** The first halves of the subjects' and objects' keys, to count the distinct ones at the end. */
    private final LongArrayList subjects = new LongArrayList();
    private final LongArrayList objects = new LongArrayList();
    private final Map<Node, long[]> properties = new HashMap<>();
    private final Map<Node, long[]> classes = new HashMap<>();
    private final Linksets links;
    private long kept;
    private final Fingerprints fingerprints;
    /**
     * The new graph's triples in the order they first came: a previous entry's place, or for an
     * addition {@code -1 - k}, {@code k} its place among the additions as they came.
     */
    private final IntArrayList order = new IntArrayList();
    /** The additions' keys as they came, two longs each. */
    private final LongArrayList addedKeys = new LongArrayList();
    /**
     * Whether the writer typed something in a sibling graph, after which the links counted on
     * the way can be short: they are then counted again from the store (never so for a release
     * of a mapping, whose other quads go to its provenance graph).
     */
    private boolean siblingTyped;

    private FingerprintReplace(DatasetGraph dsg, Node graph, NodeTupleTable quads, Fingerprints fingerprints,
            Fingerprints.Old old, Linksets links) {
        this.dsg = dsg;
        this.fingerprints = fingerprints;
        this.graph = graph;
        this.quads = quads;
        this.nodes = quads.getNodeTable();
        this.old = old;
        this.seen = new BitSet(old.count);
        this.links = links;
        this.added = new NodeRefs(nodes, false);
    }

    static GraphReplace.Result replace(DatasetGraph dsg, Node graph, NodeTupleTable quads, NodeId g,
            Fingerprints fingerprints, Fingerprints.Old old, FingerprintFile.Writer next, GraphWriter writer,
            Linksets links, Consumer<GraphReplace.Changes> changes) {
        return new FingerprintReplace(dsg, graph, quads, fingerprints, old, links).run(g, next, writer, changes);
    }

    private GraphReplace.Result run(NodeId g, FingerprintFile.Writer next, GraphWriter writer,
            Consumer<GraphReplace.Changes> changes) {
        writer.writeTo(new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                offer(t);
            }

            @Override
            public void quad(Quad q) {
                if (q.isDefaultGraph() || q.getGraph().equals(graph)) {
                    offer(q.asTriple());
                } else {
                    siblingTyped |= links != null && links.sibling(q.getGraph()) && q.getPredicate().equals(RDF.Nodes.type);
                    dsg.add(q);
                }
            }
        });
        Map<Long, Node> predicates = added.resolve();
        IdTriples fresh = added.triples;
        IdTriples gone;
        if (fresh.size() == 0 && kept == old.count) {
            fingerprints.keep(graph);
            gone = new IdTriples(16);
        } else {
            gone = rewrite(next, fresh);
        }
        fresh.sortUnique();
        for (int i = 0; i < fresh.size(); i++) {
            count(predicates.get(fresh.p[i]), added.distinct.get(fresh.oRef[i]));
        }
        gone.sortUnique();
        // an addition that is a deletion's triple in TDB2 (two terms TDB2 keeps as one, if any) is neither
        int[][] change = GraphReplace.merge(fresh, gone);
        GraphDiff diff = new GraphDiff(change[0].length, change[1].length);
        changes.accept(new GraphReplace.IdChanges(diff, added, predicates, fresh, change[0], gone, change[1], nodes));
        GraphReplace.apply(quads, g, gone, change[1], false);
        GraphReplace.apply(quads, g, fresh, change[0], true);
        long type = GraphReplace.typeId(nodes);
        return new GraphReplace.Result(stats(fresh.size()), diff,
                GraphReplace.has(fresh, change[0], type) || GraphReplace.has(gone, change[1], type), true);
    }

    /** Looks a triple up in the previous release's fingerprint, and counts or keeps it. */
    private void offer(Triple t) {
        keys.triple(t.getSubject(), t.getPredicate(), t.getObject());
        int last = subjects.size() - 1;
        if (t.getSubject().isURI() && (last < 0 || subjects.get(last) != keys.subject)) {
            subjects.add(keys.subject);
        }
        objects.add(keys.object);
        int i = old.find(keys.k1, keys.k2);
        if (i < 0) {
            order.add(-1 - added.triples.size());
            addedKeys.add(keys.k1, keys.k2);
            added.add(t);
        } else if (!seen.get(i)) {
            seen.set(i);
            order.add(i);
            kept++;
            count(t.getPredicate(), t.getObject());
        }
    }

    /** Counts one distinct triple of the new graph for the catalogue. */
    private void count(Node p, Node o) {
        properties.computeIfAbsent(p, x -> new long[1])[0]++;
        if (p.equals(RDF.Nodes.type)) {
            if (o.isURI()) {
                classes.computeIfAbsent(o, x -> new long[1])[0]++;
            }
        } else if (o.isURI() && links != null) {
            links.offer(p, o);
        }
    }

    /**
     * Writes the next fingerprint, the previous one's entries found and the additions in the
     * order they came (an addition made twice, once), and returns the previous entries not
     * found: the deletions. {@code fresh} holds the additions' ids in the order they came.
     */
    private IdTriples rewrite(FingerprintFile.Writer next, IdTriples fresh) {
        int n = fresh.size();
        long[] k1 = new long[n];
        long[] k2 = new long[n];
        for (int i = 0; i < n; i++) {
            k1[i] = addedKeys.get(2 * i);
            k2[i] = addedKeys.get(2 * i + 1);
        }
        BitSet repeated = GraphReplace.repeats(k1, k2, n);
        IdTriples gone = new IdTriples(Math.max(16, old.count - (int) kept));
        try (next; FingerprintFile.Positions r = old.positions()) {
            for (int k = 0; k < order.size(); k++) {
                int at = order.get(k);
                if (at >= 0) {
                    r.read(at);
                    next.add(r.k1, r.k2, r.s, r.p, r.o);
                } else if (!repeated.get(-1 - at)) {
                    int x = -1 - at;
                    next.add(k1[x], k2[x], fresh.s[x], fresh.p[x], fresh.o[x]);
                }
            }
            for (int i = seen.nextClearBit(0); i < old.count; i = seen.nextClearBit(i + 1)) {
                r.read(i);
                gone.add(r.s, r.p, r.o, -1, -1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gone;
    }

    private GraphStats stats(long addedTriples) {
        Map<String, Long> byClass = new TreeMap<>();
        classes.forEach((c, n) -> byClass.put(c.getURI(), n[0]));
        Map<String, Long> byProperty = new TreeMap<>();
        properties.forEach((p, n) -> byProperty.merge(p.getURI(), n[0], Long::sum));
        return new GraphStats(kept + addedTriples, distinct(subjects), distinct(objects), byClass, byProperty,
                links == null ? Map.of() : siblingTyped ? Linksets.readBack(dsg, graph.getURI()) : links.counts());
    }

    /**
     * How many distinct values a list holds, sorted in place: a sort of the list as it came reads
     * memory in order, where a hash set of millions of keys missed the caches once per triple.
     */
    private static long distinct(LongArrayList values) {
        long[] v = values.buffer;
        int n = values.size();
        java.util.Arrays.parallelSort(v, 0, n);
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                count++;
            }
        }
        return count;
    }

}
