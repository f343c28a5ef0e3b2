package kz.ashyq.mapping.ntriples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes N-Triples (or N-Quads, for quads in named graphs) as UTF-8 to a stream, on a thread of
 * its own, so that mapping and writing run on two cores: the output of {@code ashyq map}, where
 * the general RIOT writer, which escapes character by character, costs more than mapping.
 *
 * <p>Two kinds of work reach the writer thread, in the order given: triples and quads as Jena
 * nodes, which it encodes itself, and, from the {@link MappingEngine}, rows already encoded to
 * bytes on the mapping thread ({@link #encoder()}), which it only writes: for the common maps
 * (one predicate and one object per predicate-object map, no join, no graph map) the engine makes
 * no node at all. Both encode through one {@link NTriplesEncoder}'s code, so the bytes are the
 * same either way ({@code NTriplesOutputTest}).
 *
 * <p>Memory stays bounded: at most {@value #QUEUED} batches of {@value #BATCH} nodes or of about
 * {@value #CHUNK} bytes wait. A failure of the writer (a full disk) reaches the mapping thread at
 * its next batch, or at {@link #finish()}.
 */
public final class NTriplesOutput extends StreamRDFBase {

    /*
     * Small on purpose: every triple waiting here is alive at a young collection, which copies it.
     * At 8 batches of 4,096 a million-row map spent 185 ms in pauses, at 4 of 1,024 about 75 ms,
     * with no more waiting between the threads.
     */
    private static final int BATCH = 1024;
    private static final int QUEUED = 4;
    /** Bytes after which the mapping thread's encoded rows are handed over. */
    static final int CHUNK = 1 << 16;
    /** A buffer grown past this (a huge cell) is dropped once written rather than kept for reuse. */
    private static final int REUSED = 4 * CHUNK;
    private static final Object END = new Object();

    private final OutputStream os;
    private final boolean quads;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    /**
     * Batches and buffers the writer has emptied, for the mapping thread to fill again rather
     * than allocate. Room for every one there can be (those queued, the one being written, the
     * one being filled), so that handing one back never fails.
     */
    private final BlockingQueue<List<Object>> emptiedBatches = new ArrayBlockingQueue<>(QUEUED + 2);
    private final BlockingQueue<byte[]> emptiedChunks = new ArrayBlockingQueue<>(QUEUED + 2);
    private final Thread writer;
    private volatile Throwable failure;
    /** Triples and quads as they came: wrapping every triple in a quad would cost an object each. */
    private List<Object> batch = new ArrayList<>(BATCH);
    /** Triples and quads given as nodes: none when the engine encoded every row. */
    private long nodes;
    /** The mapping thread's encoder, made on first use. */
    private NTriplesEncoder rows;

    /** Encoded bytes handed to the writer. */
    private record Chunk(byte[] bytes, int length) {}

    /**
     * @param os where the bytes go; flushed, not closed, by {@link #finish()}
     * @param quads whether quads keep their graph (N-Quads) or are written as triples (N-Triples)
     */
    public NTriplesOutput(OutputStream os, boolean quads) {
        this.os = os;
        this.quads = quads;
        this.writer = new Thread(this::drain, "ashyq-writer");
        this.writer.setDaemon(true);
    }

    @Override
    public void start() {
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
        if (rows != null && rows.length() > 0) {
            handRows(); // encoded rows came first: they are written first
        }
        batch.add(tripleOrQuad);
        nodes++;
        if (batch.size() == BATCH) {
            hand(batch);
            List<Object> reused = emptiedBatches.poll();
            batch = reused != null ? reused : new ArrayList<>(BATCH);
        }
    }

    /**
     * The encoder the mapping thread writes whole rows of triples into; after each row it calls
     * {@link #rowDone()}. Nodes given before are handed to the writer first, to keep the order.
     */
    public NTriplesEncoder encoder() {
        handNodes();
        if (rows == null) {
            rows = new NTriplesEncoder(CHUNK + CHUNK / 4);
        }
        return rows;
    }

    /** Hands rows encoded elsewhere (a batch mapped on another thread) to the writer, in order. */
    public void write(byte[] encoded) {
        handNodes();
        if (rows != null && rows.length() > 0) {
            handRows();
        }
        hand(new Chunk(encoded, encoded.length));
    }

    /** Hands the nodes given so far to the writer, ahead of bytes that come after them. */
    private void handNodes() {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Hands the encoded rows to the writer once they fill a chunk. */
    public void rowDone() {
        if (rows.length() >= CHUNK) {
            handRows();
        }
    }

    private void handRows() {
        hand(new Chunk(rows.bytes(), rows.length()));
        byte[] reused = emptiedChunks.poll();
        rows.clear(reused != null ? reused : new byte[CHUNK + CHUNK / 4]);
    }

    /** How many triples and quads were given as nodes rather than encoded by the engine. */
    long nodes() {
        return nodes;
    }

    @Override
    public void finish() {
        if (rows != null && rows.length() > 0) {
            handRows();
        }
        hand(batch);
        hand(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        }
        rethrow();
    }

    private void hand(Object item) {
        rethrow();
        try {
            queue.put(item);
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
        NTriplesEncoder nodes = new NTriplesEncoder(CHUNK + CHUNK / 4);
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    flush(nodes);
                    os.flush();
                    return;
                }
                if (item instanceof Chunk c) {
                    flush(nodes);
                    os.write(c.bytes(), 0, c.length());
                    if (c.bytes().length <= REUSED) {
                        emptiedChunks.offer(c.bytes());
                    }
                } else {
                    @SuppressWarnings("unchecked")
                    List<Object> b = (List<Object>) item;
                    encode(b, nodes);
                    b.clear();
                    emptiedBatches.offer(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail(new UncheckedIOException(e));
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void encode(List<Object> b, NTriplesEncoder nodes) throws IOException {
        for (int i = 0; i < b.size(); i++) {
            Object o = b.get(i);
            if (o instanceof Triple t) {
                nodes.quad(t.getSubject(), t.getPredicate(), t.getObject(), null);
            } else {
                Quad q = (Quad) o;
                nodes.quad(q.getSubject(), q.getPredicate(), q.getObject(),
                        quads && !q.isDefaultGraph() ? q.getGraph() : null);
            }
            if (nodes.length() >= CHUNK) {
                flush(nodes);
            }
        }
    }

    private void flush(NTriplesEncoder nodes) throws IOException {
        if (nodes.length() > 0) {
            os.write(nodes.bytes(), 0, nodes.length());
            nodes.clear(nodes.bytes().length > REUSED ? new byte[CHUNK + CHUNK / 4] : null);
        }
    }

    private void fail(Throwable e) {
        failure = e; // before the queue is cleared: a mapping thread let go by it must see why
        queue.clear();
    }
}
