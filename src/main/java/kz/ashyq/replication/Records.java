package kz.ashyq.replication;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import kz.ashyq.config.Replication.Topic;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How a change travels in the topic: one or more records (pieces) whose values are RDF Patch text,
 * in order, each with headers that say which part of the store it changes, the change's number, the
 * piece's place and whether it is the last. The topic has one partition, so that records keep the
 * order in which the publisher committed.
 */
final class Records {

    static final String PART = "ashyq-part";
    static final String SEQ = "ashyq-seq";
    static final String PIECE = "ashyq-piece";
    static final String LAST = "ashyq-last";
    /** When the publisher committed the change (its patch was flushed just before), in epoch milliseconds. */
    static final String COMMITTED = "ashyq-committed";

    /** Bytes of patch a record carries at most: under the broker's default limit of 1 MiB. */
    static final int PIECE_BYTES = 512 * 1024;

    private Records() {}

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        if (h == null) {
            throw new IllegalArgumentException("record without the header " + name);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    /** What every client of the topic sets. */
    static Properties common(Topic topic, String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", topic.bootstrap());
        p.put("client.id", clientId);
        // a broker that is down is tried again every second, not with Kafka's growing back-off up to a second anyway
        p.put("reconnect.backoff.max.ms", "1000");
        return p;
    }
}
