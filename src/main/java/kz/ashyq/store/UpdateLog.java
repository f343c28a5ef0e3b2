package kz.ashyq.store;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * The served dataset as Fuseki's SPARQL Update and Graph Store Protocol see it when the store has an
 * outbox: Jena's change monitor records each write transaction's quads into a patch, numbered and
 * flushed before the transaction commits, like a release's.
 */
final class UpdateLog extends RDFChangesBase {

    private final DatasetGraph base;
    private final PatchOutbox outbox;
    private final ThreadLocal<PatchOutbox.Tx> tx = new ThreadLocal<>();

    private UpdateLog(DatasetGraph base, PatchOutbox outbox) {
        this.base = base;
        this.outbox = outbox;
    }

    static DatasetGraph wrap(DatasetGraph dsg, PatchOutbox outbox) {
        UpdateLog log = new UpdateLog(dsg, outbox);
        return new DatasetGraphChanges(dsg, log) {
            @Override
            public void commit() {
                boolean writing = isInTransaction() && transactionMode() == org.apache.jena.query.ReadWrite.WRITE;
                try {
                    super.commit();
                } catch (RuntimeException | Error e) {
                    if (writing) {
                        log.txnAbort();
                    }
                    throw e;
                }
                if (writing) {
                    log.committed();
                }
            }
        };
    }

    @Override
    public void txnBegin() {
        tx.set(outbox.begin(Part.DATA));
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        tx.get().add(g, s, p, o);
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        tx.get().delete(g, s, p, o);
    }

    @Override
    public void txnCommit() {
        ChangeFeed.mark(base, tx.get());
    }

    @Override
    public void txnAbort() {
        PatchOutbox.Tx t = tx.get();
        tx.remove();
        if (t != null) {
            t.aborted();
        }
    }

    private void committed() {
        PatchOutbox.Tx t = tx.get();
        tx.remove();
        if (t != null) {
            t.committed();
        }
    }
}
