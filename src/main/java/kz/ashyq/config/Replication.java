package kz.ashyq.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a server takes part in replication over a Kafka topic: as the publisher, which appends every
 * change it commits to the topic, as a replica, which applies them and refuses updates of its own, or
 * neither.
 *
 * @param publishTo the topic a publisher appends to
 * @param follow the topic a replica follows
 * @param snapshot for a new replica, the publisher's URL to start from instead of the topic's first
 *     record (its {@code /admin/snapshot}); the admin token is sent with it
 */
public record Replication(Optional<Topic> publishTo, Optional<Topic> follow, Optional<String> snapshot) {

    /** A server on its own. */
    public static final Replication NONE = new Replication(Optional.empty(), Optional.empty(), Optional.empty());

    /** Validates at once. */
    public Replication {
        Objects.requireNonNull(publishTo, "publishTo");
        Objects.requireNonNull(follow, "follow");
        Objects.requireNonNull(snapshot, "snapshot");
        if (publishTo.isPresent() && follow.isPresent()) {
            throw new IllegalArgumentException("a server publishes to a topic or follows one, not both");
        }
        if (snapshot.isPresent() && follow.isEmpty()) {
            throw new IllegalArgumentException("a snapshot starts a replica: it needs a topic to follow");
        }
        snapshot.ifPresent(s -> {
            if (!s.matches("https?://\\S+")) {
                throw new IllegalArgumentException("snapshot '" + s + "' is not an http(s) URL");
            }
        });
    }

    /** Whether this server is a replica, which takes no updates but the publisher's. */
    public boolean replica() {
        return follow.isPresent();
    }

    /**
     * A Kafka topic and the brokers to find it through.
     *
     * @param bootstrap {@code host:port} of one or more brokers, comma-separated
     * @param name the topic
     */
    public record Topic(String bootstrap, String name) {

        /** Validates at once. */
        public Topic {
            if (!bootstrap.matches("[A-Za-z0-9.-]+:\\d{1,5}(,[A-Za-z0-9.-]+:\\d{1,5})*")) {
                throw new IllegalArgumentException("brokers '" + bootstrap + "' are not host:port[,host:port...]");
            }
            if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("topic '" + name + "' is not a Kafka topic name (letters, digits, . _ -)");
            }
        }

        /** Reads {@code BROKERS/TOPIC}, as in {@code localhost:9092/ashyq}. */
        public static Topic parse(String text) {
            int slash = text.lastIndexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + text + "' is not BROKERS/TOPIC, as in localhost:9092/ashyq");
            }
            return new Topic(text.substring(0, slash), text.substring(slash + 1));
        }

        @Override
        public String toString() {
            return bootstrap + "/" + name;
        }
    }
}
