package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outermost of the front's filters: once a request is answered (on this thread, or later on a
 * slot's, see {@link Answered}), it counts it in metrics by route and status and writes one
 * access-log line with the client, the time taken and the bytes sent.
 */
final class AccessLog extends HttpFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("kz.ashyq.access");

    private final Metrics metrics;
    private final ClientAddress clients;

    AccessLog(Metrics metrics, ClientAddress clients) {
        this.metrics = metrics;
        this.clients = clients;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        String client = clients.of(request);
        Answered.then(request, () -> log(request, response, client, started));
        boolean answered = false;
        try {
            chain.doFilter(request, response);
            answered = true;
        } finally {
            if (!answered) {
                Answered.failed(request);
            }
            if (!Answered.deferred(request)) {
                Answered.now(request);
            }
        }
    }

    private void log(HttpServletRequest request, HttpServletResponse response, String client, long started) {
        int status = response.getStatus();
        metrics.request(CostClass.route(request.getRequestURI()), status);
        ACCESS.info("{} {} {} {} {} ms {} B", client, request.getMethod(), request.getRequestURI(), status,
                (System.nanoTime() - started) / 1_000_000, bytesWritten(response));
    }

    /** The bytes of the response's body, as Jetty counted them (before any compression), or -1. */
    private static long bytesWritten(HttpServletResponse response) {
        ServletContextResponse r = ServletContextResponse.getServletContextResponse(response);
        return r == null ? -1 : r.getHttpOutput().getWritten();
    }
}
