package kz.ashyq.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * A store's changes, for replication. On a publisher every write transaction that changes something
 * is numbered, in the transaction, and kept as an RDF Patch in the outbox ({@link PatchOutbox}); a
 * replica applies its publisher's numbered changes through a {@link Replay} and takes no other writes.
 */
public final class ChangeFeed {

    private static final String REPLICA_OF = "replica-of";

    private final Store store;
    /** Where every committed change goes as an RDF Patch, when the store publishes them. */
    private volatile Optional<PatchOutbox> outbox;

    ChangeFeed(Store store) {
        this.store = store;
        this.outbox = openOutbox();
    }

    private Optional<PatchOutbox> openOutbox() {
        return PatchOutbox.open(store.dir(), Map.of(Part.DATA, lastChange(Part.DATA), Part.ARCHIVE,
                lastChange(Part.ARCHIVE)), store::base);
    }

    private DatasetGraph part(Part part) {
        return part == Part.DATA ? store.datasetGraph() : store.archiveGraph();
    }

    /**
     * Turns the outbox on, for good: from now on every change committed to this store, by this process
     * or any later one (a load from the command line too), is kept as a patch until a sender takes it.
     */
    public synchronized PatchOutbox publish() {
        if (outbox.isEmpty()) {
            PatchOutbox.enable(store.dir());
            outbox = openOutbox();
            for (Part part : Part.values()) {
                baseline(part);
            }
        }
        return outbox.get();
    }

    /**
     * A store that held data before it published its changes starts the topic with a first change
     * that adds all of it, so that a replica reading the topic from its start holds what the
     * publisher holds.
     */
    private void baseline(Part part) {
        DatasetGraph d = part(part);
        if (lastChange(part) == 0) {
            write(part, d, tx -> {
                d.find().forEachRemaining(q -> tx.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
                return null;
            });
        }
    }

    /** The number of the last change committed to a part (0 before any): a replica's is the publisher's. */
    public long lastChange(Part part) {
        DatasetGraph d = part(part);
        return Txn.calculateRead(d, () -> ChangeMark.seq(d));
    }

    /** The outbox every committed change goes to, when the store publishes its changes. */
    public Optional<PatchOutbox> outbox() {
        return outbox;
    }

    /**
     * The served dataset for Fuseki's updates: with an outbox, each update transaction is recorded
     * as a patch too.
     */
    public DatasetGraph updatable() {
        DatasetGraph d = store.datasetGraph();
        return outbox.map(o -> UpdateLog.wrap(d, o)).orElse(d);
    }

    /**
     * Applies the patches of the publisher that appends to {@code topic}, for a replica (see
     * {@link Replay}); from now on the store takes no other writes.
     */
    public Replay replay(String topic) {
        Path f = store.dir().resolve(REPLICA_OF);
        try {
            Files.writeString(f, topic + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot write " + f + ": " + e.getMessage(), e);
        }
        return new Replay(store, store.datasetGraph(), store.archiveGraph());
    }

    /** The topic this store is a replica of, when it is one. */
    public Optional<String> replicaOf() {
        Path f = store.dir().resolve(REPLICA_OF);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams a part as an RDF Patch that adds each of its quads, in one read transaction, for a new
     * replica to start from; {@code head} is told the number of the last change it includes before
     * the first byte is written. Closes {@code out}.
     */
    public void snapshot(Part part, LongConsumer head, OutputStream out) {
        DatasetGraph d = part(part);
        Txn.executeRead(d, () -> {
            head.accept(ChangeMark.seq(d));
            try (RDFChangesWriterText w = RDFPatchOps.textWriter(out)) {
                d.find().forEachRemaining(q -> w.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
            }
        });
    }

    /**
     * Runs {@code work} in a write transaction on a part ({@code d}), given the transaction's patch
     * (null when the store does not publish its changes): the change is numbered and its patch flushed
     * before the commit, and handed to the sender after it; a failed transaction leaves no patch.
     */
    <T> T write(Part part, DatasetGraph d, java.util.function.Function<PatchOutbox.Tx, T> work) {
        PatchOutbox.Tx tx = begin(part);
        T result;
        try {
            result = Txn.calculateWrite(d, () -> {
                T r = work.apply(tx);
                mark(d, tx);
                return r;
            });
        } catch (RuntimeException | Error e) {
            if (tx != null) {
                tx.aborted();
            }
            throw e;
        }
        if (tx != null) {
            tx.committed();
        }
        return result;
    }

    /**
     * The patch of a write transaction about to begin on a part, when the store publishes its changes;
     * null when it does not. A replica's store refuses the write.
     */
    PatchOutbox.Tx begin(Part part) {
        Optional<String> replicaOf = replicaOf();
        if (replicaOf.isPresent()) {
            throw new ReplicaStoreException(store.dir(), replicaOf.get());
        }
        return outbox.map(o -> o.begin(part)).orElse(null);
    }

    /**
     * Numbers the change a write transaction is about to commit and flushes its patch to disk, when
     * it changed anything; in the transaction, before it commits.
     */
    static void mark(DatasetGraph d, PatchOutbox.Tx tx) {
        if (tx != null && tx.changes() > 0) {
            long seq = ChangeMark.seq(d) + 1;
            tx.prepare(seq);
            ChangeMark.set(d, seq, -1);
        }
    }
}
