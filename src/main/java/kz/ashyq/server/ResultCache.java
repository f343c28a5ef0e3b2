package kz.ashyq.server;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import kz.ashyq.store.DataVersion;

/**
 * Answers of the public endpoint kept for the same request on the same data: a government
 * endpoint is asked the same questions again and again (every visitor of an app that embeds a
 * query sends it), and the data changes only when a dataset is published. An answer is kept by
 * its request (path, query string, {@code Accept}) and tagged with the TDB2 data version taken
 * before the query ran; it is served only while the store is at that same version, so a load,
 * an update or a compaction makes every kept answer unusable at once. Only complete 200 answers
 * of GET requests up to a sixteenth of the budget (and 4 MB) are kept; errors, timeouts
 * and answers written as characters are not. The least recently used answers go first when the
 * byte budget is spent.
 */
final class ResultCache {

    /** An answer may take at most this fraction of the budget. */
    static final int MAX_ENTRY_SHARE = 16;
    /**
     * And at most this: less than the output buffer Fuseki gives a SPARQL answer (5 MB), so an
     * answer kept was never sent in part before it was complete, and one that failed late (a
     * timeout while writing) was replaced by its error, whose status is not kept.
     */
    static final long MAX_ENTRY = 4L << 20;
    /** Headers that belong to one response on one connection, never replayed. */
    private static final Set<String> NOT_KEPT = Set.of("content-length", "date", "connection", "transfer-encoding",
            "keep-alive", "server", "ashyq-cache", "access-control-allow-origin", "fuseki-request-id");

    private record Answer(DataVersion version, String contentType, List<String[]> headers, byte[] body) {}

    private final long budget;
    private final Supplier<DataVersion> version;
    private final Map<String, Answer> answers = new LinkedHashMap<>(64, 0.75f, true);
    private long used;

    /**
     * @param budget bytes of answers kept at most; 0 keeps none
     * @param version the data version a read starting now would see
     */
    ResultCache(long budget, Supplier<DataVersion> version) {
        this.budget = budget;
        this.version = version;
    }

    /**
     * What a request is kept by, or null when its answer is not kept: a SHA-256 of its path, query
     * string, {@code Accept} and {@code Accept-Encoding}, so that a key takes the same few bytes
     * however long the request line (Jetty accepts about 500 KB of it).
     */
    String key(HttpServletRequest request, String route) {
        boolean kept = switch (route) {
            case "/sparql" -> request.getQueryString() != null;
            case "/api", "/sitemap.xml" -> true;
            default -> false;
        };
        if (budget == 0 || !kept || !request.getMethod().equals("GET")) {
            return null;
        }
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : new String[] {request.getRequestURI(), request.getQueryString(), request.getHeader("Accept"),
                request.getHeader("Accept-Encoding")}) {
            sha.update((part == null ? "" : part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** The version of the data now, to tag an answer about to be computed. */
    DataVersion version() {
        return version.get();
    }

    /** Writes the kept answer for {@code key} at {@code now}, or returns false when there is none. */
    boolean serve(String key, DataVersion now, HttpServletResponse response) throws IOException {
        Answer a;
        synchronized (this) {
            a = answers.get(key);
            if (a != null && !a.version().equals(now)) {
                // from data the store no longer serves: its bytes go now, not when the budget runs out
                answers.remove(key);
                used -= size(a);
                a = null;
            }
        }
        if (a == null) {
            return false;
        }
        response.setStatus(200);
        for (String[] h : a.headers()) {
            response.addHeader(h[0], h[1]);
        }
        response.setContentType(a.contentType());
        response.setHeader("Ashyq-Cache", "hit");
        response.setContentLength(a.body().length);
        response.getOutputStream().write(a.body());
        return true;
    }

    /** A response that copies what is written to it, so that {@link #keep} can keep it. */
    Capture capture(HttpServletResponse response) {
        response.setHeader("Ashyq-Cache", "miss");
        return new Capture(response, Math.min(MAX_ENTRY, budget / MAX_ENTRY_SHARE));
    }

    /** Keeps the captured answer, if it is a complete 200 within the size an answer may have. */
    void keep(String key, DataVersion tag, Capture c) {
        byte[] body = c.body();
        if (body == null || c.getStatus() != 200 || c.getContentType() == null) {
            return;
        }
        List<String[]> headers = new ArrayList<>();
        for (String name : c.getHeaderNames()) {
            if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("content-type")) {
                for (String value : c.getHeaders(name)) {
                    headers.add(new String[] {name, value});
                }
            }
        }
        Answer a = new Answer(tag, c.getContentType(), headers, body);
        synchronized (this) {
            Answer old = answers.put(key, a);
            used += size(a) - (old == null ? 0 : size(old));
            var it = answers.values().iterator();
            while (used > budget && it.hasNext()) {
                used -= size(it.next());
                it.remove();
            }
        }
    }

    /** What an answer takes: its body, its headers and key as Java strings, and the entry's objects. */
    private static long size(Answer a) {
        long n = a.body().length + 2L * (64 + a.contentType().length()) + 256;
        for (String[] h : a.headers()) {
            n += 2L * (h[0].length() + h[1].length()) + 64;
        }
        return n;
    }

    /** Characters of the keys of the answers kept: a few dozen each, however long their requests. */
    synchronized long keyChars() {
        return answers.keySet().stream().mapToLong(String::length).sum();
    }

    /** Answers kept. */
    synchronized int size() {
        return answers.size();
    }

    /** Bytes the kept answers take, as counted against the budget. */
    synchronized long used() {
        return used;
    }

    /** The response, with a copy of its body as long as it stays within the limit. */
    static final class Capture extends HttpServletResponseWrapper {
        private final long limit;
        private ByteArrayOutputStream copy = new ByteArrayOutputStream(8192);
        private ServletOutputStream out;

        Capture(HttpServletResponse response, long limit) {
            super(response);
            this.limit = limit;
        }

        /** The body written, or null when it was too large or not written as bytes. */
        byte[] body() {
            return copy == null ? null : copy.toByteArray();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            copy = null;
            return super.getWriter();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            copy = null;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            copy = null;
            super.sendError(sc);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream real = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        real.write(b);
                        copy(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        real.write(b, off, len);
                        copy(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        real.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return out;
        }

        private void copy(byte[] b, int off, int len) {
            if (copy != null) {
                if (copy.size() + (long) len > limit) {
                    copy = null;
                } else {
                    copy.write(b, off, len);
                }
            }
        }
    }
}
