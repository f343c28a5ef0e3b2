package kz.ashyq.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.publish.PublishResult;
import kz.ashyq.publish.Publisher;
import kz.ashyq.search.GeoIndex;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;

/**
 * Releases published into the store the server serves, one at a time in the order they came:
 * each is mapped and checked before the store is touched, then committed in one write
 * transaction while readers go on reading the release before (TDB2 has one writer and many
 * readers), then the search and spatial index take in the dataset that changed. Pages, the
 * endpoint's cache, {@code /health} and {@code /metrics} read the store's data version and see
 * the release from its commit on.
 */
final class Publications {

    /** Triples replaced or written before a publication compacts, as {@code ashyq load} does. */
    private static final long COMPACT_FLOOR = 100_000;

    private final Store store;
    private final BaseIri base;
    private final SearchIndex search;
    private final GeoIndex geo;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ashyq-publish");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger waiting = new AtomicInteger();

    Publications(Store store, BaseIri base, SearchIndex search, GeoIndex geo) {
        this.store = store;
        this.base = base;
        this.search = search;
        this.geo = geo;
        // uploads of publications a killed server never finished: nothing else uses them
        PublishEndpoint.delete(store.dir().resolve("uploads"));
    }

    /** Publications waiting for the one before them. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Queues a release of {@code mapping}, whose files are under {@code root}; every event goes to
     * {@code events} (on the queue's thread), the last one {@code published} or {@code failed}.
     * Returns how many were waiting before it.
     */
    int submit(Mapping mapping, Path root, LoadOptions options, boolean provenance,
            Consumer<Map<String, Object>> events, Runnable done) {
        int before = waiting.getAndIncrement();
        queue.execute(() -> {
            waiting.decrementAndGet();
            try {
                events.accept(Map.of("event", "started", "dataset", mapping.datasetId()));
                events.accept(publish(mapping, root, options, provenance, events));
            } catch (RuntimeException | Error e) {
                Map<String, Object> failed = new LinkedHashMap<>();
                failed.put("event", "failed");
                failed.put("dataset", mapping.datasetId());
                failed.put("exit", Publisher.isBadInput(e) ? 2 : 1);
                failed.put("message", Publisher.isBadInput(e) ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage());
                events.accept(failed);
            } finally {
                done.run();
            }
        });
        return before;
    }

    private Map<String, Object> publish(Mapping mapping, Path root, LoadOptions options, boolean provenance,
            Consumer<Map<String, Object>> events) {
        long t0 = System.nanoTime();
        Publisher publisher = new Publisher(store, options, provenance, root);
        if (!store.read(d -> d.containsGraph(NodeFactory.createURI(options.base().vocabGraph())))) {
            publisher.publishVocabulary();
        }
        long[] last = {System.nanoTime()};
        PublishResult r = publisher.publish(mapping, (file, rows, triples) -> {
            if (System.nanoTime() - last[0] > 1_000_000_000L) {
                last[0] = System.nanoTime();
                events.accept(Map.of("event", "progress", "file", file.getFileName().toString(), "rows", rows,
                        "triples", triples));
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        String id = r.release().info().id();
        // what a load does after: linksets counted again, the index of the dataset that changed,
        // space given back when replaced triples outweigh live ones (TDB2 compacts live stores)
        publisher.refreshLinksets(r.typesChanged() ? java.util.Set.of(id) : java.util.Set.of());
        search.updateDataset(store, base, id, r.changedSubjects());
        if (!r.outcome().unchanged()) {
            geo.updateGraph(store, base.graph(id));
        }
        store.compactIfWasteful(COMPACT_FLOOR);
        store.compactArchiveIfWasteful(COMPACT_FLOOR);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", "published");
        out.put("dataset", id);
        out.put("release", r.outcome().number());
        out.put("unchanged", r.outcome().unchanged());
        out.put("triples", r.release().stats().triples());
        out.put("added", r.outcome().diff().added());
        out.put("removed", r.outcome().diff().removed());
        out.put("seconds", seconds);
        List<String> lines = r.summary(seconds);
        out.put("lines", lines);
        return out;
    }
}
