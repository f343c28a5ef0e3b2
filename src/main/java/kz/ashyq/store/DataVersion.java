package kz.ashyq.store;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Which data a read sees: the TDB2 data version, which every committed write moves on, and the
 * storage it is in, which compaction replaces. Two reads with equal versions see the same data, so
 * what one worked out holds for the other.
 *
 * <p>TDB2 counts its data versions from 0 again each time a store is connected, as {@code Store}
 * does again after writing the statistics: so the connection is part of the version too, or a
 * result kept at version 3 of the last connection would be served for version 3 of this one.
 *
 * @param storage the folder of the TDB2 storage generation (compaction starts a new one); a
 *     path, not the storage object, so that nothing kept holds a compacted store in memory
 * @param connection which connection to the storage, numbered in the order this JVM first saw them
 * @param number the data version within it
 */
public record DataVersion(String storage, long connection, long number) {

    /** The connections' numbers, by their transaction systems: weak, so that none is kept open by it. */
    private static final Map<Object, Long> CONNECTIONS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final AtomicLong NEXT = new AtomicLong();

    /** The version the current read transaction of {@code d} sees. */
    public static DataVersion ofTransaction(DatasetGraph d) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(d);
        return new DataVersion(tdb.getLocation().getDirectoryPath(),
                CONNECTIONS.computeIfAbsent(tdb.getTxnSystem(), k -> NEXT.incrementAndGet()),
                tdb.getTxnSystem().getThreadTransaction().getDataVersion());
    }

    /**
     * The version a read starting now would see, from a read transaction of its own. Taken before a
     * read that works something out, it never names newer data than that read saw; so a result
     * tagged with it is never served for data it was not computed from.
     */
    public static DataVersion now(DatasetGraph d) {
        return Txn.calculateRead(d, () -> ofTransaction(d));
    }
}
