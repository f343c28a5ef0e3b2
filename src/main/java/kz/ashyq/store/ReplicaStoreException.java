package kz.ashyq.store;

import java.nio.file.Path;

/** A write to a replica's store, whose data is its publisher's alone: it would part the replica from the publisher. */
public final class ReplicaStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    ReplicaStoreException(Path dir, String topic) {
        super("the store " + dir + " is a read replica following " + topic + ": publish to the publishing server "
                + "(ashyq load --server URL), or start a new store");
    }
}
