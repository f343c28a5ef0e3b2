package kz.ashyq.sparql;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.query.QueryCancelledException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIteratorWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;

/**
 * Long queries give way to short ones. A request whose query has used more than a threshold of
 * CPU time goes to the background (CPU, not wall-clock time: under load every query takes longer,
 * and only the ones that do a lot of work should give way). Background queries compute one at a
 * time, and while other requests are in flight they run in slices with pauses between them as
 * long as the slices, so that two clients' cartesian products take half a core rather than every
 * core from everybody's lookups. With nobody else waiting they run at full speed. The timeout
 * keeps counting while they wait, so a hostile query ends sooner having done less.
 *
 * <p>Queries are paced where their bindings flow: every operator's iterator of the plan is wrapped
 * (see {@link #install}), and every {@value #CHECK_EVERY}th binding through any of them looks at
 * the clock. A request is followed by the thread that serves it ({@link #begin}, {@link #end}):
 * Fuseki and the front both answer on the request's thread. Work outside a request is never paced.
 */
public final class Pacing {

    /** Bindings between two looks at the clock, per iterator. */
    static final int CHECK_EVERY = 64;
    /** How long a background query computes before it pauses, when others are waiting. */
    static final long SLICE_NANOS = 4_000_000;
    /** How long it pauses: as long as a slice, so background work takes half a core at most. */
    static final long PAUSE_MILLIS = 4;
    /** How long a background query waits for its turn before it computes all the same. */
    static final long TURN_WAIT_MILLIS = 100;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One request, on the thread that serves it. */
    public static final class Ticket {
        private long start = System.nanoTime();
        private long startCpu = cpu();
        private long nextCpuCheck;
        private boolean background;
        private boolean hasTurn;
        private long sliceStart;
        /** Whether the request is a query under the endpoint's timeout: set by {@link Pacing#started}. */
        private boolean bounded;
    }

    private final long backgroundAfterNanos;
    private final long stopAfterNanos;
    private final AtomicInteger interactive = new AtomicInteger();
    /** The turn to compute among background queries: fair, and only waited for a while. */
    private final Semaphore turn = new Semaphore(1, true);
    private final LongAdder backgrounded = new LongAdder();
    private final LongAdder pauses = new LongAdder();
    private final ThreadLocal<Ticket> current = new ThreadLocal<>();

    /**
     * @param backgroundAfterMillis CPU time a request's query uses before it goes to the background
     * @param timeout the queries' timeout: a query still computing a second past it is stopped at
     *     its next checkpoint. ARQ's own timeout does not reach every operator (an aggregate over
     *     a {@code FILTER NOT EXISTS} ran on for minutes after it), every operator is paced.
     */
    public Pacing(long backgroundAfterMillis, java.time.Duration timeout) {
        if (backgroundAfterMillis < 1) {
            throw new IllegalArgumentException("backgroundAfterMillis " + backgroundAfterMillis + " must be at least 1");
        }
        this.backgroundAfterNanos = backgroundAfterMillis * 1_000_000;
        this.stopAfterNanos = timeout.plusSeconds(1).toNanos();
    }

    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Paces every query over {@code dsg} (a TDB2 dataset) that runs inside a request. */
    public void install(DatasetGraph dsg) {
        QC.setFactory(dsg.getContext(), execCxt -> new PacedExecutor(execCxt, this));
    }

    /** A request starts on this thread. */
    public Ticket begin() {
        Ticket t = new Ticket();
        interactive.incrementAndGet();
        current.set(t);
        return t;
    }

    /** The request's query starts now (it may have waited for a slot): its clocks start again. */
    public void started(Ticket t) {
        t.bounded = true;
        t.start = System.nanoTime();
        t.startCpu = cpu();
    }

    /** The request of {@link #begin} has been answered. */
    public void end(Ticket t) {
        current.remove();
        if (t.hasTurn) {
            t.hasTurn = false;
            turn.release();
        }
        if (!t.background) {
            interactive.decrementAndGet();
        }
    }

    /** Requests that went to the background, and the pauses they made: for {@code /metrics}. */
    public long backgrounded() {
        return backgrounded.sum();
    }

    /** Pauses made by background queries so far. */
    public long pauses() {
        return pauses.sum();
    }

    /** Called by the iterators of a query: moves its request to the background, or paces it. */
    void checkpoint(AtomicBoolean cancelled) {
        Ticket t = current.get();
        if (t == null) {
            return;
        }
        long now = System.nanoTime();
        if (t.bounded && now - t.start > stopAfterNanos || cancelled != null && cancelled.get()) {
            throw new QueryCancelledException();
        }
        if (!t.background) {
            // wall-clock time bounds CPU time from above: the thread's clock is read only past it
            if (now - t.start < backgroundAfterNanos || now < t.nextCpuCheck) {
                return;
            }
            if (cpu() - t.startCpu < backgroundAfterNanos) {
                t.nextCpuCheck = now + 10_000_000;
                return;
            }
            t.background = true;
            interactive.decrementAndGet();
            backgrounded.increment();
            takeTurn(t, cancelled);
            return;
        }
        if (now - t.sliceStart < SLICE_NANOS) {
            return;
        }
        boolean othersWait = interactive.get() > 0;
        if (othersWait || turn.hasQueuedThreads()) {
            if (t.hasTurn) {
                t.hasTurn = false;
                turn.release();
            }
            if (othersWait) {
                pauses.increment();
                sleep(PAUSE_MILLIS);
            }
        }
        takeTurn(t, cancelled);
    }

    private void takeTurn(Ticket t, AtomicBoolean cancelled) {
        if (!t.hasTurn && (cancelled == null || !cancelled.get())) {
            try {
                t.hasTurn = turn.tryAcquire(TURN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        t.sliceStart = System.nanoTime();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** TDB2's executor, with every operator's iterator paced. */
    private static final class PacedExecutor extends OpExecutorTDB2 {
        private final Pacing pacing;

        PacedExecutor(ExecutionContext execCxt, Pacing pacing) {
            super(execCxt);
            this.pacing = pacing;
        }

        @Override
        protected QueryIterator exec(Op op, QueryIterator input) {
            return new Paced(super.exec(op, input), pacing, execCxt.getCancelSignal());
        }

        /**
         * A filter over one pattern is applied over the paced pattern: TDB2 would evaluate it
         * inside its own scan, where a filter that rejects nearly everything (a regex over every
         * literal) would let no binding out to be paced. Over one pattern, placing the filter
         * inside gains nothing; over several, TDB2's placement is kept.
         */
        @Override
        protected QueryIterator execute(OpFilter opFilter, QueryIterator input) {
            Op sub = opFilter.getSubOp();
            boolean onePattern = sub instanceof OpBGP bgp && bgp.getPattern().size() == 1
                    || sub instanceof OpQuadPattern quads && quads.getBasicPattern().size() == 1;
            if (!onePattern) {
                return super.execute(opFilter, input);
            }
            QueryIterator it = exec(sub, input);
            for (Expr e : opFilter.getExprs()) {
                it = new QueryIterFilterExpr(it, e, execCxt);
            }
            return it;
        }
    }

    private static final class Paced extends QueryIteratorWrapper {
        private final Pacing pacing;
        private final AtomicBoolean cancelled;
        private int count;

        Paced(QueryIterator inner, Pacing pacing, AtomicBoolean cancelled) {
            super(inner);
            this.pacing = pacing;
            this.cancelled = cancelled;
        }

        @Override
        protected Binding moveToNextBinding() {
            if (++count % CHECK_EVERY == 0) {
                pacing.checkpoint(cancelled);
            }
            return super.moveToNextBinding();
        }
    }
}
