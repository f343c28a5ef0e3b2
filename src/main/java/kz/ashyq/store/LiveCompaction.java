package kz.ashyq.store;

import java.util.Iterator;
import java.util.Properties;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;

/**
 * Compaction of the served store: TDB2 keeps the old version of every replaced graph until
 * compacted, so a store reloaded every month grows without it. It is compacted when the triples
 * replaced since the last compaction outnumber the live ones (and a floor): the space given back
 * is then at least the store's own, and the cost of compacting, which copies the live data, is
 * paid at most once per store's worth of reloads. Readers keep working; the old generation is
 * deleted.
 */
final class LiveCompaction {

    /** Triples replaced in served graphs since the last compaction. */
    static final String REPLACED = "replacedTriples";

    private final DatasetGraph dsg;
    private final StoreMeta meta;

    LiveCompaction(DatasetGraph dsg, StoreMeta meta) {
        this.dsg = dsg;
        this.meta = meta;
    }

    /** Compacts now. */
    void now() {
        ChangeMark.compacting(dsg, () -> DatabaseMgr.compact(dsg, true));
        NodeFileBuffer.install(dsg);
        Properties p = meta.read();
        p.setProperty(REPLACED, "0");
        meta.write(p);
    }

    /** Compacts when the triples replaced outnumber the live ones and {@code floor}; returns whether it did. */
    boolean ifWasteful(long floor) {
        long waste = Long.parseLong(meta.read().getProperty(REPLACED, "0"));
        if (waste <= floor) {
            return false;
        }
        // counted only as far as the waste: counting a million-row registry whole took a second per load
        boolean asManyLive = Txn.calculateRead(dsg, () -> {
            Iterator<Quad> all = dsg.find();
            for (long n = 0; n < waste; n++) {
                if (!all.hasNext()) {
                    return false;
                }
                all.next();
            }
            return true;
        });
        if (asManyLive) {
            return false;
        }
        now();
        return true;
    }
}
