package kz.ashyq.server;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Slots for costly requests, and a queue for those that find every slot taken. A waiting request
 * holds no thread: it is put in asynchronous mode and its worker thread goes back to Jetty, so
 * that pages and documents are served while queries wait (a wait that held threads made an
 * ordinary page wait 28 s behind eight slow queries). When a slot frees, the first waiter is
 * run on a thread of Jetty's pool; one that waits too long is answered 503. A client may have
 * only so many requests running or waiting at once, so one client cannot fill the queue.
 */
final class Slots {

    /** What became of a request that asked for a slot. */
    enum Admission {
        /** It holds a slot: run it now on this thread, then {@link #release}. */
        RUN,
        /** It waits without a thread; it will be run, or refused, later. */
        QUEUED,
        /** Its client has too many requests running or waiting. */
        CLIENT_BUSY,
        /** Every slot is taken and the queue is full (or waiting is off). */
        BUSY
    }

    /** A request waiting for a slot. */
    private record Waiter(String client, AsyncContext async, Runnable work, Consumer<AsyncContext> expired) {}

    /** One timer for every queue's deadlines: it only moves waiters out, never runs their work. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ashyq-slot-timer");
        t.setDaemon(true);
        return t;
    });

    private final int slots;
    private final int maxQueued;
    private final int perClient;
    private final long waitMillis;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private final Map<String, Integer> clients = new HashMap<>();
    private int running;

    /**
     * @param slots requests run at once
     * @param maxQueued requests that may wait at once
     * @param perClient requests one client may have running or waiting
     * @param waitMillis how long a request may wait; 0 turns away at once
     */
    Slots(int slots, int maxQueued, int perClient, long waitMillis) {
        this.slots = slots;
        this.maxQueued = maxQueued;
        this.perClient = perClient;
        this.waitMillis = waitMillis;
    }

    /**
     * Asks for a slot. On {@link Admission#QUEUED} the request is in asynchronous mode: when a
     * slot frees, {@code work} runs on another thread and must answer; the slot is released and
     * the request completed after it. When the wait ends first, {@code expired} answers it.
     */
    synchronized Admission admit(String client, HttpServletRequest request, Runnable work,
            Consumer<AsyncContext> expired) {
        int mine = clients.getOrDefault(client, 0);
        if (mine >= perClient) {
            return Admission.CLIENT_BUSY;
        }
        if (running < slots) {
            running++;
            clients.put(client, mine + 1);
            return Admission.RUN;
        }
        if (waitMillis == 0 || queue.size() >= maxQueued) {
            return Admission.BUSY;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the queue's own deadline below ends the wait; the query's timeout ends the run
        Waiter w = new Waiter(client, async, work, expired);
        queue.add(w);
        clients.put(client, mine + 1);
        TIMER.schedule(() -> expire(w), waitMillis, TimeUnit.MILLISECONDS);
        return Admission.QUEUED;
    }

    /** Gives back the slot of a request of {@code client}, to the first waiter if there is one. */
    void release(String client) {
        Waiter next;
        synchronized (this) {
            leave(client);
            next = queue.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        Waiter w = next;
        w.async().start(() -> {
            try {
                w.work().run();
            } finally {
                release(w.client());
                w.async().complete();
            }
        });
    }

    /** Requests holding a slot now. */
    synchronized int running() {
        return running;
    }

    /** Requests waiting now. */
    synchronized int queued() {
        return queue.size();
    }

    private void expire(Waiter w) {
        synchronized (this) {
            if (!queue.remove(w)) {
                return; // it got a slot first
            }
            leave(w.client());
        }
        try {
            w.expired().accept(w.async());
        } finally {
            w.async().complete();
        }
    }

    private void leave(String client) {
        clients.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
}
