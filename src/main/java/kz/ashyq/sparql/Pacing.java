package kz.ashyq.sparql;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIteratorWrapper;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;

/**
 * Long queries give way to short ones. A request that has run longer than a threshold goes to the
 * background: while other requests are in flight, its query runs in short slices with pauses
 * between them, so that one client's cartesian product does not take the CPU that every other
 * client's lookups need; with nobody else waiting it runs at full speed. The timeout still counts
 * while it pauses, so a hostile query ends sooner having done less.
 *
 * <p>Queries are paced where their bindings flow: every operator's iterator of the plan is wrapped
 * (see {@link #install}), and every {@value #CHECK_EVERY}th binding through any of them looks at
 * the clock. A request is followed by the thread that serves it ({@link #begin}, {@link #end}): Fuseki
 * and the front both answer on the request's thread. Work outside a request is never paced.
 */
public final class Pacing {

    /** Bindings between two looks at the clock, per iterator. */
    static final int CHECK_EVERY = 64;
    /** How long a background query runs before it pauses, when others are waiting. */
    static final long SLICE_NANOS = 2_000_000;
    /** How long it pauses: a fifth of a core for a background query while others are served. */
    static final long PAUSE_MILLIS = 8;

    /** One request, on the thread that serves it. */
    public static final class Ticket {
        private long start = System.nanoTime();
        private boolean background;
        private long sliceStart;
    }

    private final long backgroundAfterNanos;
    private final AtomicInteger interactive = new AtomicInteger();
    private final LongAdder backgrounded = new LongAdder();
    private final LongAdder pauses = new LongAdder();
    private final ThreadLocal<Ticket> current = new ThreadLocal<>();

    /** @param backgroundAfterMillis how long a request runs before its query goes to the background */
    public Pacing(long backgroundAfterMillis) {
        if (backgroundAfterMillis < 1) {
            throw new IllegalArgumentException("backgroundAfterMillis " + backgroundAfterMillis + " must be at least 1");
        }
        this.backgroundAfterNanos = backgroundAfterMillis * 1_000_000;
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

    /** The request's query starts now (it may have waited for a slot): its clock starts again. */
    public void started(Ticket t) {
        t.start = System.nanoTime();
    }

    /** The request of {@link #begin} has been answered. */
    public void end(Ticket t) {
        current.remove();
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

    /** Called by the iterators of a query: moves its request to the background, or pauses it. */
    void checkpoint(AtomicBoolean cancelled) {
        Ticket t = current.get();
        if (t == null) {
            return;
        }
        long now = System.nanoTime();
        if (!t.background) {
            if (now - t.start < backgroundAfterNanos) {
                return;
            }
            t.background = true;
            t.sliceStart = now;
            interactive.decrementAndGet();
            backgrounded.increment();
        }
        if (now - t.sliceStart < SLICE_NANOS) {
            return;
        }
        while (interactive.get() > 0 && (cancelled == null || !cancelled.get())) {
            pauses.increment();
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() - now > 10 * PAUSE_MILLIS * 1_000_000) {
                break; // a slice now and then all the same: under constant load it still ends
            }
        }
        t.sliceStart = System.nanoTime();
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
