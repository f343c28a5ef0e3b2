package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import kz.ashyq.config.EndpointLimits;

/**
 * The size of what a client sends, outside the admin routes (which have the upload cap, see
 * {@link AdminGuard}): a body over the cap is refused with 413 when it says its length, and
 * counted while read when it does not; a query is held to the character limit however it is
 * sent ({@link QueryRequest}).
 */
final class RequestSize extends HttpFilter {

    private final EndpointLimits limits;
    private final Refusal refusal;

    RequestSize(EndpointLimits limits, Refusal refusal) {
        this.limits = limits;
        this.refusal = refusal;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CostClass cost = CostClass.of(request);
        if (cost == CostClass.ADMIN) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            refusal.refuse(response, 413, "body", "Content Too Large", "the request body is larger than "
                    + limits.maxBodyBytes() + " bytes");
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, limits.maxBodyBytes());
        HttpServletRequest checked = cost == CostClass.QUERY
                ? QueryRequest.check(bounded, limits, refusal, response) : bounded;
        if (checked != null) {
            chain.doFilter(checked, response);
        }
    }
}
