package kz.ashyq.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * Hands triples to another thread in batches, so that mapping and writing run on two cores at
 * once. Memory stays bounded: at most {@value #QUEUED} batches of {@value #BATCH} quads wait.
 * A failure of the writer reaches the mapping thread at its next batch, or at {@link #finish()}.
 */
final class PipedStream extends StreamRDFBase {

    /*
     * Small on purpose: every triple waiting here is alive at a young collection, which copies it.
     * At 8 batches of 4,096 a million-row map spent 185 ms in pauses, at 4 of 1,024 about 75 ms,
     * with no more waiting between the threads.
     */
    private static final int BATCH = 1024;
    private static final int QUEUED = 4;
    private static final List<Object> END = new ArrayList<>();

    private final StreamRDF target;
    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(QUEUED);
    /**
     * Batches the writer has emptied, for the mapping thread to fill again rather than allocate.
     * Room for every batch there can be (those queued, the one being written, the one being
     * filled), so that handing one back never fails.
     */
    private final BlockingQueue<List<Object>> emptied = new ArrayBlockingQueue<>(QUEUED + 2);
    private final Thread writer;
    private volatile Throwable failure;
    /** Triples and quads as they came: wrapping every triple in a quad would cost an object each. */
    private List<Object> batch = new ArrayList<>(BATCH);

    PipedStream(StreamRDF target) {
        this.target = target;
        this.writer = new Thread(this::drain, "ashyq-writer");
        this.writer.setDaemon(true);
    }

    @Override
    public void start() {
        target.start();
        writer.start();
    }

    @Override
    public void triple(Triple t) {
        add(t);
    }

    @Override
    public void quad(Quad q) {
        add(q);
    }

    private void add(Object tripleOrQuad) {
        batch.add(tripleOrQuad);
        if (batch.size() == BATCH) {
            hand(batch);
            List<Object> reused = emptied.poll();
            batch = reused != null ? reused : new ArrayList<>(BATCH);
        }
    }

    @Override
    public void finish() {
        hand(batch);
        hand(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        }
        rethrow();
        target.finish();
    }

    private void hand(List<Object> b) {
        rethrow();
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        }
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void drain() {
        try {
            while (true) {
                List<Object> b = queue.take();
                if (b == END) {
                    return;
                }
                for (int i = 0; i < b.size(); i++) {
                    Object o = b.get(i);
                    if (o instanceof Triple t) {
                        target.triple(t);
                    } else {
                        target.quad((Quad) o);
                    }
                }
                b.clear();
                emptied.offer(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            queue.clear();
        }
    }
}
