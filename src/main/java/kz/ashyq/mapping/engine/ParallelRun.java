package kz.ashyq.mapping.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.PredicateObjectMap;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TriplesMap;
import kz.ashyq.mapping.functions.FunctionContext;
import kz.ashyq.mapping.ntriples.NTriplesEncoder;
import kz.ashyq.mapping.ntriples.NTriplesOutput;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * Maps the rows of one source on several threads, when its maps allow it. Rows are read on the
 * calling thread and handed out in batches; each worker thread has compiled maps and function
 * state of its own; batches are written out in the order they were read, and their problems
 * reported in that order, so that output and report are those of a sequential run. Memory stays
 * flat: at most two batches per thread are in flight.
 *
 * <p>Not for maps whose rows depend on one another: joins (the parent side is indexed as rows
 * stream), provenance, maps that read no column (made once per run), and the functions that keep
 * state across rows ({@code lookup} counts misses, {@code placeMatch} lets a place be claimed once).
 */
final class ParallelRun {

    /** Rows per batch: enough to make handing over cheap, few enough to keep memory small. */
    static final int BATCH = 1_000;

    private static final java.util.Set<String> STATEFUL = java.util.Set.of("lookup", "placeMatch");

    private ParallelRun() {}

    /** Whether the maps of a source can be mapped in parallel. */
    static boolean eligible(Mapping mapping, List<TriplesMap> maps, boolean provenance) {
        if (!rowsIndependent(mapping, maps, provenance)) {
            return false;
        }
        for (TriplesMap tm : maps) {
            if (terms(tm).stream().allMatch(t -> t.expr() instanceof Expr.Constant)) {
                return false; // made once per run, not once per row
            }
        }
        return true;
    }

    /**
     * Whether each row of a source is mapped with nothing from the rows before it: no provenance,
     * no join anywhere in the mapping (this source may be its parent or its child), no function
     * that keeps state across rows.
     */
    static boolean rowsIndependent(Mapping mapping, List<TriplesMap> maps, boolean provenance) {
        if (provenance) {
            return false;
        }
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                if (pom.objects().stream().anyMatch(om -> om instanceof ObjectMap.Ref)) {
                    return false;
                }
            }
        }
        for (TriplesMap tm : maps) {
            for (TermMap t : terms(tm)) {
                if (stateful(t.expr()) || t.language() != null && stateful(t.language())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every term map of a triples map without joins. */
    private static List<TermMap> terms(TriplesMap tm) {
        List<TermMap> terms = new ArrayList<>(tm.subjectGraphs());
        terms.add(tm.subject());
        for (PredicateObjectMap pom : tm.predicateObjects()) {
            terms.addAll(pom.predicates());
            terms.addAll(pom.graphs());
            pom.objects().forEach(om -> terms.add(((ObjectMap.Term) om).term()));
        }
        return terms;
    }

    private static boolean stateful(Expr e) {
        if (e instanceof Expr.Call call) {
            return STATEFUL.contains(call.function()) || call.args().stream().anyMatch(a -> stateful(a.value()));
        }
        return false;
    }

    /** What one worker thread maps with: its own compiled maps, functions and state. */
    private static final class Worker {
        final RunState state;
        final List<CompiledMap> compiled = new ArrayList<>();
        /** Where rows are encoded to N-Triples, when the run's output takes bytes; else null. */
        final NTriplesEncoder encoder;

        Worker(LogicalSource source, List<TriplesMap> maps, RowSource reader, RunState main, boolean encode) {
            this.encoder = encode ? new NTriplesEncoder(1 << 16) : null;
            FunctionContext functions = main.functions.fresh();
            state = new RunState(main.mapping, main.base, functions, null, null, null);
            Compiler compiler = new Compiler(source, reader, functions);
            for (TriplesMap tm : maps) {
                compiled.add(new CompiledMap(tm, compiler, state));
            }
        }

        Batch map(List<RowSource.Row> rows) {
            List<Object> items = encoder == null ? new ArrayList<>(rows.size() * 8) : null;
            MappingReport report = new MappingReport(Integer.MAX_VALUE);
            state.out = sink(items);
            state.report = report;
            state.triples = 0;
            for (RowSource.Row row : rows) {
                state.functions.startRow();
                for (CompiledMap cm : compiled) {
                    if (encoder != null) {
                        cm.encode(row, encoder);
                    } else {
                        cm.apply(row);
                    }
                }
            }
            byte[] bytes = null;
            if (encoder != null) {
                bytes = encoder.copy(0);
                encoder.clear(null);
            }
            return new Batch(items, bytes, state.triples, report);
        }
    }

    /**
     * A batch's triples and quads in the order made, or its rows encoded as N-Triples, and its
     * problems.
     */
    private record Batch(List<Object> items, byte[] bytes, long triples, MappingReport report) {}

    /** Where a worker's triples and quads go: into its batch's list, in the order made. */
    private static StreamRDF sink(List<Object> items) {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                items.add(t);
            }

            @Override
            public void quad(Quad q) {
                items.add(q);
            }
        };
    }

    /**
     * Reads the rows of {@code reader} and maps them on {@code threads} threads into {@code main}.
     *
     * @return the rows read
     */
    static long run(LogicalSource source, List<TriplesMap> maps, RowSource reader, RunState main, int threads,
            long rowLimit, MappingEngine.Progress progress, boolean encode) {
        BlockingQueue<Worker> idle = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            idle.add(new Worker(source, maps, reader, main, encode));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ashyq-map");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Batch>> inFlight = new ArrayDeque<>();
        long rows = 0;
        try {
            List<RowSource.Row> batch = new ArrayList<>(BATCH);
            while (reader.hasNext() && (rowLimit == 0 || rows < rowLimit)) {
                batch.add(reader.next());
                rows++;
                if (batch.size() == BATCH) {
                    inFlight.add(submit(pool, idle, batch));
                    batch = new ArrayList<>(BATCH);
                    while (inFlight.size() >= 2 * threads) {
                        write(inFlight.poll(), main);
                    }
                    if (rows % MappingEngine.PROGRESS_EVERY == 0) {
                        progress.update(source.file(), rows, main.triples);
                    }
                }
            }
            if (!batch.isEmpty()) {
                inFlight.add(submit(pool, idle, batch));
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), main);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        return rows;
    }

    private static Future<Batch> submit(ExecutorService pool, BlockingQueue<Worker> idle, List<RowSource.Row> rows) {
        return pool.submit(() -> {
            Worker w = idle.take();
            try {
                return w.map(rows);
            } finally {
                idle.add(w);
            }
        });
    }

    /** Writes a batch to the run's output and report, in order; a worker's exception is rethrown as it was. */
    private static void write(Future<Batch> next, RunState main) {
        Batch b;
        try {
            b = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mapping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        if (b.bytes() != null) {
            ((NTriplesOutput) main.out).write(b.bytes());
        } else {
            for (Object item : b.items()) {
                if (item instanceof Triple t) {
                    main.out.triple(t);
                } else {
                    main.out.quad((Quad) item);
                }
            }
        }
        main.triples += b.triples();
        b.report().problems().forEach(main.report::problem);
        b.report().warnings().forEach(main.report::warning);
    }
}
