package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The SPARQL 1.1 Protocol's rule for updates that name their dataset twice: a request with
 * {@code using-graph-uri} or {@code using-named-graph-uri} whose update also has {@code USING},
 * {@code USING NAMED} or {@code WITH} is a client error (400). Fuseki 5.6 answers it with 500, so
 * the check is made before Fuseki sees the request; the body it reads is kept for Fuseki.
 */
final class UpdateDataset {

    private static final Pattern OWN_DATASET = Pattern.compile("(?i)\\b(USING|WITH)\\b");

    private UpdateDataset() {}

    /**
     * The request, with its body kept, when it is consistent; null when it names its dataset both
     * ways.
     */
    static HttpServletRequest check(BoundedRequest request) throws IOException {
        if (request.getParameter("using-graph-uri") == null && request.getParameter("using-named-graph-uri") == null
                || !request.getRequestURI().endsWith("/update")) {
            return request;
        }
        String type = request.getContentType() == null ? "" : request.getContentType();
        if (type.startsWith("application/x-www-form-urlencoded")) {
            String update = request.getParameter("update");
            return update != null && OWN_DATASET.matcher(update).find() ? null : request;
        }
        byte[] body = request.readAll();
        if (OWN_DATASET.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
            return null;
        }
        return new BodyRequest(request, body);
    }
}
