package kz.ashyq.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A stand-in for data.egov.kz, on 127.0.0.1: it replays a sample export in the shape of the
 * portal's API v4 ({@code api/v4/{dataset}/{version}?source={"size":N,"from":M}}, a JSON list of
 * records; {@code api/v4/mapping/{dataset}}; {@code meta/{dataset}/{version}}), and, when told, answers
 * with an error page, a page of HTML, or too late. It records every request, so that a test sees the
 * paging, the pacing and the key the client sent.
 */
final class PortalReplay implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The portal's own columns in a sample export: not records. */
    private static final Set<String> PORTAL = Set.of("source_url", "api_endpoint", "government_agency");

    /** What the next requests get instead of their answer. */
    enum Fault { NONE, ERROR_503, ERROR_500, HTML_PAGE, TOO_LATE }

    /** A request as it came: its path, its query decoded, and when (nanoTime). */
    record Request(String path, Map<String, String> query, long at) {}

    private final HttpServer server;
    private final Map<String, List<ObjectNode>> records = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> meta = new ConcurrentHashMap<>();
    private final Map<String, List<String>> versions = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile Fault always;
    private volatile long lateMs = 2_000;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    PortalReplay() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The portal's root URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Serves {@code csv}'s rows (a sample export) as the records of {@code dataset}, in the versions given. */
    PortalReplay dataset(String dataset, Path csv, ObjectNode description, String... versionNames) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            var parsed = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
            for (CSVRecord rec : parsed) {
                ObjectNode o = JSON.createObjectNode();
                parsed.getHeaderNames().stream().filter(h -> !PORTAL.contains(h))
                        .forEach(h -> o.put(h.replace("\uFEFF", ""), rec.get(h)));
                rows.add(o);
            }
        }
        records.put(dataset, new CopyOnWriteArrayList<>(rows));
        meta.put(dataset, description);
        versions.put(dataset, List.of(versionNames));
        return this;
    }

    /** The records served for {@code dataset}, to change between harvests. */
    List<ObjectNode> records(String dataset) {
        return records.get(dataset);
    }

    /** The next requests, one fault each, in order. */
    synchronized PortalReplay faults(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** Every request from now on gets {@code f}; null to answer again. */
    PortalReplay always(Fault f) {
        always = f;
        return this;
    }

    /** How late a {@link Fault#TOO_LATE} answer comes. */
    PortalReplay lateBy(long ms) {
        lateMs = ms;
        return this;
    }

    /** The requests for pages of records. */
    List<Request> pageRequests() {
        return requests.stream().filter(r -> r.path().startsWith("/api/v4/") && !r.path().startsWith("/api/v4/mapping/"))
                .toList();
    }

    private synchronized Fault nextFault() {
        return always != null ? always : faults.poll();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> query = new java.util.LinkedHashMap<>();
            String raw = ex.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String kv : raw.split("&")) {
                    int eq = kv.indexOf('=');
                    query.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String path = ex.getRequestURI().getPath();
            requests.add(new Request(path, query, System.nanoTime()));
            Fault f = nextFault();
            if (f != null && f != Fault.NONE) {
                switch (f) {
                    case ERROR_503 -> send(ex, 503, "text/html", "<html><body>Service Unavailable</body></html>");
                    case ERROR_500 -> send(ex, 500, "text/html", "<html><body>Internal Server Error</body></html>");
                    case HTML_PAGE -> send(ex, 200, "text/html", "<html><body>Ведутся технические работы</body></html>");
                    case TOO_LATE -> {
                        try {
                            Thread.sleep(lateMs);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        send(ex, 503, "text/plain", "late");
                    }
                    default -> throw new IllegalStateException();
                }
                return;
            }
            String[] parts = path.split("/");
            if (path.startsWith("/api/v4/mapping/") && parts.length == 5 && versions.containsKey(parts[4])) {
                ObjectNode o = JSON.createObjectNode();
                versions.get(parts[4]).forEach(v -> o.putObject(v).put("id", "integer"));
                send(ex, 200, "application/json", o.toString());
            } else if (path.startsWith("/meta/") && parts.length == 4 && versions.getOrDefault(parts[2], List.of())
                    .contains(parts[3])) {
                send(ex, 200, "application/json", meta.get(parts[2]).toString());
            } else if (path.startsWith("/api/v4/") && parts.length == 5 && versions.getOrDefault(parts[3], List.of())
                    .contains(parts[4])) {
                JsonNode source = JSON.readTree(query.getOrDefault("source", "{}"));
                int size = source.path("size").asInt(100);
                int from = source.path("from").asInt(0);
                List<ObjectNode> all = records.get(parts[3]);
                ArrayNode page = JSON.createArrayNode();
                all.subList(Math.min(from, all.size()), Math.min(from + size, all.size())).forEach(page::add);
                send(ex, 200, "application/json", page.toString());
            } else {
                send(ex, 404, "application/json", "{\"message\":\"not found\"}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
