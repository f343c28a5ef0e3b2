package kz.ashyq.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

/**
 * Documents added to an index by a thread of their own, in batches, while the caller reads the
 * store for the next ones: analysing the labels (folding, transliterated copies) was half of
 * indexing a registry's 200,000 labels, and Lucene's writer takes documents from several
 * threads. At most {@value #IN_FLIGHT} batches wait, so memory stays bounded.
 */
final class DocumentSink implements AutoCloseable {

    private static final int BATCH = 1_000;
    private static final int IN_FLIGHT = 4;

    private final IndexWriter writer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ashyq-index");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<?>> pending = new ArrayList<>();
    private List<Document> batch = new ArrayList<>(BATCH);

    DocumentSink(IndexWriter writer) {
        this.writer = writer;
    }

    void add(Document d) {
        batch.add(d);
        if (batch.size() == BATCH) {
            send();
        }
    }

    private void send() {
        List<Document> docs = batch;
        batch = new ArrayList<>(BATCH);
        while (pending.size() >= IN_FLIGHT) {
            await(pending.remove(0));
        }
        pending.add(worker.submit(() -> {
            try {
                writer.addDocuments(docs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing labels", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("indexing labels failed", e.getCause());
        }
    }

    /** Adds what is left and waits for every batch; the first failure is thrown. */
    @Override
    public void close() {
        try {
            if (!batch.isEmpty()) {
                send();
            }
            while (!pending.isEmpty()) {
                await(pending.remove(0));
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
