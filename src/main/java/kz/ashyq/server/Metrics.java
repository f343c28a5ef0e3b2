package kz.ashyq.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and a query-time histogram, written in the Prometheus text format. */
public final class Metrics {

    /** Upper bounds of the query time buckets, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder[] queryBuckets = new LongAdder[BUCKETS.length + 1];
    private final LongAdder queryCount = new LongAdder();
    private final LongAdder queryMicros = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private volatile java.util.function.LongSupplier cacheBytes = () -> 0;
    private volatile java.util.function.IntSupplier publicationsWaiting = () -> 0;
    private volatile Slots querySlots;
    private volatile Slots heavySlots;

    private final kz.ashyq.sparql.Pacing pacing;

    /** Empty counters. */
    public Metrics() {
        this(null);
    }

    /** Empty counters, and the pacing of long queries to report on. */
    Metrics(kz.ashyq.sparql.Pacing pacing) {
        this.pacing = pacing;
        for (int i = 0; i < queryBuckets.length; i++) {
            queryBuckets[i] = new LongAdder();
        }
    }

    void request(String route, int status) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
    }

    void query(long nanos, int status) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        queryBuckets[i].increment();
        queryCount.increment();
        queryMicros.add(nanos / 1000);
        if (status == 503) {
            timeouts.increment();
        }
    }

    /** A query answered from the result cache ({@code hit}) or run and offered to it. */
    void cache(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    /** Where the bytes the result cache counts come from, once it exists. */
    void cacheBytes(java.util.function.LongSupplier bytes) {
        this.cacheBytes = bytes;
    }

    /** Where the count of publications waiting in the queue comes from. */
    void publicationsWaiting(java.util.function.IntSupplier waiting) {
        this.publicationsWaiting = waiting;
    }

    /** The slots of queries and of dumps and saved-query APIs, whose use is reported as gauges. */
    void slots(Slots queries, Slots heavy) {
        this.querySlots = queries;
        this.heavySlots = heavy;
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** The counters in Prometheus text format, with extra gauges appended by the caller. */
    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP ashyq_http_requests_total HTTP requests by route and status.\n");
        sb.append("# TYPE ashyq_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            String[] rs = k.split("\u0000");
            sb.append("ashyq_http_requests_total{route=\"").append(rs[0]).append("\",status=\"").append(rs[1])
                    .append("\"} ").append(v.sum()).append('\n');
        });
        sb.append("# HELP ashyq_sparql_query_seconds Time to answer SPARQL queries.\n");
        sb.append("# TYPE ashyq_sparql_query_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += queryBuckets[i].sum();
            sb.append("ashyq_sparql_query_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative)
                    .append('\n');
        }
        cumulative += queryBuckets[BUCKETS.length].sum();
        sb.append("ashyq_sparql_query_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        sb.append("ashyq_sparql_query_seconds_sum ").append(queryMicros.sum() / 1e6).append('\n');
        sb.append("ashyq_sparql_query_seconds_count ").append(queryCount.sum()).append('\n');
        sb.append("# HELP ashyq_sparql_cache_total Queries of /sparql looked up in the result cache, by outcome.\n");
        sb.append("# TYPE ashyq_sparql_cache_total counter\n");
        sb.append("ashyq_sparql_cache_total{outcome=\"hit\"} ").append(cacheHits.sum()).append('\n');
        sb.append("ashyq_sparql_cache_total{outcome=\"miss\"} ").append(cacheMisses.sum()).append('\n');
        sb.append("# HELP ashyq_result_cache_bytes Bytes the kept answers take: bodies, headers, keys.\n");
        sb.append("# TYPE ashyq_result_cache_bytes gauge\n");
        sb.append("ashyq_result_cache_bytes ").append(cacheBytes.getAsLong()).append('\n');
        sb.append("# HELP ashyq_publications_waiting Publications queued behind the one being published.\n");
        sb.append("# TYPE ashyq_publications_waiting gauge\n");
        sb.append("ashyq_publications_waiting ").append(publicationsWaiting.getAsInt()).append('\n');
        sb.append("# HELP ashyq_sparql_timeouts_total Queries stopped at the timeout.\n");
        sb.append("# TYPE ashyq_sparql_timeouts_total counter\n");
        sb.append("ashyq_sparql_timeouts_total ").append(timeouts.sum()).append('\n');
        if (pacing != null) {
            sb.append("# HELP ashyq_background_requests_total Requests that ran long enough to go to the background.\n");
            sb.append("# TYPE ashyq_background_requests_total counter\n");
            sb.append("ashyq_background_requests_total ").append(pacing.backgrounded()).append('\n');
            sb.append("# HELP ashyq_background_pauses_total Pauses background queries made for other requests.\n");
            sb.append("# TYPE ashyq_background_pauses_total counter\n");
            sb.append("ashyq_background_pauses_total ").append(pacing.pauses()).append('\n');
        }
        slotGauges(sb);
        sb.append("# HELP ashyq_rejected_requests_total Requests refused by a limit, by reason.\n");
        sb.append("# TYPE ashyq_rejected_requests_total counter\n");
        new TreeMap<>(rejected).forEach((k, v) -> sb.append("ashyq_rejected_requests_total{reason=\"").append(k)
                .append("\"} ").append(v.sum()).append('\n'));
        return sb.toString();
    }

    private void slotGauges(StringBuilder sb) {
        Slots queries = querySlots;
        Slots heavy = heavySlots;
        if (queries == null) {
            return;
        }
        sb.append("# HELP ashyq_requests_running Requests holding a slot now: queries, or dumps and saved-query APIs.\n");
        sb.append("# TYPE ashyq_requests_running gauge\n");
        sb.append("ashyq_requests_running{kind=\"query\"} ").append(queries.running()).append('\n');
        sb.append("ashyq_requests_running{kind=\"heavy\"} ").append(heavy.running()).append('\n');
        sb.append("# HELP ashyq_requests_waiting Requests waiting for a slot now.\n");
        sb.append("# TYPE ashyq_requests_waiting gauge\n");
        sb.append("ashyq_requests_waiting{kind=\"query\"} ").append(queries.queued()).append('\n');
        sb.append("ashyq_requests_waiting{kind=\"heavy\"} ").append(heavy.queued()).append('\n');
    }
}
