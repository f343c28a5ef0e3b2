package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the filters do once a request has been answered. Most requests are answered on the thread
 * that took them; a query that waited for a slot is answered later on another ({@link Admission}),
 * after the filters in front of it have returned. A filter registers its end work here and
 * {@link AccessLog}, outermost, or the slot's thread runs it, exactly once, innermost filter first.
 */
final class Answered {

    private static final String ACTIONS = "kz.ashyq.answered";
    private static final String DEFERRED = "kz.ashyq.deferred";
    private static final String FAILED = "kz.ashyq.failed";

    private Answered() {}

    /** Runs {@code action} once the request has been answered. */
    static void then(HttpServletRequest request, Runnable action) {
        Deque<Runnable> actions = actions(request);
        synchronized (actions) {
            actions.push(action);
        }
    }

    /** The request will be answered on another thread, which then calls {@link #now}. */
    static void defer(HttpServletRequest request, boolean deferred) {
        request.setAttribute(DEFERRED, deferred);
    }

    static boolean deferred(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(DEFERRED));
    }

    /** Answering the request failed part way: what it wrote is no answer to keep. */
    static void failed(HttpServletRequest request) {
        request.setAttribute(FAILED, Boolean.TRUE);
    }

    static boolean hasFailed(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(FAILED));
    }

    /** The request has been answered: its registered actions run now, innermost first, and only once. */
    static void now(HttpServletRequest request) {
        Deque<Runnable> actions = actions(request);
        RuntimeException first = null;
        while (true) {
            Runnable next;
            synchronized (actions) {
                next = actions.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // the others still run: an answer not kept must not leave the request out of the log
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The request's actions; the first call is {@link AccessLog}'s, before the request has another thread. */
    @SuppressWarnings("unchecked")
    private static Deque<Runnable> actions(HttpServletRequest request) {
        Object kept = request.getAttribute(ACTIONS);
        if (kept == null) {
            kept = new ArrayDeque<Runnable>();
            request.setAttribute(ACTIONS, kept);
        }
        return (Deque<Runnable>) kept;
    }
}
