package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The time a query takes to answer once it runs, in the metrics' histogram, with its status. */
final class QueryTimer extends HttpFilter {

    private final Metrics metrics;

    QueryTimer(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (CostClass.of(request) != CostClass.QUERY) {
            chain.doFilter(request, response);
            return;
        }
        long t0 = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            metrics.query(System.nanoTime() - t0, response.getStatus());
        }
    }
}
