package kz.ashyq.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import kz.ashyq.store.Part;
import kz.ashyq.store.Replay;

/** A publisher's snapshot ({@code /admin/snapshot}), fetched part by part over HTTP for a new replica. */
final class Snapshots {

    private final String url;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Snapshots(String url, Optional<String> token) {
        this.url = url;
        this.token = token;
    }

    private HttpRequest request(Part part) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + (url.contains("?") ? "&" : "?") + "part=" + part.label()))
                .GET();
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b.build();
    }

    /**
     * What a part's snapshot held, and the offset of the last change it includes in the topic
     * (-1 when the publisher did not know it).
     */
    record Restored(Replay.Applied applied, long offset) {}

    /** Fetches a part's snapshot and applies it to the empty replica. */
    Restored restore(Part part, Replay replay) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(request(part), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            check(r);
            long seq = r.headers().firstValue("Ashyq-Change").map(Long::parseLong)
                    .orElseThrow(() -> new IOException("the snapshot has no Ashyq-Change header"));
            long offset = r.headers().firstValue("Ashyq-Offset").map(Long::parseLong).orElse(-1L);
            return new Restored(replay.restore(part, body, seq, -1), offset);
        }
    }

    private static void check(HttpResponse<InputStream> r) throws IOException {
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + r.uri());
        }
    }
}
