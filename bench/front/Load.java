import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load: N clients, each sending its next request as soon as the last answer
 * is read, for a fixed time, over URLs taken at random (seeded) from a file. Prints one line:
 * requests/s, median and p99 latency in ms, errors (non-2xx or failed), bytes per answer.
 * Usage: java Load.java URLS_FILE ACCEPT CLIENTS SECONDS
 */
public class Load {
    public static void main(String[] args) throws Exception {
        List<String> urls = Files.readAllLines(Path.of(args[0]));
        String accept = args[1];
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        // warm-up: the first requests of a JVM compile code, for both servers alike
        long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            Random rnd = new Random(1000 + c);
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String url = urls.get(rnd.nextInt(urls.size()));
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                            .timeout(Duration.ofSeconds(60)).GET().build();
                    long t0 = System.nanoTime();
                    boolean ok;
                    long size = 0;
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        ok = r.statusCode() / 100 == 2;
                        size = r.body().length;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= warmEnd) {
                        latencies.add(t1 - t0);
                        bytes.addAndGet(size);
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, java.util.concurrent.TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n == 0 ? 0 : sorted.get(n / 2) / 1e6;
        double p99 = n == 0 ? 0 : sorted.get(Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)) / 1e6;
        System.out.printf("%.1f %.2f %.2f %d %d%n", n / (double) seconds, median, p99, errors.get(),
                n == 0 ? 0 : bytes.get() / n);
    }
}
