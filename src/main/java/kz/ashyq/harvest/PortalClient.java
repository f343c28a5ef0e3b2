package kz.ashyq.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import kz.ashyq.config.Harvesting;

/**
 * data.egov.kz's API, version 4, as a client that is polite and patient: one request at a time,
 * each at least {@link Harvesting#pause()} after the answer to the one before; errors of the portal, refusals for too many requests,
 * timeouts and broken connections tried again after a back-off that doubles (or what the portal's
 * {@code Retry-After} asks, when longer). The API key goes into the URL, as the portal wants it,
 * and into nothing else: every message shows the URL with {@code apiKey=REDACTED}.
 *
 * <p>The calls: {@code api/v4/mapping/{dataset}} (the versions the portal has),
 * {@code meta/{dataset}/{version}} (titles, agency, column labels) and
 * {@code api/v4/{dataset}/{version}?source={"size":N,"from":M}} (a page of records).
 */
public final class PortalClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Harvesting settings;
    private final String apiKey;
    private final Consumer<String> log;
    private final HttpClient http;
    private long lastRequest;

    /**
     * @param apiKey the portal's API key, or null to ask without one (the portal refuses records
     *     without one; a mirror may not)
     * @param log where retries are told, one line each
     */
    public PortalClient(Harvesting settings, String apiKey, Consumer<String> log) {
        this.settings = settings;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The portal's page of a dataset, where people read about it. */
    public URI page(String dataset) {
        return settings.portal().resolve("datasets/view?index=" + enc(dataset));
    }

    /** The latest version the portal has of {@code dataset} ({@code v10} before {@code v2}). */
    public String latestVersion(String dataset) {
        JsonNode versions = get(settings.portal().resolve("api/v4/mapping/" + enc(dataset)), "the versions of " + dataset)
                .orElseThrow(() -> new PortalException("the portal has no dataset '" + dataset + "'", true));
        int best = -1;
        for (var it = versions.fieldNames(); it.hasNext();) {
            String v = it.next();
            if (v.matches("v\\d{1,6}")) {
                best = Math.max(best, Integer.parseInt(v.substring(1)));
            }
        }
        if (best < 0) {
            throw new PortalException("the portal names no version (v1, v2, ...) of '" + dataset
                    + "': give one with --version", true);
        }
        return "v" + best;
    }

    /** The portal's description of a version of a dataset, when it has one. */
    public Optional<JsonNode> meta(String dataset, String version) {
        return get(settings.portal().resolve("meta/" + enc(dataset) + "/" + enc(version)), "the metadata of " + dataset)
                .filter(JsonNode::isObject);
    }

    /**
     * Every record of a version of a dataset, page by page, in the portal's order.
     *
     * @return the pages asked for
     */
    public int records(String dataset, String version, Consumer<JsonNode> each) {
        int size = settings.pageSize();
        JsonNode previous = null;
        for (int page = 0;; page++) {
            String source = "{\"size\":" + size + ",\"from\":" + (long) page * size + "}";
            URI uri = settings.portal().resolve("api/v4/" + enc(dataset) + "/" + enc(version) + "?"
                    + (apiKey == null ? "" : "apiKey=" + enc(apiKey) + "&") + "source=" + enc(source));
            JsonNode records = get(uri, "records of " + dataset + " " + version)
                    .orElseThrow(() -> new PortalException("the portal has no version " + version + " of '" + dataset
                            + "'", true));
            if (!records.isArray()) {
                throw new PortalException(redact(uri) + " answered " + abbreviate(records.toString())
                        + " where a list of records belongs", false);
            }
            if (records.size() == size && records.equals(previous)) {
                throw new PortalException(redact(uri) + " answered the page before it again: the portal ignores paging",
                        false);
            }
            records.forEach(each);
            if (records.size() < size) {
                return page + 1;
            }
            previous = records;
        }
    }

    /** The JSON at {@code uri}; empty when the portal says there is none (404). */
    private Optional<JsonNode> get(URI uri, String what) {
        String failure = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            long waitMs = settings.backoff().toMillis() << Math.min(attempt - 1, 16);
            try {
                pace();
                HttpResponse<byte[]> r;
                try {
                    r = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                            .header("Accept", "application/json").header("User-Agent", "Ashyq harvester").GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                } finally {
                    // the pause runs from the end of an answer: the portal never has two of ours at once
                    lastRequest = System.nanoTime();
                }
                int status = r.statusCode();
                if (status == 404) {
                    return Optional.empty();
                }
                if (status == 401 || status == 403) {
                    throw new PortalException(redact(uri) + " refused " + what + " (HTTP " + status + "): "
                            + (apiKey == null ? "set the API key in ASHYQ_EGOV_API_KEY" : "check the API key"), true);
                }
                if (status == 429 || status >= 500) {
                    failure = "HTTP " + status;
                    waitMs = Math.max(waitMs, retryAfterMs(r));
                } else if (status >= 400) {
                    throw new PortalException(redact(uri) + " refused " + what + " (HTTP " + status + ")", true);
                } else {
                    try {
                        return Optional.of(JSON.readTree(r.body()));
                    } catch (IOException e) {
                        // an error page served as a success: the portal's, tried again
                        failure = "not JSON: " + abbreviate(new String(r.body(), StandardCharsets.UTF_8));
                    }
                }
            } catch (java.net.http.HttpTimeoutException e) {
                failure = "no answer in " + settings.timeout().toMillis() + " ms";
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redactText(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortalException("interrupted while asking " + redact(uri), false);
            }
            if (attempt < settings.attempts()) {
                log.accept("ashyq: " + redact(uri) + ": " + failure + "; trying again in " + waitMs + " ms (attempt "
                        + (attempt + 1) + " of " + settings.attempts() + ")");
                sleep(waitMs);
            }
        }
        throw new PortalException(redact(uri) + " failed " + settings.attempts() + " times for " + what + ", last: "
                + failure, false);
    }

    /** Waits until the pause since the last answer has passed. */
    private void pace() throws InterruptedException {
        long due = lastRequest + settings.pause().toNanos();
        long now = System.nanoTime();
        if (lastRequest != 0 && due > now) {
            Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
        }
    }

    private static long retryAfterMs(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,4}"))
                .map(v -> Long.parseLong(v) * 1000).orElse(0L);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalException("interrupted while waiting to try the portal again", false);
        }
    }

    /** {@code uri} with its API key replaced, fit for a message or a log. */
    static String redact(URI uri) {
        return redactText(uri.toString());
    }

    private static String redactText(String s) {
        return s.replaceAll("(?i)(apiKey=)[^&\\s]*", "$1REDACTED");
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
