package kz.ashyq.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Values worked out in a read transaction, kept for later reads of the same data: each is tagged
 * with the TDB2 data version that the transaction saw (and the storage it saw it in, which
 * compaction replaces), and a read finds it only when its own transaction sees that same version.
 * So nothing kept outlives a load, an update or a compaction, whatever the clock says. The least
 * recently used values go first when the memo is full: when it holds more than its capacity of
 * values, or when their weights add up to more than its most.
 *
 * @param <K> what a value is kept by
 * @param <V> the value
 */
public final class ReadMemo<K, V> {

    private record Tagged<V>(DataVersion version, V value, long weight) {}

    private final Map<K, Tagged<V>> values = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    private final ToLongFunction<V> weigher;
    private volatile long maxWeight;
    private long weight;

    /** A memo of at most {@code capacity} values. */
    public ReadMemo(int capacity) {
        this(capacity, v -> 0, Long.MAX_VALUE);
    }

    /**
     * A memo of at most {@code capacity} values whose weights ({@code weigher}, at least 0) add up
     * to at most {@code maxWeight}; a value heavier than that on its own is not kept.
     */
    public ReadMemo(int capacity, ToLongFunction<V> weigher, long maxWeight) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        if (maxWeight < 1) {
            throw new IllegalArgumentException("maxWeight " + maxWeight + " must be at least 1");
        }
        this.capacity = capacity;
        this.weigher = weigher;
        this.maxWeight = maxWeight;
    }

    /** The value kept for {@code key} from this very data, or null: call inside a read transaction. */
    public V get(DatasetGraph d, K key) {
        DataVersion version = DataVersion.ofTransaction(d);
        Tagged<V> t;
        synchronized (values) {
            t = values.get(key);
        }
        return t != null && t.version().equals(version) ? t.value() : null;
    }

    /**
     * The value kept for {@code key} from this very data, or null, no longer kept: for a value one
     * reader at a time works on, and puts back when it is done.
     */
    public V take(DatasetGraph d, K key) {
        DataVersion version = DataVersion.ofTransaction(d);
        Tagged<V> t;
        synchronized (values) {
            t = values.remove(key);
            if (t != null) {
                weight -= t.weight();
            }
        }
        return t != null && t.version().equals(version) ? t.value() : null;
    }

    /** Keeps a value worked out in the current read transaction of {@code d}. */
    public void put(DatasetGraph d, K key, V value) {
        put(DataVersion.ofTransaction(d), key, value);
    }

    /**
     * Sets the bound on the kept values' weight (at least 0), and lets go of the least recently
     * used values until they are under it: for a bound the operator sets when the server starts.
     */
    public void bound(long maxWeight) {
        if (maxWeight < 0) {
            throw new IllegalArgumentException("maxWeight " + maxWeight + " must be 0 or more");
        }
        synchronized (values) {
            this.maxWeight = maxWeight;
            Iterator<Tagged<V>> eldest = values.values().iterator();
            while (weight > maxWeight && eldest.hasNext()) {
                weight -= eldest.next().weight();
                eldest.remove();
            }
        }
    }

    /**
     * Keeps a value worked out from the data of {@code version} (as {@link DataVersion#ofTransaction}
     * gave it): for a value put back after its read transaction may have ended.
     */
    public void put(DataVersion version, K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            return;
        }
        Tagged<V> t = new Tagged<>(version, value, w);
        synchronized (values) {
            Tagged<V> old = values.put(key, t);
            weight += w - (old == null ? 0 : old.weight());
            Iterator<Tagged<V>> eldest = values.values().iterator();
            while (values.size() > capacity || weight > maxWeight) {
                weight -= eldest.next().weight();
                eldest.remove();
            }
        }
    }
}
