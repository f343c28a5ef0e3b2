package kz.ashyq.store;

import java.util.Properties;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;

/**
 * Compaction of the archive of releases. TDB2 writes copy-on-write, so every release archived
 * leaves old index blocks behind; releases are never deleted from the archive, so that is all
 * there is to give back. A release is written into the archive under a new graph name, in each
 * index's order (see {@link GraphReplace}), which leaves little behind: three releases of a
 * registry took 627 MB, 515 MB once compacted. The archive is compacted when the triples written
 * into it since its last compaction outnumber {@value #FACTOR} times those it held then (and a
 * floor): compacting copies every release kept, so it is worth it only when the archive has
 * grown several-fold, and it then costs at most a copy per {@value #FACTOR} triples written.
 * (Bytes on disk would not do: TDB2 allocates its files ahead, so a fresh archive of ten triples
 * takes 192 MB.) TDB2 compacts into a new storage generation that replaces the old one only
 * once complete, so a crash on the way leaves the archive as it was.
 */
final class ArchiveCompaction {

    /** Triples written into the archive since its last compaction. */
    static final String TRIPLES = "archiveTriples";
    /** Triples the archive held after its last compaction. */
    private static final String COMPACTED_TRIPLES = "archiveCompactedTriples";

    /** How many times what it held the archive takes in before it is compacted. */
    static final int FACTOR = 4;

    private final DatasetGraph archive;
    private final StoreMeta meta;

    ArchiveCompaction(DatasetGraph archive, StoreMeta meta) {
        this.archive = archive;
        this.meta = meta;
    }

    /** Compacts when the triples written since the last compaction outnumber {@value #FACTOR} times those held then, and {@code floor}. */
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
        if (written <= Math.max(FACTOR * held, floor)) {
            return false;
        }
        now();
        return true;
    }

    /** Compacts now, and records the triples it holds. */
    void now() {
        ChangeMark.compacting(archive, () -> DatabaseMgr.compact(archive, true));
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
