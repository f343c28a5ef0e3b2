import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop mixed load: N normal clients send requests taken at random (seeded) from one
 * file, H hostile clients send requests from another, all at once for a fixed time. Lines are
 * "ACCEPT<TAB>URL". Measures the normal requests only: prints one line with requests/s, median
 * and p99 latency in ms, 5xx answers, other failures, and hung requests (no answer within the
 * client timeout); then the hostile ones: sent, answered 2xx, refused (4xx/503), hung.
 * Usage: java Mixed.java NORMAL_FILE HOSTILE_FILE|- CLIENTS HOSTILE_CLIENTS SECONDS TIMEOUT_SECONDS
 */
public class Mixed {
    public static void main(String[] args) throws Exception {
        List<String[]> normal = lines(args[0]);
        List<String[]> hostile = args[1].equals("-") ? List.of() : lines(args[1]);
        int clients = Integer.parseInt(args[2]);
        int hostiles = hostile.isEmpty() ? 0 : Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[5]));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong e5xx = new AtomicLong(), eOther = new AtomicLong(), hung = new AtomicLong();
        AtomicLong hSent = new AtomicLong(), hOk = new AtomicLong(), hRefused = new AtomicLong(), hHung = new AtomicLong();
        long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients + hostiles);
        for (int c = 0; c < clients + hostiles; c++) {
            boolean bad = c >= clients;
            Random rnd = new Random(1000 + c);
            List<String[]> from = bad ? hostile : normal;
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String[] line = from.get(rnd.nextInt(from.size()));
                    HttpRequest req = HttpRequest.newBuilder(URI.create(line[1])).header("Accept", line[0])
                            .timeout(timeout).GET().build();
                    long t0 = System.nanoTime();
                    int status = -1;
                    boolean timedOut = false;
                    try {
                        status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (HttpTimeoutException e) {
                        timedOut = true;
                    } catch (Exception e) {
                        status = -1;
                    }
                    long t1 = System.nanoTime();
                    if (bad) {
                        hSent.incrementAndGet();
                        if (timedOut) {
                            hHung.incrementAndGet();
                        } else if (status / 100 == 2) {
                            hOk.incrementAndGet();
                        } else {
                            hRefused.incrementAndGet();
                        }
                        continue;
                    }
                    if (t0 < warmEnd || t1 > end) {
                        continue;
                    }
                    latencies.add(t1 - t0);
                    if (timedOut) {
                        hung.incrementAndGet();
                    } else if (status / 100 == 5) {
                        e5xx.incrementAndGet();
                    } else if (status / 100 != 2) {
                        eOther.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 2 + timeout.toSeconds() + 10, TimeUnit.SECONDS);
        pool.shutdownNow();
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        double p50 = l.isEmpty() ? 0 : l.get(l.size() / 2) / 1e6;
        double p99 = l.isEmpty() ? 0 : l.get(Math.min(l.size() - 1, (int) (l.size() * 0.99))) / 1e6;
        System.out.printf("%.1f %.2f %.2f %d %d %d %d %d %d %d%n", l.size() / (double) seconds, p50, p99, e5xx.get(),
                eOther.get(), hung.get(), hSent.get(), hOk.get(), hRefused.get(), hHung.get());
        System.exit(0);
    }

    private static List<String[]> lines(String file) throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String s : Files.readAllLines(Path.of(file))) {
            if (!s.isBlank()) {
                out.add(s.split("\t", 2));
            }
        }
        return out;
    }
}
