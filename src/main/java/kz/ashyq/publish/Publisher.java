package kz.ashyq.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.catalog.CatalogBuilder;
import kz.ashyq.catalog.Release;
import kz.ashyq.catalog.SourceFile;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Checksums;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingEngine;
import kz.ashyq.mapping.MappingReport;
import kz.ashyq.store.GraphStats;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFOps;

/**
 * Publishes releases: a dataset's graph and its catalogue record are replaced together in one
 * write transaction. If the mapping fails part-way, the transaction aborts and readers keep
 * the previous release.
 */
public final class Publisher {

    /** The graph that holds Ashyq's vocabulary and labels of the terms it uses. */
    public static final String VOCAB_GRAPH = "graph/vocab";

    private static final List<String> VOCAB_FILES = List.of("vocab/ashyq.ttl", "vocab/labels.ttl");

    private final Store store;
    private final LoadOptions options;
    private final boolean provenance;

    /** A publisher into one store, with one set of options. */
    public Publisher(Store store, LoadOptions options) {
        this(store, options, false);
    }

    /**
     * A publisher that, when {@code provenance} is on, also records for every subject the source
     * file, its SHA-256 and the row, in the dataset's graph {@code graph/{id}/provenance}.
     */
    public Publisher(Store store, LoadOptions options, boolean provenance) {
        this.store = store;
        this.options = options;
        this.provenance = provenance;
    }

    /** The graph that holds a dataset's row-level provenance. */
    public static String provenanceGraph(BaseIri base, String datasetId) {
        return base.graph(datasetId) + "/provenance";
    }

    /** Maps and loads one dataset, replacing its previous release atomically. */
    public PublishResult publish(Mapping mapping, MappingEngine.Progress progress) {
        store.claimBase(options.base());
        BaseIri base = options.base();
        DatasetInfo info = mapping.dataset().orElseGet(() -> new DatasetInfo(mapping.datasetId(),
                Map.of("en", mapping.datasetId()), Map.of(), Map.of(), null, null, Map.of(), null, null));
        String mappingSha = Checksums.sha256(mapping.file());
        Instant started = Instant.now();
        return store.write(session -> {
            MappingReport[] report = new MappingReport[1];
            String provGraph = provenanceGraph(base, info.id());
            // the previous release's provenance goes with it, recorded anew or not at all
            session.removeGraph(provGraph);
            MappingEngine.RunOptions run = new MappingEngine.RunOptions(0, provenance ? provGraph : null);
            GraphStats stats = session.replaceGraph(base.graph(info.id()),
                    out -> report[0] = MappingEngine.run(mapping, options, run, out, progress));
            List<SourceFile> sources = new ArrayList<>();
            for (LogicalSource s : mapping.sources()) {
                Path f = s.file();
                sources.add(new SourceFile(f.getFileName().toString(), size(f), Checksums.sha256(f),
                        report[0].encodings().getOrDefault(f, "unknown"), report[0].rows().getOrDefault(f, 0L)));
            }
            Release release = new Release(info, mapping.file().getFileName().toString(), mappingSha, sources, stats,
                    started, Instant.now(), options.lenient() ? report[0].problemCount() : 0, report[0].unmatched());
            Graph description = CatalogBuilder.describe(base, release);
            session.replaceGraph(CatalogBuilder.catalogGraph(base, info.id()),
                    out -> StreamRDFOps.sendGraphToStream(description, out));
            return new PublishResult(release, report[0]);
        });
    }

    /** Loads Ashyq's vocabulary (from the classpath) into its graph, replacing what was there. */
    public void publishVocabulary() {
        store.claimBase(options.base());
        store.write(session -> session.replaceGraph(options.base().resolve(VOCAB_GRAPH), out -> {
            for (String file : VOCAB_FILES) {
                try (InputStream in = Publisher.class.getClassLoader().getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException("vocabulary file " + file + " is missing from the jar");
                    }
                    RDFParser.source(in).lang(Lang.TURTLE).base(options.base().value()).parse(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }));
    }

    /** Removes a dataset and its catalogue record. */
    public void unpublish(String datasetId) {
        store.write(session -> {
            session.removeGraph(options.base().graph(datasetId));
            session.removeGraph(CatalogBuilder.catalogGraph(options.base(), datasetId));
            return null;
        });
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
