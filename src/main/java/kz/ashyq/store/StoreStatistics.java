package kz.ashyq.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.stats.Stats;
import org.apache.jena.tdb2.solver.stats.StatsCollectorNodeId;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * TDB2's statistics of the store (triples per predicate over all graphs), written where TDB2 reads
 * them when it opens a store: the query optimiser then orders a query's patterns by how many
 * triples each matches, rather than by their shape alone. They are written again when the triples
 * added and removed since exceed a tenth of those they counted: they steer the optimiser by orders
 * of magnitude, so a reload that changes 1% of a dataset leaves them good, and counting every
 * triple of the store again would cost more than the reload.
 */
final class StoreStatistics {

    /** Triples added or removed in served graphs since the statistics were written. */
    static final String CHANGED = "statisticsChangedTriples";
    /** Triples the statistics counted when they were written. */
    private static final String COUNTED = "statisticsTriples";

    private final DatasetGraph dsg;
    private final StoreMeta meta;

    StoreStatistics(DatasetGraph dsg, StoreMeta meta) {
        this.dsg = dsg;
        this.meta = meta;
    }

    /** Counts every triple and writes the statistics; the store must be reopened for them to count. */
    void write() {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        long total = Txn.calculateRead(dsg, () -> {
            var table = tdb.getQuadTable().getNodeTupleTable();
            var collector = new StatsCollectorNodeId(table.getNodeTable());
            table.findAll().forEachRemaining(t -> collector.record(t.get(0), t.get(1), t.get(2), t.get(3)));
            var results = collector.results();
            Stats.write(tdb.getLocation().getPath("stats.opt"), results);
            return results.getCount();
        });
        Properties p = meta.read();
        p.setProperty(CHANGED, "0");
        p.setProperty(COUNTED, Long.toString(total));
        meta.write(p);
    }

    /** Whether the statistics are missing or count a store that has changed by more than a tenth since. */
    boolean stale() {
        Properties p = meta.read();
        long changed = Long.parseLong(p.getProperty(CHANGED, "0"));
        String counted = p.getProperty(COUNTED);
        // a compaction starts a new storage generation, without the statistics of the old one
        Path stats = Path.of(TDBInternal.getDatasetGraphTDB(dsg).getLocation().getPath("stats.opt"));
        return !Files.exists(stats) || counted == null || changed * 10 > Long.parseLong(counted);
    }
}
