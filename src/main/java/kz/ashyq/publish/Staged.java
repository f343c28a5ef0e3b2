package kz.ashyq.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.engine.MappingReport;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;

/**
 * A release mapped to a file before anything of it reaches the store: a mapping that fails on
 * a cell, data that violates its shapes, or a file that would empty the dataset is found while
 * the store is untouched, so the write transaction that publishes only copies checked data and
 * is not aborted half-way (an aborted transaction that had added nodes left TDB2's node cache
 * wrong for the rest of the process, which a server cannot restart from). The file holds rows
 * of terms written once while they recur ({@link StagedRows}), cheap to write and read back.
 */
final class Staged implements AutoCloseable {

    private final Path file;
    private final MappingReport report;
    private final long triples;
    private final java.util.List<Triple> schema;

    private Staged(Path file, MappingReport report, long triples, java.util.List<Triple> schema) {
        this.file = file;
        this.report = report;
        this.triples = triples;
        this.schema = java.util.List.copyOf(schema);
    }

    /** Maps into a file in {@code dir}; the file is deleted when this is closed, or when mapping fails. */
    static Staged map(Path dir, Mapping mapping, LoadOptions options, MappingEngine.RunOptions run,
            MappingEngine.Progress progress) {
        Path file;
        try {
            Files.createDirectories(dir);
            clear(dir);
            file = Files.createTempFile(dir, mapping.datasetId() + "-", ".rows");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            StreamRDF writer = StagedRows.writer(os);
            long[] count = new long[1];
            java.util.List<Triple> schema = new java.util.ArrayList<>();
            // what the release will hold, geometries and entailments included, for the shrink
            // check to compare with the last release's size (the schema is complete only at the end,
            // so it is an estimate: the release itself is entailed from the whole schema)
            GeoInference entailing = new GeoInference(new org.apache.jena.riot.system.StreamRDFBase() {
                @Override
                public void triple(Triple t) {
                    count[0]++;
                }
            }, java.util.List.of());
            StreamRDF estimate = new Geometries(entailing);
            writer.start();
            MappingReport report = MappingEngine.run(mapping, options, run, new StreamRDFWrapper(writer) {
                @Override
                public void triple(Triple t) {
                    if (GeoInference.isSchema(t) && schema.size() < GeoInference.SCHEMA_KEPT) {
                        schema.add(t);
                        entailing.learn(t);
                    }
                    estimate.triple(t);
                    super.triple(t);
                }

                @Override
                public void prefix(String prefix, String iri) {
                    // nothing reads them back
                }
            }, progress);
            writer.finish();
            estimate.finish();
            return new Staged(file, report, count[0], schema);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            delete(file);
            throw e;
        }
    }

    /**
     * Deletes what a publication killed part-way left: one process holds the store, and it
     * publishes one release at a time, so no other file in the folder is in use.
     */
    private static void clear(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                delete(f);
            }
        }
    }

    MappingReport report() {
        return report;
    }

    /**
     * Triples for the dataset's own graph, as mapped, with the geometries and GeoSPARQL
     * entailments that publishing adds (a triple made twice counts twice).
     */
    long triples() {
        return triples;
    }

    /** The schema triples among what was mapped (see {@link GeoInference#isSchema}). */
    java.util.List<Triple> schema() {
        return schema;
    }

    /** Sends what was mapped, triples and quads, to {@code out}. */
    void replay(StreamRDF out) {
        try (InputStream in = Files.newInputStream(file)) {
            StagedRows.read(in, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was mapped, in memory: for the shapes, which need a graph to check. */
    DatasetGraph inMemory() {
        DatasetGraph d = DatasetGraphFactory.create();
        replay(org.apache.jena.riot.system.StreamRDFLib.dataset(d));
        return d;
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // a staging file left behind is deleted with the next one's folder at worst
        }
    }
}
