package kz.ashyq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingFiles;

/**
 * {@code ashyq load --server URL}: each mapping is read here first (so its mistakes are found
 * and located as on the command line, before anything is sent), then sent with every file it
 * reads to {@code POST /admin/publish}, whose JSON-lines answer is printed as {@code ashyq load}
 * prints a local load. Exit codes are the same: 2 for bad input, the server's answer included.
 */
final class RemoteLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String token;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().build();

    RemoteLoader(String server, String token, PrintStream out, PrintStream err) {
        URI u;
        try {
            u = URI.create(server.endsWith("/") ? server : server + "/");
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--server " + server + ": not a URL");
        }
        if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
            throw new BadInputException("--server " + server + ": give the server's http:// or https:// address");
        }
        this.endpoint = u.resolve("admin/publish");
        this.token = token;
        this.out = out;
        this.err = err;
    }

    /** The admin token: from the file given, else from {@code ASHYQ_ADMIN_TOKEN}. */
    static String token(Path file) {
        String t;
        if (file != null) {
            try {
                t = Files.readString(file).strip();
            } catch (IOException e) {
                throw new BadInputException("--token-file " + file + ": " + e.getMessage());
            }
        } else {
            t = System.getenv("ASHYQ_ADMIN_TOKEN");
        }
        if (t == null || t.isBlank()) {
            throw new BadInputException("publishing through a server needs its admin token: set ASHYQ_ADMIN_TOKEN "
                    + "(or give --token-file FILE)");
        }
        return t.strip();
    }

    /**
     * Asks, with no files, whether the server takes the token: a server that refuses it answers
     * and closes while the files of a publication are still being sent, and the client then sees
     * a broken connection rather than the answer.
     */
    private int admitted() {
        HttpRequest ask = HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> r = send(ask, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 401 || r.statusCode() == 404) {
            err.println("ashyq: the server at " + endpoint.resolve("/") + " takes no publication: nothing published"
                    + hint(r.statusCode()));
            return Main.BAD_INPUT;
        }
        return Main.OK;
    }

    /** Sends a request; a server that does not answer is the run's failure (exit 1), with where. */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (ConnectException e) {
            throw new IllegalStateException("no server answers at " + endpoint.resolve("/") + ": is ashyq serve running?");
        } catch (IOException e) {
            throw new IllegalStateException("the server at " + endpoint.resolve("/") + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int load(List<Path> files, boolean lenient, boolean warnShapes, boolean allowShrink, boolean provenance) {
        List<Mapping> mappings = new ArrayList<>();
        for (Path f : files) {
            Mapping m = Mappings.read(f);
            m.datasetId();
            mappings.add(m);
        }
        out.printf("Publishing %d dataset%s through %s%n", mappings.size(), mappings.size() == 1 ? "" : "s",
                endpoint.resolve("/"));
        int code = admitted();
        if (code != Main.OK) {
            return code;
        }
        for (Mapping m : mappings) {
            int c = publish(m, lenient, warnShapes, allowShrink, provenance);
            code = code == Main.OK ? c : code;
        }
        return code;
    }

    private int publish(Mapping m, boolean lenient, boolean warnShapes, boolean allowShrink, boolean provenance) {
        Multipart body = new Multipart();
        body.file("mapping", m.file().getFileName().toString(), m.file());
        Path dir = m.file().toAbsolutePath().getParent();
        for (Path f : MappingFiles.of(m)) {
            String name = dir.relativize(f).toString().replace('\\', '/');
            body.file(name, f.getFileName().toString(), f);
        }
        body.text("lenient", Boolean.toString(lenient));
        body.text("warnShapes", Boolean.toString(warnShapes));
        body.text("allowShrink", Boolean.toString(allowShrink));
        body.text("provenance", Boolean.toString(provenance));
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + token)
                .header("Accept", "application/x-ndjson").header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                return refused(m.datasetId(), response.statusCode(), in.readAllBytes());
            }
            return events(m.datasetId(), new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("the server's answer broke off: " + e.getMessage()
                    + " (ashyq history tells whether the release was made)");
        }
    }

    /** What to check when the server refuses with {@code status}. */
    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (is ASHYQ_ADMIN_TOKEN the server's?)";
            case 404 -> " (the server publishes only when started with ASHYQ_ADMIN_TOKEN set)";
            default -> "";
        };
    }

    private int refused(String dataset, int status, byte[] body) {
        String detail = new String(body, StandardCharsets.UTF_8);
        try {
            detail = JSON.readTree(body).path("detail").asText(detail);
        } catch (IOException e) {
            // not a problem document: shown as it came
        }
        err.println("ashyq: " + dataset + " not published (the previous version, if any, is kept): " + detail
                + hint(status));
        return status >= 500 ? Main.FAILED : Main.BAD_INPUT;
    }

    private int events(String dataset, BufferedReader lines) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            JsonNode e = JSON.readTree(line);
            switch (e.path("event").asText()) {
                case "queued" -> {
                    if (e.path("waitingBefore").asInt() > 0) {
                        err.printf("  %-18s queued behind %d publication(s)%n", dataset, e.path("waitingBefore").asInt());
                    }
                }
                case "progress" -> err.printf("  %-18s %,10d rows %,12d triples  (%s)%n", dataset,
                        e.path("rows").asLong(), e.path("triples").asLong(), e.path("file").asText());
                case "published" -> {
                    e.path("lines").forEach(l -> out.println(l.asText()));
                    return Main.OK;
                }
                case "failed" -> {
                    err.println("ashyq: " + dataset + " not published (the previous version, if any, is kept): "
                            + e.path("message").asText());
                    return e.path("exit").asInt(Main.FAILED);
                }
                default -> {
                    // started, and events a newer server may add
                }
            }
        }
        throw new IllegalStateException("the server's answer ended before the publication did "
                + "(ashyq history tells whether the release was made)");
    }

    /** A {@code multipart/form-data} body (RFC 7578) whose files are streamed from disk. */
    private static final class Multipart {
        private final String boundary = "ashyq-" + UUID.randomUUID();
        private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        void file(String name, String filename, Path file) {
            parts.add(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name)
                    + "\"; filename=\"" + quoted(filename) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            try {
                parts.add(HttpRequest.BodyPublishers.ofFile(file));
            } catch (java.io.FileNotFoundException e) {
                throw new BadInputException(file + ": file not found");
            }
            parts.add(bytes("\r\n"));
        }

        void text(String name, String value) {
            parts.add(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n\r\n"
                    + value + "\r\n"));
        }

        HttpRequest.BodyPublisher publisher() {
            List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
            all.add(bytes("--" + boundary + "--\r\n"));
            return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
        }

        private static HttpRequest.BodyPublisher bytes(String s) {
            return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
        }

        private static String quoted(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
