package kz.ashyq.replication;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last N delays, for their median and 99th percentile. */
final class Delays {

    private final long[] ring;
    private long count;

    Delays(int size) {
        this.ring = new long[size];
    }

    synchronized void add(long millis) {
        ring[(int) (count++ % ring.length)] = Math.max(0, millis);
    }

    /** {@code count} (all changes so far), and {@code p50}, {@code p99} and {@code max} of the last N. */
    synchronized Map<String, Object> summary() {
        long[] last = Arrays.copyOf(ring, (int) Math.min(count, ring.length));
        Arrays.sort(last);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50", last.length == 0 ? 0 : last[(last.length - 1) / 2]);
        m.put("p99", last.length == 0 ? 0 : last[(int) Math.ceil(0.99 * last.length) - 1]);
        m.put("max", last.length == 0 ? 0 : last[last.length - 1]);
        return m;
    }
}
