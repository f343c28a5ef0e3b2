package kz.ashyq.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/** A small HTTP client for tests: no redirects followed, so 303s can be checked. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String root;

    Http(int port) {
        this.root = "http://localhost:" + port;
    }

    String root() {
        return root;
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits, up to a minute, until {@code /metrics} has the line {@code line}: for example a
     * query holding its slot, {@code ashyq_requests_running{kind="query"} 1}.
     */
    void awaitMetric(String line) {
        long end = System.nanoTime() + 60_000_000_000L;
        String body = "";
        while (System.nanoTime() < end) {
            body = get("/metrics").body();
            if (body.lines().anyMatch(line::equals)) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polls the condition
        }
        throw new AssertionError("not within a minute: " + line + " in\n" + body);
    }

    /** Runs a SELECT query against /sparql over HTTP (SPARQL 1.1 Protocol). */
    List<QuerySolution> select(String query) {
        return select("/sparql", query);
    }

    /** Runs a SELECT query against an endpoint path over HTTP. */
    List<QuerySolution> select(String endpoint, String query) {
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(root + endpoint).query(query).build()) {
            ResultSet rs = qe.execSelect();
            List<QuerySolution> out = new ArrayList<>();
            rs.forEachRemaining(out::add);
            return out;
        }
    }

    long count(String query) {
        return select(query).get(0).getLiteral("n").getLong();
    }

    /** GET as bytes. */
    HttpResponse<byte[]> bytes(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(root + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
