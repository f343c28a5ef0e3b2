package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import kz.ashyq.sparql.Pacing;

/**
 * Every request is known to {@link Pacing} while it is answered, on the thread that answers it,
 * so that a long query yields to it; a request that holds a slot is one whose query may go to
 * the background, and is stopped a second past the timeout. Behind the slots, so that a query's
 * clocks start when it runs, not when it began to wait.
 */
final class Paced extends HttpFilter {

    private final Pacing pacing;

    Paced(Pacing pacing) {
        this.pacing = pacing;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Pacing.Ticket ticket = pacing.begin();
        try {
            if (CostClass.of(request).costly()) {
                pacing.started(ticket);
            }
            chain.doFilter(request, response);
        } finally {
            pacing.end(ticket);
        }
    }
}
