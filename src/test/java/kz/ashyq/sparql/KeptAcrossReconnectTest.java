package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import kz.ashyq.store.DataVersion;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine keeps with a data version is not served for other data after the store is
 * connected again. TDB2 counts its versions from 0 again on each connection, and the store
 * connects again after writing its statistics: a count kept at version 3 was served for the next
 * connection's version 3.
 */
class KeptAcrossReconnectTest {

    private static final String EX = "http://example.org/";

    @Test
    void aCountKeptBeforeTheStoreConnectsAgainIsNotServedAfter(@TempDir Path dir) {
        AnalyticEngine.register();
        try (Store store = Store.open(dir.resolve("store"))) {
            DatasetGraph dsg = store.datasetGraph();
            for (int i = 0; i < 3; i++) {
                add(dsg, i);
            }
            long version = number(dsg);
            assertEquals(3, count(dsg)); // kept with this version
            store.writeStatistics(); // connects again: TDB2's count starts over
            DatasetGraph again = store.datasetGraph();
            int added = 3;
            while (number(again) < version) {
                add(again, added++);
            }
            assertEquals(version, number(again));
            assertEquals(added, count(again));
        }
    }

    private static void add(DatasetGraph dsg, int i) {
        Txn.executeWrite(dsg, () -> dsg.add(NodeFactory.createURI(EX + "graph/" + i % 2), NodeFactory.createURI(EX + "s" + i),
                NodeFactory.createURI(EX + "p"), NodeFactory.createURI(EX + "o")));
    }

    private static long number(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> DataVersion.ofTransaction(dsg).number());
    }

    private static long count(DatasetGraph dsg) {
        return Txn.calculateRead(dsg, () -> {
            try (QueryExecution qe = QueryExecution.create().query("SELECT (COUNT(*) AS ?n) { ?s <" + EX + "p> ?o }")
                    .dataset(org.apache.jena.query.DatasetFactory.wrap(dsg)).build()) {
                return qe.execSelect().next().getLiteral("n").getLong();
            }
        });
    }
}
