package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;

/**
 * Caps the rows a query returns: a query (in {@code ?query=}, GET or form POST) without a
 * {@code LIMIT}, or with a larger one, gets the cap as its limit, and the answer carries
 * {@code Ashyq-Result-Limit} so that a client knows to page with {@code LIMIT}/{@code OFFSET}.
 * Queries that do not parse are left for Fuseki to refuse with its own message.
 */
final class ResultCap extends jakarta.servlet.http.HttpFilter {

    private final long max;

    ResultCap(long max) {
        this.max = max;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, jakarta.servlet.FilterChain chain)
            throws IOException, jakarta.servlet.ServletException {
        chain.doFilter(CostClass.of(request) == CostClass.QUERY ? apply(request, response, max) : request, response);
    }

    /** The query with the cap as its limit, or null when it needs none (or does not parse). */
    private static String cap(String text, HttpServletResponse response, long max) {
        Query query;
        try {
            query = QueryFactory.create(text);
        } catch (QueryParseException e) {
            return null;
        }
        if (query.isAskType() || (query.hasLimit() && query.getLimit() <= max)) {
            return null;
        }
        query.setLimit(max);
        response.setHeader("Ashyq-Result-Limit", Long.toString(max));
        return query.serialize();
    }

    /** A query sent as the body ({@code application/sparql-query}), capped the same way. */
    private static HttpServletRequest body(HttpServletRequest request, HttpServletResponse response, long max)
            throws IOException {
        byte[] raw = request.getInputStream().readAllBytes();
        String capped = cap(new String(raw, StandardCharsets.UTF_8), response, max);
        byte[] bytes = capped == null ? raw : capped.getBytes(StandardCharsets.UTF_8);
        return new BodyRequest(request, bytes);
    }

    static HttpServletRequest apply(HttpServletRequest request, HttpServletResponse response, long max)
            throws IOException {
        String type = request.getContentType();
        if (type != null && type.startsWith("application/sparql-query")) {
            return body(request, response, max);
        }
        String text = request.getParameter("query");
        if (text == null) {
            return request;
        }
        String capped = cap(text, response, max);
        if (capped == null) {
            return request;
        }
        Map<String, String[]> params = new HashMap<>(request.getParameterMap());
        params.put("query", new String[] {capped});
        Map<String, String[]> frozen = Collections.unmodifiableMap(params);
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String[] v = frozen.get(name);
                return v == null || v.length == 0 ? null : v[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return frozen;
            }

            @Override
            public String[] getParameterValues(String name) {
                String[] v = frozen.get(name);
                return v == null ? null : Arrays.copyOf(v, v.length);
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(frozen.keySet());
            }
        };
    }
}
