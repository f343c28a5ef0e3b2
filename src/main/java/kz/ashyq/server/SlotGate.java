package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import kz.ashyq.config.EndpointLimits;

/**
 * A few at once: queries run in the query slots, dumps and saved-query APIs in the heavy ones.
 * A request that finds them taken waits without a thread, and is answered on a slot's thread
 * when one frees ({@link Answered}), or 503 when its wait ends first; a client may have only a
 * few running or waiting.
 */
final class SlotGate extends HttpFilter {

    private final Slots queries;
    private final Slots heavy;
    private final int perClient;
    private final ClientAddress clients;
    private final Refusal refusal;

    SlotGate(EndpointLimits limits, ClientAddress clients, Refusal refusal) {
        long wait = limits.queueWaitSeconds() * 1000L;
        this.queries = new Slots(limits.maxConcurrentQueries(), limits.maxQueued(), limits.queriesPerClient(), wait);
        this.heavy = new Slots(limits.maxConcurrentHeavy(), limits.maxQueued(), limits.queriesPerClient(), wait);
        this.perClient = limits.queriesPerClient();
        this.clients = clients;
        this.refusal = refusal;
    }

    /** The query slots, for metrics to report on. */
    Slots queries() {
        return queries;
    }

    /** The slots of dumps and saved-query APIs, for metrics to report on. */
    Slots heavy() {
        return heavy;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CostClass cost = CostClass.of(request);
        if (!cost.costly()) {
            chain.doFilter(request, response);
            return;
        }
        Slots slots = cost == CostClass.QUERY ? queries : heavy;
        String client = clients.of(request);
        // said before asking: once queued, a slot's thread may answer it before admit returns here
        Answered.defer(request, true);
        Slots.Admission a = slots.admit(client, request, () -> later(request, response, chain), async -> {
            busy(response, slots);
            Answered.now(request);
        });
        if (a == Slots.Admission.QUEUED) {
            return;
        }
        Answered.defer(request, false);
        switch (a) {
            case RUN -> {
                try {
                    chain.doFilter(request, response);
                } finally {
                    slots.release(client);
                }
            }
            case CLIENT_BUSY -> {
                response.setHeader("Retry-After", "5");
                refusal.refuse(response, 429, "client-busy", "Too Many Requests", "this client has "
                        + perClient + " requests of this kind running or waiting; send the next when one is answered");
            }
            default -> busy(response, slots);
        }
    }

    /** A queued request, answered on a slot's thread; the slot is released and the request completed after. */
    private static void later(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
        boolean answered = false;
        try {
            chain.doFilter(request, response);
            answered = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!answered) {
                Answered.failed(request);
            }
            Answered.now(request);
        }
    }

    private void busy(HttpServletResponse response, Slots slots) {
        try {
            response.setHeader("Retry-After", "5");
            refusal.refuse(response, 503, "busy", "Service Unavailable",
                    "every slot for requests of this kind is taken and " + slots.queued()
                            + " are waiting; try again shortly");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
