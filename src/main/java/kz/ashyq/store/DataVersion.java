package kz.ashyq.store;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Which data a read sees: the TDB2 data version, which every committed write moves on, and the
 * storage it is in, which compaction replaces. Two reads with equal versions see the same data, so
 * what one worked out holds for the other.
 *
 * @param storage the folder of the TDB2 storage generation (compaction starts a new one); a
 *     path, not the storage object, so that nothing kept holds a compacted store in memory
 * @param number the data version within it
 */
public record DataVersion(String storage, long number) {

    /** The version the current read transaction of {@code d} sees. */
    public static DataVersion ofTransaction(DatasetGraph d) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(d);
        return new DataVersion(tdb.getLocation().getDirectoryPath(),
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
