package kz.ashyq.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.publish.PublishResult;
import kz.ashyq.publish.Publisher;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Store;

/** Loads mappings one by one, with progress and a report, for {@code load} and {@code demo}. */
final class Loader {

    /** Replaced triples below which a load never compacts (small stores are not worth it). */
    static final long COMPACT_FLOOR = 100_000;
    /** Triples written into the archive of releases before a load may compact it (see {@link Store#compactArchiveIfWasteful}). */
    static final long ARCHIVE_COMPACT_FLOOR = COMPACT_FLOOR;

    private final Store store;
    private final LoadOptions options;
    private final boolean provenance;
    private final PrintStream out;
    private final PrintStream err;

    Loader(Store store, LoadOptions options, boolean provenance, PrintStream out, PrintStream err) {
        this.store = store;
        this.options = options;
        this.provenance = provenance;
        this.out = out;
        this.err = err;
    }

    /**
     * Reads every mapping first (a broken mapping stops everything before anything loads), then
     * publishes each. A dataset that fails keeps its previous release; the others load.
     *
     * @return the exit code: 0, or the code of the first failure
     */
    int load(List<Path> files) {
        List<Mapping> mappings = new ArrayList<>();
        for (Path f : files) {
            Mapping m = Mappings.read(f);
            m.datasetId(); // a name that makes no id stops the run before anything is loaded
            mappings.add(m);
        }
        boolean indexInStep;
        try (SearchIndex index = SearchIndex.open(store)) {
            indexInStep = index.inStep(store);
        }
        Publisher publisher = new Publisher(store, options, provenance);
        publisher.publishVocabulary();
        out.printf("Loading %d dataset%s into %s (base %s)%n", mappings.size(), mappings.size() == 1 ? "" : "s",
                store.dir(), options.base());
        int code = Main.OK;
        try {
            code = publishAll(publisher, mappings);
        } finally {
            publisher.refreshLinksets(retyped);
            long before = store.diskSize();
            if (store.compactIfWasteful(COMPACT_FLOOR)) {
                out.printf("Compacted the store: %,d MB -> %,d MB%n", before >> 20, store.diskSize() >> 20);
            }
            long archiveBefore = store.archiveSize();
            if (store.compactArchiveIfWasteful(ARCHIVE_COMPACT_FLOOR)) {
                out.printf("Compacted the archive of releases: %,d MB -> %,d MB%n", archiveBefore >> 20,
                        store.archiveSize() >> 20);
            }
            store.writeStatisticsIfStale();
            // whatever loaded, the search index follows the store: for the datasets published, when
            // it was in step before the load, or rebuilt whole
            try (SearchIndex index = SearchIndex.open(store)) {
                if (indexInStep && !published.isEmpty()) {
                    for (var p : published.entrySet()) {
                        index.updateDataset(store, options.base(), p.getKey(), p.getValue().orElse(null));
                    }
                } else {
                    index.update(store, options.base());
                }
            }
        }
        return code;
    }

    /** Subjects changed by two releases of one dataset in one run; unknown when either is. */
    private static java.util.Optional<java.util.Set<String>> union(java.util.Optional<java.util.Set<String>> a,
            java.util.Optional<java.util.Set<String>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> both = new java.util.HashSet<>(a.get());
        both.addAll(b.get());
        return java.util.Optional.of(both);
    }

    /** The datasets this run published whose things' types changed. */
    private final java.util.Set<String> retyped = new java.util.LinkedHashSet<>();
    /** The datasets this run published, with the subjects that changed when the release said. */
    private final java.util.Map<String, java.util.Optional<java.util.Set<String>>> published =
            new java.util.LinkedHashMap<>();

    /**
     * What became of one mapping of a run.
     *
     * @param dataset its dataset's id
     * @param rows the rows its sources had (0 when it failed)
     * @param triples the triples its dataset holds now (0 when it failed)
     * @param error why it did not load; null when it did
     */
    record Outcome(String dataset, long rows, long triples, String error) {}

    /** Every mapping of the run, in order, as it went. */
    private final List<Outcome> outcomes = new ArrayList<>();

    /** What became of each mapping of the last {@link #load}. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    private int publishAll(Publisher publisher, List<Mapping> mappings) {
        int code = Main.OK;
        for (Mapping m : mappings) {
            long t0 = System.nanoTime();
            try {
                PublishResult r = publisher.publish(m, Mappings.progress(m.datasetId(), err));
                published.merge(r.release().info().id(), java.util.Optional.ofNullable(r.changedSubjects()),
                        Loader::union);
                if (r.typesChanged()) {
                    retyped.add(r.release().info().id());
                }
                if (System.console() != null) {
                    err.print("\r");
                }
                r.summary((System.nanoTime() - t0) / 1e9).forEach(out::println);
                outcomes.add(new Outcome(m.datasetId(), r.release().sources().stream()
                        .mapToLong(kz.ashyq.catalog.SourceFile::rows).sum(), r.release().stats().triples(), null));
            } catch (RuntimeException e) {
                int c = Main.exitCode(e);
                outcomes.add(new Outcome(m.datasetId(), 0, 0, e.getMessage()));
                err.println();
                err.println("ashyq: " + m.datasetId() + " not loaded (the previous version, if any, is kept): "
                        + e.getMessage());
                if (c == Main.FAILED) {
                    throw e;
                }
                code = code == Main.OK ? c : code;
            }
        }
        return code;
    }
}
