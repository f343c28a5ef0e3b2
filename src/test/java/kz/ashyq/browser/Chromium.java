package kz.ashyq.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, with the JDK's client): load
 * a page, run JavaScript in it, collect console errors, take screenshots. Debian's
 * {@code chromium} is started with the flags a closed network needs and a fresh profile.
 */
public final class Chromium implements AutoCloseable {

    /** Where Debian installs it; {@code ASHYQ_CHROMIUM} overrides. */
    public static Path executable() {
        String env = System.getenv("ASHYQ_CHROMIUM");
        return Path.of(env != null && !env.isBlank() ? env : "/usr/bin/chromium");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean loaded;

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium with a new empty profile and opens one page. */
    public static Chromium start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ashyq-chromium");
        Process p = new ProcessBuilder(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1280,900", "about:blank").redirectErrorStream(true).start();
        String browserWs = waitForDevTools(p);
        URI base = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        // a page target: its own WebSocket, no session multiplexing needed
        HttpResponse<String> target = http.send(HttpRequest.newBuilder(URI.create("http://" + base.getAuthority()
                + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String pageWs = JSON.readTree(target.body()).get("webSocketDebuggerUrl").asText();
        Listener listener = new Listener();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), listener).join();
        Chromium c = new Chromium(p, profile, ws);
        listener.owner = c;
        c.send("Page.enable", Map.of());
        c.send("Runtime.enable", Map.of());
        c.send("Log.enable", Map.of());
        return c;
    }

    private static String waitForDevTools(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // Chromium's own chatter; read so its pipe never fills
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("Chromium ended before opening DevTools:\n" + seen);
    }

    /** Sends a DevTools command and waits for its result. */
    public JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(msg.toString(), true).join();
        try {
            JsonNode reply = f.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.get("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed", e);
        }
    }

    /** Loads a URL and waits for its load event. */
    public void open(String url) {
        loaded = false;
        send("Page.navigate", Map.of("url", url));
        waitFor(() -> loaded, Duration.ofSeconds(30), "load of " + url);
    }

    /** Evaluates JavaScript in the page (promises awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until a JavaScript expression is true in the page. */
    public void waitUntil(String expression, Duration timeout) {
        waitFor(() -> eval("Boolean(" + expression + ")").asBoolean(), timeout, expression);
    }

    /** Sets the viewport, for phone-width checks. */
    public void viewport(int width, int height) {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Saves a PNG of the viewport. */
    public void screenshot(Path file) throws IOException {
        JsonNode r = send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** Console errors, uncaught exceptions and failed loads seen since the last call. */
    public List<String> takeErrors() {
        synchronized (errors) {
            List<String> out = new ArrayList<>(errors);
            errors.clear();
            return out;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void onMessage(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
                return;
            }
            String method = msg.path("method").asText();
            JsonNode params = msg.path("params");
            switch (method) {
                case "Page.loadEventFired" -> loaded = true;
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(params.path("type").asText())) {
                        errors.add("console.error: " + params.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if ("error".equals(params.path("entry").path("level").asText())) {
                        errors.add("log: " + params.path("entry").path("text").asText() + " "
                                + params.path("entry").path("url").asText());
                    }
                }
                default -> { }
            }
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteProfile();
        }
    }

    /**
     * Removes the throwaway profile. Chromium's helper processes can outlive the browser by a
     * moment and still write cache files while the tree is walked, so files vanishing mid-walk
     * are retried, and a profile left behind in the temp directory fails no test.
     */
    private void deleteProfile() {
        for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Joins a message's frames, then hands it on. */
    private static final class Listener implements WebSocket.Listener {
        volatile Chromium owner;
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                owner.onMessage(text);
            }
            ws.request(1);
            return null;
        }
    }
}
