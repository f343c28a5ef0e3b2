package kz.ashyq.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import kz.ashyq.config.BaseIri;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * An on-disk TDB2 dataset with one named graph per dataset. Graphs are replaced inside one write
 * transaction, so readers see the old version or the new, never a mix, and a failed load
 * leaves the old version in place. The union of the named graphs is the default graph.
 */
public final class Store implements AutoCloseable {


    /** The subdirectory of the store that holds the archive of releases, a TDB2 dataset of its own. */
    public static final String ARCHIVE_DIR = "releases";

    private final Path dir;
    private final StoreMeta meta;
    private volatile DatasetGraph dsg;
    private final DatasetGraph archive;
    private volatile Instant modified;
    /** A fingerprint read ahead of the release that will use it (see {@link #prepareRelease}). */
    private volatile Fingerprints.Prepared prepared;
    private final IncomingLinks incoming = new IncomingLinks();
    /** What this store tells of its changes, and takes from a publisher's, for replication. */
    private final ChangeFeed changes;

    private Store(Path dir, DatasetGraph dsg, DatasetGraph archive) {
        this.dir = dir;
        this.meta = new StoreMeta(dir);
        this.dsg = dsg;
        this.archive = archive;
        this.changes = new ChangeFeed(this);
    }

    /** Replication: the outbox of a publisher, the replay of a replica (see {@link ChangeFeed}). */
    public ChangeFeed changes() {
        return changes;
    }


    /** Opens (creating when needed) the store in a directory. */
    public static Store open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("store directory " + dir + " is not writable");
        }
        return new Store(dir, connect(dir), connect(dir.resolve(ARCHIVE_DIR)));
    }

    private static DatasetGraph connect(Path dir) {
        DatasetGraph dsg;
        try {
            dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        } catch (RuntimeException e) {
            if (lockedByAnother(e)) {
                throw new StoreLockedException(dir, e);
            }
            throw new StoreException("cannot open the TDB2 store in " + dir + ": " + e.getMessage(), e);
        }
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        NodeFileBuffer.install(dsg);
        return dsg;
    }

    /** TDB2's word that another process holds the folder's lock (its message names the process). */
    private static boolean lockedByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (m.contains("lock") && (m.contains("process") || m.contains("pid"))) {
                return true;
            }
        }
        return false;
    }

    /** Links into things, counted and paged for pages; see {@link IncomingLinks}. */
    public IncomingLinks incomingLinks() {
        return incoming;
    }

    /** Links proposed for review, beside the store. */
    public ReviewQueue reviewQueue() {
        return new ReviewQueue(dir);
    }

    /** The directory of the store. */
    public Path dir() {
        return dir;
    }

    /** The dataset, for Fuseki, which manages its own read transactions on it. */
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    /** Runs a function in a read transaction. */
    public <T> T read(Function<DatasetGraph, T> fn) {
        return Txn.calculateRead(dsg, () -> fn.apply(dsg));
    }

    /**
     * The archive of releases: every release's graph under its own name, apart from the served
     * data so that the union default graph of {@link #datasetGraph()} never mixes releases.
     */
    public DatasetGraph archiveGraph() {
        return archive;
    }

    /** Runs a function in a read transaction on the archive of releases. */
    public <T> T readArchive(Function<DatasetGraph, T> fn) {
        return Txn.calculateRead(archive, () -> fn.apply(archive));
    }

    /**
     * Runs {@code work} in one write transaction: every graph it replaces becomes visible at once
     * when it returns, and none does when it throws.
     */
    public <T> T write(Function<WriteSession, T> work) {
        WriteSession[] session = new WriteSession[1];
        T result;
        try {
            result = changes.write(Part.DATA, dsg, tx -> {
                session[0] = new WriteSession(this, dsg, archive, tx);
                return work.apply(session[0]);
            });
        } catch (RuntimeException | Error e) {
            if (session[0] != null) {
                session[0].fingerprints.aborted();
            }
            reconnect();
            throw e;
        }
        session[0].fingerprints.committed();
        touch(session[0].replaced(), session[0].archived(), session[0].changed());
        return result;
    }

    /**
     * Drops the dataset's in-memory state and opens it again from disk. A write transaction that
     * aborted after adding many new nodes can leave TDB2 5.6's node cache pointing past the end of
     * the node table, so that the next transaction in the same process fails to read nodes
     * ("NodeTableTRDF/Read"); on disk the store is consistent, so reopening it is enough. Loads run
     * before the server starts, so no Fuseki holds the old instance.
     */
    private synchronized void reconnect() {
        try {
            TDBInternal.expel(dsg);
        } finally {
            dsg = connect(dir);
        }
    }

    /** Records that the store changed now: after a write that went through Fuseki's own transaction. */
    public void touch() {
        touch(0, 0, 0);
    }

    void touch(long replacedTriples, long archivedTriples, long changedTriples) {
        Instant now = Instant.now();
        Properties p = meta();
        p.setProperty("modified", now.toString());
        add(p, LiveCompaction.REPLACED, replacedTriples);
        add(p, StoreStatistics.CHANGED, changedTriples);
        add(p, ArchiveCompaction.TRIPLES, archivedTriples);
        saveMeta(p);
        modified = now;
    }

    private static void add(Properties p, String key, long n) {
        p.setProperty(key, Long.toString(Long.parseLong(p.getProperty(key, "0")) + n));
    }

    /** Writes a graph into the archive of releases, in a transaction of its own; returns the triples added. */
    long writeArchive(GraphWriter writer, String archivedIri) {
        Node g = NodeFactory.createURI(archivedIri);
        return changes.write(Part.ARCHIVE, archive, tx -> {
            GraphWriter logged = writer;
            if (tx != null) {
                // what the graph held before goes (a release left by a killed load), then what comes
                archive.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(
                        q -> tx.delete(g, q.getSubject(), q.getPredicate(), q.getObject()));
                logged = out -> writer.writeTo(WriteSession.logging(out, g, tx));
            }
            return GraphReplace.archive(archive, g, logged).diff().added();
        });
    }

    /**
     * Reads and checks the fingerprint of a graph about to be released, on another thread, while
     * the caller maps the release on this one: the write that then replaces the graph takes it
     * when no other write came between (a million-row registry's fingerprint takes 2 s to read and
     * check against the graph). With null, forgets the one read ahead, if unused.
     */
    public void prepareRelease(String graphIri) {
        prepared = graphIri == null ? null : Fingerprints.prepare(dir.resolve(FINGERPRINTS), dsg, NodeFactory.createURI(graphIri));
    }

    /** The fingerprint read ahead for {@code graph}, once; or null. */
    Fingerprints.Prepared takePrepared(Node graph) {
        Fingerprints.Prepared p = prepared;
        if (p == null || !p.graph().equals(graph)) {
            return null;
        }
        prepared = null;
        return p;
    }

    /** The folder, in the store's, of the released graphs' fingerprints (see {@link Fingerprints}). */
    static final String FINGERPRINTS = "fingerprints";

    /** Changed triples up to which a replacement says which subjects changed (see {@link GraphChange#subjects}). */
    public static final long SUBJECTS_KEPT = 100_000;

    /** Where a release's changes are archived: what it added, under {@code NAME/added}. */
    public static String addedGraph(String release) {
        return release + "/added";
    }

    /** What a release removed, under {@code NAME/removed}. */
    public static String removedGraph(String release) {
        return release + "/removed";
    }

    /**
     * Streams an earlier release of a served graph, in read transactions of its own: the
     * archived {@code snapshot} when the release was archived whole (stores made before releases
     * were archived as changes), or else the graph as served with the changes of every release
     * after it undone, {@code undo} naming them newest first. Holds the undone changes in memory,
     * not the graph.
     */
    public void release(String graphIri, String snapshot, List<String> undo, StreamRDF out) {
        Txn.executeRead(dsg, () -> release(dsg, graphIri, snapshot, undo, out));
    }

    /** As {@link #release(String, String, List, StreamRDF)}, in the caller's transaction on the store ({@code live}). */
    public void release(DatasetGraph live, String graphIri, String snapshot, List<String> undo, StreamRDF out) {
        Txn.executeRead(archive, () -> ReleaseRebuild.stream(live, archive, graphIri, snapshot, undo, out));
    }

    /**
     * The triples of {@code subjects} as an earlier release held them (see {@link #release}), in
     * the caller's transaction on the store ({@code live}): what a version of each thing was.
     */
    public void releaseOf(DatasetGraph live, String graphIri, String snapshot, List<String> undo,
            java.util.Collection<Node> subjects, StreamRDF out) {
        Txn.executeRead(archive, () -> subjects.forEach(
                s -> ReleaseRebuild.stream(live, archive, graphIri, snapshot, undo, s, out)));
    }

    /**
     * The subjects whose triples a release changed, in IRI order, when the archive holds its
     * changes; empty when it does not (a first release, whose triples are the served graph's until
     * a later release undoes them, or a release archived whole).
     */
    public Optional<java.util.SortedSet<Node>> changedSubjects(String release) {
        return readArchive(a -> {
            Node added = NodeFactory.createURI(addedGraph(release));
            Node removed = NodeFactory.createURI(removedGraph(release));
            if (!a.containsGraph(added) && !a.containsGraph(removed)) {
                return Optional.empty();
            }
            java.util.SortedSet<Node> out = new java.util.TreeSet<>(java.util.Comparator.comparing(Node::toString));
            a.find(added, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(q.getSubject()));
            a.find(removed, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(q.getSubject()));
            return Optional.of(out);
        });
    }

    /** Whether the archive of releases holds a graph of that name. */
    public boolean archiveHolds(String iri) {
        return readArchive(a -> a.containsGraph(NodeFactory.createURI(iri)));
    }

    /** The base IRI the store's data was minted with, once something was loaded. */
    public Optional<BaseIri> base() {
        return Optional.ofNullable(meta().getProperty("base")).map(BaseIri::new);
    }

    /**
     * When a write transaction last committed: the Last-Modified of everything served, since a
     * load may change any page (links and labels cross datasets).
     */
    public Instant modified() {
        Instant m = modified;
        if (m == null) {
            String stored = meta().getProperty("modified");
            m = stored == null ? Instant.now() : Instant.parse(stored);
            modified = m;
        }
        return m;
    }

    /**
     * Records the base IRI of the data, or checks that it is the one already recorded: one store
     * holds IRIs of one base only.
     */
    public void claimBase(BaseIri base) {
        Optional<BaseIri> current = base();
        if (current.isPresent()) {
            if (!current.get().equals(base)) {
                throw new StoreException("the store in " + dir + " holds IRIs under " + current.get().value()
                        + ", not " + base.value() + ": load with --base " + current.get().value()
                        + " or into a new store");
            }
            return;
        }
        Properties p = meta();
        p.setProperty("base", base.value());
        saveMeta(p);
    }

    private Properties meta() {
        return meta.read();
    }

    private void saveMeta(Properties p) {
        meta.write(p);
    }

    /** Bytes the store takes on disk. */
    public long diskSize() {
        return sizeOf(dir);
    }

    private static long sizeOf(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new StoreException("cannot measure " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Compacts the store now ({@link LiveCompaction}). */
    public void compact() {
        new LiveCompaction(dsg, meta).now();
    }

    /**
     * Compacts when the triples replaced since the last compaction outnumber the live ones (and
     * at least {@code floor}); returns whether it compacted ({@link LiveCompaction}).
     */
    public boolean compactIfWasteful(long floor) {
        return new LiveCompaction(dsg, meta).ifWasteful(floor);
    }

    /**
     * Compacts the archive of releases when the triples written into it since its last
     * compaction outnumber four times those it held then, and {@code floor} (see {@link ArchiveCompaction}).
     */
    public boolean compactArchiveIfWasteful(long floor) {
        return new ArchiveCompaction(archive, meta).ifWasteful(floor);
    }

    /** Compacts the archive of releases now. */
    public void compactArchive() {
        new ArchiveCompaction(archive, meta).now();
    }

    /** Bytes the archive of releases takes on disk. */
    public long archiveSize() {
        return sizeOf(dir.resolve(ARCHIVE_DIR));
    }

    /**
     * Writes TDB2's statistics of the store ({@link StoreStatistics}) and reopens the store so that
     * they count now. Loads call this after they finish, since every load changes the counts.
     */
    public void writeStatistics() {
        new StoreStatistics(dsg, meta).write();
        reconnect();
    }

    /** Writes the statistics when they are missing or a tenth of the store has changed since ({@link StoreStatistics}). */
    public void writeStatisticsIfStale() {
        if (new StoreStatistics(dsg, meta).stale()) {
            writeStatistics();
        }
    }

    /** Whether any named graph holds data. */
    public boolean isEmpty() {
        return read(d -> !d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
    }

    @Override
    public void close() {
        // Expel rather than close: it releases the directory, so another store (a test, a
        // standalone Fuseki) can open it in this JVM or another.
        TDBInternal.expel(dsg);
        TDBInternal.expel(archive);
    }
}
