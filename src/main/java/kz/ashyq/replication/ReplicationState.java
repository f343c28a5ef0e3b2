package kz.ashyq.replication;

import java.util.Map;

/** What a publisher or replica says about its replication in {@code /health} and {@code /metrics}. */
public interface ReplicationState {

    /** The fields of {@code /health}'s {@code replication} object. */
    Map<String, Object> health();

    /** Lines of Prometheus text for {@code /metrics}. */
    String metrics();
}
