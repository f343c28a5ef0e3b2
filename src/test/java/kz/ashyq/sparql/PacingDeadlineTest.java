package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacingDeadlineTest {

    /**
     * A request's query still computing a second past its timeout is stopped at its next paced
     * iterator, whether or not ARQ's own timeout reaches it: here ARQ has none, and the query would
     * run for minutes.
     */
    @Test
    void aQueryPastItsTimeoutIsStoppedByPacing(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store"))) {
            DatasetGraph dsg = store.datasetGraph();
            Txn.executeWrite(dsg, () -> {
                for (int i = 0; i < 600; i++) {
                    dsg.add(NodeFactory.createURI("http://example.org/g"), NodeFactory.createURI("http://example.org/s" + i),
                            NodeFactory.createURI("http://example.org/p"), NodeFactory.createURI("http://example.org/o" + i));
                }
            });
            Pacing pacing = new Pacing(60_000, Duration.ofMillis(500));
            pacing.install(dsg);
            long t0 = System.nanoTime();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                Pacing.Ticket ticket = pacing.begin();
                try {
                    pacing.started(ticket);
                    return Txn.calculateRead(dsg, () -> {
                        try (QueryExecution qe = QueryExecution.create()
                                .query("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
                                .dataset(DatasetFactory.wrap(dsg)).build()) {
                            return ResultSetFormatter.consume(qe.execSelect());
                        }
                    });
                } finally {
                    pacing.end(ticket);
                }
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof QueryCancelledException, String.valueOf(e.getCause()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 5, "stopped 1 s past the timeout, give or take: " + seconds);
        }
    }
}
