package kz.ashyq.store;

import java.util.Properties;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;

/**
 * Compaction of the archive of releases, by the store's rule. TDB2 writes copy-on-write, so every
 * release archived leaves old index blocks behind (ten releases of KATO took 1.6 GB where their
 * triples need 0.6 GB); the waste grows with what is written. The archive is compacted when the
 * triples written into it since its last compaction outnumber those it held then (and a floor):
 * its size stays within a small multiple of what it holds, and compacting, which copies the live
 * data, costs at most once per archive's worth of writes. (Bytes on disk would not do: TDB2
 * allocates its files ahead, so a fresh archive of ten triples takes 192 MB.) TDB2 compacts into
 * a new storage generation that replaces the old one only once complete, so a crash on the way
 * leaves the archive as it was.
 */
final class ArchiveCompaction {

    /** Triples written into the archive since its last compaction. */
    static final String TRIPLES = "archiveTriples";
    /** Triples the archive held after its last compaction. */
    private static final String COMPACTED_TRIPLES = "archiveCompactedTriples";

    private final DatasetGraph archive;
    private final StoreMeta meta;

    ArchiveCompaction(DatasetGraph archive, StoreMeta meta) {
        this.archive = archive;
        this.meta = meta;
    }

    /** Compacts when the triples written since the last compaction outnumber those held then, and {@code floor}. */
    boolean ifWasteful(long floor) {
        Properties p = meta.read();
        long written = Long.parseLong(p.getProperty(TRIPLES, "0"));
        if (!p.containsKey(COMPACTED_TRIPLES)) {
            // never compacted: what it holds now is the base, as a compaction would have left it
            p.setProperty(COMPACTED_TRIPLES, Long.toString(written));
            p.setProperty(TRIPLES, "0");
            meta.write(p);
            return false;
        }
        long held = Long.parseLong(p.getProperty(COMPACTED_TRIPLES));
        if (written <= Math.max(held, floor)) {
            return false;
        }
        now();
        return true;
    }

    /** Compacts now, and records the triples it holds. */
    void now() {
        DatabaseMgr.compact(archive, true);
        NodeFileBuffer.install(archive);
        long live = Txn.calculateRead(archive, () -> {
            long n = 0;
            for (var it = archive.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        });
        Properties p = meta.read();
        p.setProperty(COMPACTED_TRIPLES, Long.toString(live));
        p.setProperty(TRIPLES, "0");
        meta.write(p);
    }
}
