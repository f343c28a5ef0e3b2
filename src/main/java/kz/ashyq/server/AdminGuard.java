package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Update and the Graph Store Protocol under {@code /admin}: only with the bearer token, compared
 * in constant time; bodies up to the upload cap, counted while read; a write that succeeds moves
 * the store's Last-Modified and refreshes the search index, so that caches and search see the change.
 */
final class AdminGuard extends jakarta.servlet.http.HttpFilter {

    private final Optional<String> token;
    private final Runnable changed;
    private final long maxUploadBytes;
    private final Refusal refusal;

    private final AdminRoutes routes;

    AdminGuard(Optional<String> token, Runnable changed, long maxUploadBytes, Refusal refusal,
            AdminRoutes routes) {
        this.routes = routes;
        this.token = token;
        this.changed = changed;
        this.maxUploadBytes = maxUploadBytes;
        this.refusal = refusal;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (CostClass.of(request) == CostClass.ADMIN) {
            admin(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void admin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (token.isEmpty()) {
            refusal.refuse(response, 404, "admin", "Not Found",
                    "updates are not enabled on this server (no ASHYQ_ADMIN_TOKEN)");
            return;
        }
        if (!authorised(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ashyq admin\"");
            refusal.refuse(response, 401, "credential", "Unauthorized",
                    "updates need the admin token: Authorization: Bearer <token> (ASHYQ_ADMIN_TOKEN of the server)");
            return;
        }
        if (request.getContentLengthLong() > maxUploadBytes) {
            tooLarge(response);
            return;
        }
        if (routes.replicaOf().isPresent()) {
            refusal.refuse(response, 403, "replica", "Forbidden", "this server is a read replica following "
                    + routes.replicaOf().get() + ": send updates and publications to the publishing server");
            return;
        }
        if (request.getRequestURI().equals(PublishEndpoint.PATH) && routes.publish() != null) {
            routes.publish().handle(request, response, refusal);
            return;
        }
        if (request.getRequestURI().equals(SnapshotEndpoint.PATH) && routes.snapshot().isPresent()) {
            routes.snapshot().get().handle(request, response, refusal);
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, maxUploadBytes);
        HttpServletRequest checked;
        try {
            checked = UpdateDataset.check(bounded);
        } catch (BoundedRequest.TooLarge e) {
            tooLarge(response);
            return;
        }
        if (checked == null) {
            refusal.refuse(response, 400, "update", "Bad Request", "the request names the update's dataset with "
                    + "using-graph-uri or using-named-graph-uri, and the update names it too with USING or WITH");
            return;
        }
        chain.doFilter(checked, new CapAware(response, bounded));
        if (bounded.exceeded()) {
            tooLarge(response); // Fuseki stopped at the cap and answered with an error of its own, held back
            return;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD") && response.getStatus() < 300) {
            changed.run();
        }
    }

    /** {@code Bearer <token>}; the scheme's name in any case, as RFC 9110 has it. */
    private boolean authorised(String auth) {
        return auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(auth.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                        token.get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The response as Fuseki sees it: once the body has gone past the cap, what Fuseki answers
     * (a parse error, as the body ended early for it) is held back, so that the guard says 413.
     */
    private static final class CapAware extends jakarta.servlet.http.HttpServletResponseWrapper {
        private final BoundedRequest request;

        CapAware(HttpServletResponse response, BoundedRequest request) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (!request.exceeded()) {
                super.sendError(sc, msg);
            }
        }

        @Override
        public void sendError(int sc) throws IOException {
            if (!request.exceeded()) {
                super.sendError(sc);
            }
        }

        @Override
        public void setStatus(int sc) {
            if (!request.exceeded()) {
                super.setStatus(sc);
            }
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            return request.exceeded() ? new jakarta.servlet.ServletOutputStream() {
                @Override
                public void write(int b) {
                    // held back: the guard answers 413
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    throw new UnsupportedOperationException("blocking writes only");
                }
            } : super.getOutputStream();
        }

        @Override
        public java.io.PrintWriter getWriter() throws IOException {
            return request.exceeded() ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : super.getWriter();
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        refusal.refuse(response, 413, "body", "Content Too Large",
                "the request body is larger than " + maxUploadBytes + " bytes");
    }
}
