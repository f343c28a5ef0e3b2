package kz.ashyq.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests per client and minute, in fixed one-minute windows. A window that has ended says
 * nothing any more, so at most once a minute every ended window is dropped: the map holds the
 * clients of the last minute or two, however many addresses have come by since the start.
 */
final class RateWindows {

    static final long MINUTE_NANOS = 60_000_000_000L;

    /** Requests of one client in the current minute. */
    private static final class Window {
        long start;
        int count;
    }

    private final int perMinute;
    private final long windowNanos;
    private final Map<String, Window> clients = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    RateWindows(int perMinute) {
        this(perMinute, MINUTE_NANOS);
    }

    /** Windows of another length than a minute: for the test of the sweep. */
    RateWindows(int perMinute, long windowNanos) {
        this.perMinute = perMinute;
        this.windowNanos = windowNanos;
    }

    /** The limit per minute. */
    int perMinute() {
        return perMinute;
    }

    /** Counts a request of {@code client}; false when it is one too many this minute. */
    boolean allow(String client) {
        long now = System.nanoTime();
        sweepIfDue(now);
        Window w = clients.computeIfAbsent(client, k -> {
            Window n = new Window();
            n.start = now;
            return n;
        });
        synchronized (w) {
            if (now - w.start > windowNanos) {
                w.start = now;
                w.count = 0;
            }
            return ++w.count <= perMinute;
        }
    }

    /** Clients whose window is held: the test of the sweep. */
    int clients() {
        return clients.size();
    }

    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last > windowNanos && lastSweep.compareAndSet(last, now)) {
            clients.values().removeIf(w -> {
                synchronized (w) {
                    return now - w.start > windowNanos;
                }
            });
        }
    }
}
