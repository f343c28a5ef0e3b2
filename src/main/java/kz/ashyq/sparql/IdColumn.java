package kz.ashyq.sparql;

import java.util.Arrays;

/**
 * Pairs of node ids (key, value), as a predicate's records give them, looked up by key; the values
 * of one key in the order they were added. Node ids are the 8 bytes {@link IdScan#bits} reads.
 *
 * <p>Hand-written open addressing over primitive arrays rather than a {@code HashMap<Long, ...>}:
 * a column is built for one query from up to a million pairs (BSBM's 200,000 offers' vendors), and
 * boxing a key and a list per pair would cost more than the B+tree descents it replaces.
 */
final class IdColumn {

    private final long[] keys;
    private final int[] heads; // first pair of the slot's key, -1 for an empty slot
    private final long[] values;
    private final int[] next; // the key's next pair, -1 after its last
    private final int mask;

    private IdColumn(long[] keys, int[] heads, long[] values, int[] next) {
        this.keys = keys;
        this.heads = heads;
        this.values = values;
        this.next = next;
        this.mask = keys.length - 1;
    }

    /** The first pair of {@code key}, or -1 when it has none; walk on with {@link #next(int)}. */
    int first(long key) {
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            if (heads[slot] < 0) {
                return -1;
            }
            if (keys[slot] == key) {
                return heads[slot];
            }
        }
    }

    /** The pair after {@code pair} of the same key, or -1. */
    int next(int pair) {
        return next[pair];
    }

    /** How many pairs it holds. */
    int size() {
        return values.length;
    }

    /** The value of {@code pair}. */
    long value(int pair) {
        return values[pair];
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Pairs gathered one by one, then made a column. */
    static final class Builder {
        private long[] keys = new long[1024];
        private long[] values = new long[1024];
        private int size;

        void add(long key, long value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
        }

        int size() {
            return size;
        }

        IdColumn build() {
            int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
            long[] slotKeys = new long[capacity];
            int[] heads = new int[capacity];
            int[] tails = new int[capacity];
            Arrays.fill(heads, -1);
            int[] next = new int[size];
            int mask = capacity - 1;
            for (int i = 0; i < size; i++) {
                next[i] = -1;
                int slot = slot(keys[i], mask);
                while (heads[slot] >= 0 && slotKeys[slot] != keys[i]) {
                    slot = (slot + 1) & mask;
                }
                if (heads[slot] < 0) {
                    slotKeys[slot] = keys[i];
                    heads[slot] = i;
                } else {
                    next[tails[slot]] = i;
                }
                tails[slot] = i;
            }
            return new IdColumn(slotKeys, heads, Arrays.copyOf(values, size), next);
        }
    }
}
