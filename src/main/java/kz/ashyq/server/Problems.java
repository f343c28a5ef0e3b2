package kz.ashyq.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Refusals of the front filters as RFC 9457 {@code application/problem+json}, written by Jackson. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return; // an answer already on its way: nothing more can be said
        }
        response.resetBuffer();
        response.setStatus(status);
        // A refused request's body is left unread, and Jetty drops a connection with unread
        // content: saying so lets a client open a new one rather than send its next request on
        // this one and get no answer (the JDK's client did, now and then, after a 401).
        response.setHeader("Connection", "close");
        response.setContentType("application/problem+json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
