package kz.ashyq.mapping.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.TriplesMap;
import kz.ashyq.mapping.functions.FunctionContext;
import kz.ashyq.mapping.ntriples.NTriplesEncoder;
import kz.ashyq.mapping.ntriples.NTriplesOutput;
import kz.ashyq.mapping.source.RowSources;
import org.apache.jena.riot.system.StreamRDF;

/**
 * Runs a mapping: reads each CSV source once, row by row, applies every triples map over that
 * source, and writes triples (or quads, under graph maps) to a {@link StreamRDF}. Memory holds
 * one row, the compiled maps, and the parent side of joins across files. To an
 * {@link NTriplesOutput}, the rows of maps with one predicate and one object per predicate-object
 * map, no graph map and no join go as N-Triples bytes, encoded without Jena nodes
 * ({@link CompiledMap#encode}); the bytes are those the nodes would have been written as.
 */
public final class MappingEngine {

    /** Told of progress every {@value #PROGRESS_EVERY} rows and at the end of each source. */
    @FunctionalInterface
    public interface Progress {
        /** Rows read so far in this source, and triples written so far in this run. */
        void update(java.nio.file.Path file, long rows, long triples);

        /** A listener that says nothing. */
        Progress NONE = (f, r, t) -> {};
    }

    static final int PROGRESS_EVERY = 10_000;

    private final Mapping mapping;
    private final LoadOptions options;
    private final RunOptions run;
    private final Progress progress;
    private final FunctionContext functions;
    private final MappingReport report;

    /**
     * How much of a run to do, and what to record besides the triples.
     *
     * @param rowLimit rows to read per source, 0 for all (a check reads a sample)
     * @param provenanceGraph the graph to record, for every subject, the file, its SHA-256 and the
     *     row it came from, or null for none
     * @param readsWithin the folder every file a function reads must be in, or null for anywhere
     * @param threads threads that map rows: 1 (the default) maps on the calling thread; more map
     *     batches of rows in parallel ({@code ashyq map --threads N}), measured slower on two
     *     processors and not yet measured on more (bench/README.md)
     */
    public record RunOptions(long rowLimit, String provenanceGraph, java.nio.file.Path readsWithin, int threads) {
        /** All rows, no provenance. */
        public static final RunOptions ALL = new RunOptions(0, null);

        /** Options that read files anywhere. */
        public RunOptions(long rowLimit, String provenanceGraph) {
            this(rowLimit, provenanceGraph, null);
        }

        /** Options mapping on the calling thread alone. */
        public RunOptions(long rowLimit, String provenanceGraph, java.nio.file.Path readsWithin) {
            this(rowLimit, provenanceGraph, readsWithin, 1);
        }

        /** Checks the thread count at once. */
        public RunOptions {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads " + threads + " is outside 1..256");
            }
        }

        /** The same, mapping rows on {@code n} threads. */
        public RunOptions withThreads(int n) {
            return new RunOptions(rowLimit, provenanceGraph, readsWithin, n);
        }
    }

    private MappingEngine(Mapping mapping, LoadOptions options, RunOptions run, Progress progress) {
        this.mapping = mapping;
        this.options = options;
        this.run = run;
        this.progress = progress;
        this.functions = new FunctionContext(mapping.file().toAbsolutePath().getParent(), run.readsWithin());
        this.report = new MappingReport(options.maxReportedErrors());
    }

    /**
     * Maps every row of every source to {@code out}.
     *
     * @return what the run did
     * @throws MappingException when the mapping does not fit its sources (an unknown column)
     * @throws DataException when a source cannot be read
     * @throws BadDataException when cells do not fit the mapping and the options are strict;
     *     the triples already written must then be discarded
     */
    public static MappingReport run(Mapping mapping, LoadOptions options, StreamRDF out, Progress progress) {
        return run(mapping, options, RunOptions.ALL, out, progress);
    }

    /** Maps with run options: a row limit, provenance. */
    public static MappingReport run(Mapping mapping, LoadOptions options, RunOptions run, StreamRDF out,
            Progress progress) {
        if (RdfFiles.isData(mapping)) {
            return RdfFiles.stream(mapping, out, progress);
        }
        return new MappingEngine(mapping, options, run, progress).run(out);
    }

    private MappingReport run(StreamRDF out) {
        String base = mapping.base().orElse(options.base().value());
        Provenance prov = run.provenanceGraph() == null ? null : new Provenance(run.provenanceGraph(), mapping, out);
        RunState state = new RunState(mapping, base, functions, report, out, prov);
        Map<LogicalSource, List<TriplesMap>> bySource = new LinkedHashMap<>();
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            bySource.computeIfAbsent(tm.source(), s -> new ArrayList<>()).add(tm);
        }
        for (Map.Entry<LogicalSource, List<TriplesMap>> e : bySource.entrySet()) {
            runSource(e.getKey(), e.getValue(), state);
        }
        for (ObjectRef.Waiting w : state.waiting) {
            w.emit(state);
        }
        report.triples(state.triples);
        report.unmatched(functions.misses());
        report.candidates(functions.candidates(), functions.matchCounts());
        if (report.problemCount() > 0 && !options.lenient()) {
            throw new BadDataException(mapping.file(), report);
        }
        return report;
    }

    private void runSource(LogicalSource source, List<TriplesMap> maps, RunState state) {
        try (RowSource reader = RowSources.open(source)) {
            report.encoding(source.file(), reader.charset(), reader.encodingDetected());
            Compiler compiler = new Compiler(source, reader, functions);
            List<CompiledMap> compiled = new ArrayList<>();
            for (TriplesMap tm : maps) {
                compiled.add(new CompiledMap(tm, compiler, state));
            }
            // compiling checked the maps against the columns, so a bad mapping fails the same way either way
            long rows;
            int threads = run.threads();
            if (threads > 1 && ParallelRun.eligible(mapping, maps, state.provenance != null)) {
                boolean encode = state.out instanceof NTriplesOutput && encodable(compiled, maps, state);
                rows = ParallelRun.run(source, maps, reader, state, threads, run.rowLimit(), progress, encode);
            } else if (state.out instanceof NTriplesOutput nt && encodable(compiled, maps, state)) {
                rows = encoded(source, compiled, reader, state, nt);
            } else {
                rows = sequential(source, compiled, reader, state);
            }
            report.rows(source.file(), rows);
            progress.update(source.file(), rows, state.triples);
        }
    }

    private long sequential(LogicalSource source, List<CompiledMap> compiled, RowSource reader, RunState state) {
        long rows = 0;
        while (reader.hasNext() && (run.rowLimit() == 0 || rows < run.rowLimit())) {
            RowSource.Row row = reader.next();
            functions.startRow();
            for (int i = 0; i < compiled.size(); i++) {
                compiled.get(i).apply(row);
            }
            if (++rows % PROGRESS_EVERY == 0) {
                progress.update(source.file(), rows, state.triples);
            }
        }
        return rows;
    }

    /** Whether the rows of a source can be encoded to N-Triples without nodes ({@link CompiledMap#encode}). */
    private boolean encodable(List<CompiledMap> compiled, List<TriplesMap> maps, RunState state) {
        return compiled.stream().allMatch(CompiledMap::encodable)
                && ParallelRun.rowsIndependent(mapping, maps, state.provenance != null);
    }

    /** {@link #sequential}, with each row's triples encoded on this thread and only written by the output's. */
    private long encoded(LogicalSource source, List<CompiledMap> compiled, RowSource reader, RunState state,
            NTriplesOutput out) {
        NTriplesEncoder encoder = out.encoder();
        long rows = 0;
        while (reader.hasNext() && (run.rowLimit() == 0 || rows < run.rowLimit())) {
            RowSource.Row row = reader.next();
            functions.startRow();
            for (int i = 0; i < compiled.size(); i++) {
                compiled.get(i).encode(row, encoder);
            }
            out.rowDone();
            if (++rows % PROGRESS_EVERY == 0) {
                progress.update(source.file(), rows, state.triples);
            }
        }
        return rows;
    }

}
