package kz.ashyq.store;

/**
 * How a graph differs from an earlier one.
 *
 * @param added triples in the new graph and not in the old
 * @param removed triples in the old graph and not in the new
 */
public record GraphDiff(long added, long removed) {
    /** Counts cannot be negative. */
    public GraphDiff {
        if (added < 0 || removed < 0) {
            throw new IllegalArgumentException("negative diff counts: +" + added + " -" + removed);
        }
    }

    /** Whether the two graphs hold the same triples. */
    public boolean unchanged() {
        return added == 0 && removed == 0;
    }
}
