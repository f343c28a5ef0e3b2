package kz.ashyq.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Values worked out in a read transaction, kept for later reads of the same data: each is tagged
 * with the TDB2 data version that the transaction saw (and the storage it saw it in, which
 * compaction replaces), and a read finds it only when its own transaction sees that same version.
 * So nothing kept outlives a load, an update or a compaction, whatever the clock says. The least
 * recently used values go first when the memo is full.
 *
 * @param <K> what a value is kept by
 * @param <V> the value
 */
public final class ReadMemo<K, V> {

    private record Tagged<V>(DataVersion version, V value) {}

    private final Map<K, Tagged<V>> values;

    /** A memo of at most {@code capacity} values. */
    public ReadMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Tagged<V>> eldest) {
                return size() > capacity;
            }
        };
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

    /** Keeps a value worked out in the current read transaction of {@code d}. */
    public void put(DatasetGraph d, K key, V value) {
        Tagged<V> t = new Tagged<>(DataVersion.ofTransaction(d), value);
        synchronized (values) {
            values.put(key, t);
        }
    }
}
