package kz.ashyq.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

/** What may be done inside a write transaction. */
public final class WriteSession {
    private final Store store;
    private final DatasetGraph dsg;
    private final DatasetGraph archive;
    /** Triples deleted by this transaction: space TDB2 gives back only when compacted. */
    private long replaced;
    /** Triples this transaction copied into the archive. */
    private long archived;
    /** Triples this transaction added or removed in served graphs. */
    private long changed;

    /** The patch of this transaction, when the store has an outbox; else null. */
    private final PatchOutbox.Tx tx;
    /** The fingerprints of the releases this transaction writes, put in place when it commits. */
    final Fingerprints fingerprints;

    WriteSession(Store store, DatasetGraph dsg, DatasetGraph archive, PatchOutbox.Tx tx) {
        this.store = store;
        this.dsg = dsg;
        this.archive = archive;
        this.tx = tx;
        this.fingerprints = new Fingerprints(store.dir().resolve(Store.FINGERPRINTS), store);
    }

    /**
     * A stream that records what passes into {@code out} as additions to a patch: triples to
     * {@code graph}, quads to their own graph.
     */
    static StreamRDF logging(StreamRDF out, Node graph, PatchOutbox.Tx tx) {
        return new org.apache.jena.riot.system.StreamRDFWrapper(out) {
            @Override
            public void triple(Triple t) {
                tx.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
                super.triple(t);
            }

            @Override
            public void quad(org.apache.jena.sparql.core.Quad q) {
                tx.add(q.isDefaultGraph() ? graph : q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                super.quad(q);
            }
        };
    }

    /** A stream of triples that records them in the patch as {@code add}s or deletions from {@code graph}. */
    private StreamRDF patch(Node graph, boolean add) {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                if (add) {
                    tx.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
                } else {
                    tx.delete(graph, t.getSubject(), t.getPredicate(), t.getObject());
                }
            }
        };
    }

    long replaced() {
        return replaced;
    }

    long archived() {
        return archived;
    }

    long changed() {
        return changed;
    }

    /**
     * Replaces a named graph with what the writer streams, writing only the triples that
     * changed, and counts the result (see {@link GraphReplace}); its links into sibling
     * graphs are counted on the way in (see {@link Linksets}).
     */
    public GraphChange replaceGraph(String graphIri, GraphWriter writer) {
        return replace(graphIri, writer, diff -> null, null);
    }

    /**
     * As {@link #replaceGraph(String, GraphWriter)}, and records in the archive of releases
     * what changed, under the name {@code release} gives for the diff ({@link Store#addedGraph},
     * {@link Store#removedGraph}), or nowhere when it gives null: a release archives its changes,
     * not a copy of itself, so a reload that changes 1% of a graph writes 1% of it twice. The
     * archive commits before the served store. The graph is fingerprinted, and a fingerprint of
     * what it holds now finds what changed ({@link Fingerprints}).
     */
    public GraphChange replaceGraph(String graphIri, GraphWriter writer, Function<GraphDiff, String> release) {
        return replace(graphIri, writer, release, fingerprints);
    }

    private GraphChange replace(String graphIri, GraphWriter writer, Function<GraphDiff, String> release,
            Fingerprints fingerprinted) {
        Set<String> subjects = new java.util.HashSet<>();
        Node g = NodeFactory.createURI(graphIri);
        GraphWriter source = tx == null ? writer : out -> writer.writeTo(passThrough(out, g));
        GraphReplace.Result r = GraphReplace.replace(dsg, g, source, new Linksets(dsg, graphIri), fingerprinted, changes -> {
                    if (tx != null) {
                        // in the order they are written: what goes, then what comes
                        changes.removed(patch(g, false));
                        changes.added(patch(g, true));
                    }
                    String name = release.apply(changes.diff());
                    if (name != null) {
                        archived += store.writeArchive(changes::added, Store.addedGraph(name));
                        archived += store.writeArchive(changes::removed, Store.removedGraph(name));
                    }
                    if (changes.diff().added() + changes.diff().removed() <= Store.SUBJECTS_KEPT) {
                        StreamRDF subject = new StreamRDFBase() {
                            @Override
                            public void triple(Triple t) {
                                if (t.getSubject().isURI()) {
                                    subjects.add(t.getSubject().getURI());
                                }
                            }
                        };
                        changes.added(subject);
                        changes.removed(subject);
                    }
                });
        long n = r.diff().added() + r.diff().removed();
        replaced += r.diff().removed();
        changed += n;
        return new GraphChange(r.stats(), r.diff(), n <= Store.SUBJECTS_KEPT ? Set.copyOf(subjects) : null,
                r.typesChanged(), r.fingerprinted());
    }

    /** The quads a writer streams into graphs of their own, which are written as they come: logged as they pass. */
    private StreamRDF passThrough(StreamRDF out, Node graph) {
        return new org.apache.jena.riot.system.StreamRDFWrapper(out) {
            @Override
            public void quad(org.apache.jena.sparql.core.Quad q) {
                if (!q.isDefaultGraph() && !q.getGraph().equals(graph)) {
                    tx.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                }
                super.quad(q);
            }
        };
    }

    /** Removes a named graph (and its fingerprint, once the transaction has committed). */
    public void removeGraph(String graphIri) {
        Node g = NodeFactory.createURI(graphIri);
        if (tx != null) {
            dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(
                    q -> tx.delete(g, q.getSubject(), q.getPredicate(), q.getObject()));
        }
        dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
        fingerprints.forget(g);
    }

    /** A named graph as this transaction sees it, read and written in place (and logged, with an outbox). */
    public Graph graph(String graphIri) {
        Node g = NodeFactory.createURI(graphIri);
        if (tx == null) {
            return dsg.getGraph(g);
        }
        return new org.apache.jena.rdfpatch.system.DatasetGraphChanges(dsg,
                new org.apache.jena.rdfpatch.changes.RDFChangesBase() {
                    @Override
                    public void add(Node gn, Node s, Node p, Node o) {
                        tx.add(gn, s, p, o);
                    }

                    @Override
                    public void delete(Node gn, Node s, Node p, Node o) {
                        tx.delete(gn, s, p, o);
                    }
                }).getGraph(g);
    }

    /** The names of the named graphs. */
    public java.util.List<String> graphNames() {
        java.util.List<String> out = new java.util.ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(g -> out.add(g.getURI()));
        return out;
    }

    /**
     * Links into the things a graph types, from its sibling graphs, by source graph and
     * predicate: what {@link GraphStats#linksets()} of each sibling counts into this graph.
     */
    public Map<String, Map<String, Long>> linksInto(String graphIri) {
        return Linksets.linksInto(dsg, graphIri);
    }

    /** Whether any graph has a triple with that subject and predicate. */
    public boolean has(Node s, Node p) {
        return dsg.find(Node.ANY, s, p, Node.ANY).hasNext();
    }

    /** The triples of any graph with that subject and predicate. */
    public java.util.List<Triple> find(Node s, Node p) {
        java.util.List<Triple> out = new java.util.ArrayList<>();
        dsg.find(Node.ANY, s, p, Node.ANY).forEachRemaining(q -> out.add(q.asTriple()));
        return out;
    }

    /** An in-memory copy of a named graph as this transaction sees it (for small graphs). */
    public Graph copyOf(String graphIri) {
        Graph out = GraphFactory.createDefaultGraph();
        dsg.find(NodeFactory.createURI(graphIri), Node.ANY, Node.ANY, Node.ANY)
                .forEachRemaining(q -> out.add(q.asTriple()));
        return out;
    }

    /**
     * Copies a served graph into the archive under another name, replacing what was there
     * (a release left by a load killed after this step and before the commit).
     */
    public void archive(String graphIri, String archivedIri) {
        Node live = NodeFactory.createURI(graphIri);
        archiveFrom(out -> dsg.find(live, Node.ANY, Node.ANY, Node.ANY)
                .forEachRemaining(q -> out.triple(q.asTriple())), archivedIri);
    }

    /**
     * Writes the triples {@code writer} streams (its quads are not the graph's) into the
     * archive under a name, replacing what was there: a release archived from the data it
     * was loaded from. The archive commits inside this write transaction on the served store:
     * if that one then aborts, the archive holds a release nobody lists, which the next load
     * overwrites.
     */
    public void archiveFrom(GraphWriter writer, String archivedIri) {
        archived += store.writeArchive(writer, archivedIri);
    }

    /**
     * Serves an earlier release of a graph again (see {@link Store#release}), recording the
     * change under the name {@code release} gives; returns how the served graph changed.
     */
    public GraphChange restore(String graphIri, String snapshot, List<String> undo, String release) {
        return replaceGraph(graphIri, out -> store.release(dsg, graphIri, snapshot, undo, out), diff -> release);
    }

    /** Replaces a served graph with an archived one (a catalogue record, kept whole). */
    public void restore(String archivedIri, String graphIri) {
        Node from = NodeFactory.createURI(archivedIri);
        Txn.executeRead(archive, () -> replaceGraph(graphIri, out -> archive.find(from, Node.ANY, Node.ANY,
                Node.ANY).forEachRemaining(q -> out.triple(q.asTriple()))));
    }

    /** Whether the archive holds a graph of that name. */
    public boolean archived(String archivedIri) {
        return Txn.calculateRead(archive, () -> archive.containsGraph(NodeFactory.createURI(archivedIri)));
    }
}
