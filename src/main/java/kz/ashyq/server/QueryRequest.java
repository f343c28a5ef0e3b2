package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import kz.ashyq.config.EndpointLimits;

/**
 * The SPARQL text of a query request, checked before anything parses it: its body within the
 * byte cap, and its query within the character limit however it is sent (in the URL, a form
 * or a {@code application/sparql-query} body). Parsing costs more than reading (a megabyte of
 * query took 3 s of CPU), so a POSTed query is held to the same length as a GET one.
 */
final class QueryRequest {

    private QueryRequest() {}

    /** The request to hand on (its body read, when it had one), or null when it was refused. */
    static HttpServletRequest check(BoundedRequest request, EndpointLimits limits, Refusal refusal,
            HttpServletResponse response) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        boolean body = request.getMethod().equals("POST") && !type.startsWith("application/x-www-form-urlencoded");
        if (!body) {
            String query;
            try {
                query = request.getParameter("query");
            } catch (RuntimeException e) {
                // Jetty stops reading a form at the context's limit, which is the body cap
                return tooLarge(limits, refusal, response);
            }
            return query == null || within(query.length(), limits, refusal, response) ? request : null;
        }
        byte[] bytes;
        try {
            bytes = request.readAll();
        } catch (BoundedRequest.TooLarge e) {
            return tooLarge(limits, refusal, response);
        }
        int chars = new String(bytes, StandardCharsets.UTF_8).length();
        return within(chars, limits, refusal, response) ? new BodyRequest(request, bytes) : null;
    }

    private static boolean within(int chars, EndpointLimits limits, Refusal refusal,
            HttpServletResponse response) throws IOException {
        if (chars <= limits.maxQueryLength()) {
            return true;
        }
        refusal.refuse(response, 414, "length", "Query Too Long",
                "the query has " + chars + " characters; at most " + limits.maxQueryLength() + " are taken");
        return false;
    }

    private static HttpServletRequest tooLarge(EndpointLimits limits, Refusal refusal,
            HttpServletResponse response) throws IOException {
        refusal.refuse(response, 413, "body", "Content Too Large",
                "the request body is larger than " + limits.maxBodyBytes() + " bytes");
        return null;
    }
}
