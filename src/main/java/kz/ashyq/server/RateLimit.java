package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import kz.ashyq.config.EndpointLimits;

/**
 * Requests per client and minute: one budget for pages, one for queries, dumps and saved-query
 * APIs; free routes (static files, health, metrics) and the admin routes have none.
 */
final class RateLimit extends HttpFilter {

    private final RateWindows pages;
    private final RateWindows queries;
    private final ClientAddress clients;
    private final Refusal refusal;

    RateLimit(EndpointLimits limits, ClientAddress clients, Refusal refusal) {
        this.pages = new RateWindows(limits.pagesPerMinute());
        this.queries = new RateWindows(limits.requestsPerMinute());
        this.clients = clients;
        this.refusal = refusal;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CostClass cost = CostClass.of(request);
        RateWindows rate = cost == CostClass.PAGE ? pages : cost.costly() ? queries : null;
        String client = clients.of(request);
        if (rate == null || rate.allow(client)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "60");
        refusal.refuse(response, 429, "rate", "Too Many Requests", "more than " + rate.perMinute()
                + " requests of this kind a minute from " + client);
    }
}
