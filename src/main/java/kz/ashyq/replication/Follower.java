package kz.ashyq.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import kz.ashyq.config.Replication.Topic;
import kz.ashyq.store.Part;
import kz.ashyq.store.Replay;
import kz.ashyq.store.Store;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's side: reads the topic from the record after the last one its store applied and applies
 * each change whole, in one transaction, skipping changes it has (a publisher that restarted sends the
 * ones it was not sure of again). A change's pieces must come in order from the first: a piece out of
 * place drops the open change, which comes again whole. No consumer group: the position is the store's
 * own, so it commits with the data.
 */
public final class Follower implements ReplicationState, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final Store store;
    private final Topic topic;
    private final Consumer<Replay.Applied> applied;
    private final Thread thread;
    private final TopicPartition partition;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long lag = -1;
    private volatile long appliedOffset;
    private volatile long changesApplied;
    private volatile Instant lastApplied;
    /** From the publisher's commit to this replica's, in ms, for the last changes applied. */
    private final Delays delays = new Delays(1000);
    private volatile String lastError;
    private int expectedPiece = -1;

    private final java.util.Optional<String> snapshot;
    private final java.util.Optional<String> token;

    /**
     * A follower of {@code topic} into {@code store}; {@code applied} hears of each change committed.
     * An empty store starts from the publisher's {@code snapshot} URL, when given, asked for with the
     * admin {@code token}.
     */
    public Follower(Store store, Topic topic, Consumer<Replay.Applied> applied, java.util.Optional<String> snapshot,
            java.util.Optional<String> token) {
        this.snapshot = snapshot;
        this.token = token;
        this.store = store;
        this.topic = topic;
        this.applied = applied;
        this.partition = new TopicPartition(topic.name(), 0);
        this.thread = new Thread(this::run, "ashyq-replica");
        thread.setDaemon(true);
    }

    /** Starts following in the background. */
    public Follower start() {
        thread.start();
        return this;
    }

    private void run() {
        Replay replay = store.changes().replay(topic.toString());
        if (snapshot.isPresent() && replay.offset() < 0 && store.changes().lastChange(Part.DATA) == 0) {
            startFromSnapshot(replay);
        }
        while (running) {
            try (KafkaConsumer<String, byte[]> c = consumer(replay.offset())) {
                consumer = c;
                follow(c, replay);
            } catch (WakeupException e) {
                break;
            } catch (OffsetOutOfRangeException e) {
                lastError = "the topic no longer holds the changes after offset " + replay.offset()
                        + " (retention): start this replica again from a snapshot";
                LOG.error(lastError);
                replay.abort();
                running = false;
            } catch (RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("replica of {}: {}; starting again from the store's offset", topic, lastError);
                replay.abort();
                pause();
            } finally {
                consumer = null;
            }
        }
        replay.abort();
    }

    /** Both parts from the publisher's snapshot; what fails leaves the store empty, to follow the topic from its start. */
    private void startFromSnapshot(Replay replay) {
        try {
            Snapshots fetch = new Snapshots(snapshot.get(), token);
            long from = Long.MAX_VALUE;
            for (Part part : Part.values()) {
                Snapshots.Restored r = fetch.restore(part, replay);
                applied.accept(r.applied());
                from = r.offset() < 0 || from < 0 ? -1 : Math.min(from, r.offset());
                LOG.info("replica: {} from the snapshot, at change {} ({} quads)", part.label(), r.applied().seq(),
                        r.applied().triples());
            }
            // the topic is read on from the earliest change either part may still lack (its record is skipped)
            replay.resumeAt(from < 0 ? -1 : from - 1);
        } catch (java.io.IOException | RuntimeException e) {
            lastError = "snapshot " + snapshot.get() + ": " + e.getMessage();
            LOG.warn("replica: {}; following the topic from its start instead", lastError);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private KafkaConsumer<String, byte[]> consumer(long offset) {
        Properties p = Records.common(topic, "ashyq-replica");
        p.put("enable.auto.commit", "false");
        // a replica that has applied something must go on from there or say it cannot
        p.put("auto.offset.reset", offset < 0 ? "earliest" : "none");
        p.put("max.partition.fetch.bytes", Integer.toString(4 * Records.PIECE_BYTES));
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.assign(List.of(partition));
        if (offset >= 0) {
            c.seek(partition, offset + 1);
        }
        return c;
    }

    private void follow(KafkaConsumer<String, byte[]> c, Replay replay) {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                apply(r, replay);
            }
            c.currentLag(partition).ifPresent(l -> lag = l);
            lastError = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r, Replay replay) {
        Part part = Part.of(Records.header(r.headers(), Records.PART));
        long seq = Long.parseLong(Records.header(r.headers(), Records.SEQ));
        int piece = Integer.parseInt(Records.header(r.headers(), Records.PIECE));
        boolean last = Boolean.parseBoolean(Records.header(r.headers(), Records.LAST));
        if (replay.has(part, seq)) {
            return;
        }
        if (piece == 0) {
            replay.abort();
        } else if (piece != expectedPiece) {
            // a piece of a change whose start is not open here: it comes again from its first piece
            replay.abort();
            expectedPiece = -1;
            return;
        }
        replay.piece(part, seq, r.value());
        expectedPiece = piece + 1;
        if (last) {
            Replay.Applied a = replay.commit(r.offset());
            expectedPiece = -1;
            appliedOffset = r.offset();
            changesApplied++;
            lastApplied = Instant.now();
            applied.accept(a);
            // visible: committed here, and the indexes have it
            delays.add(System.currentTimeMillis() - Long.parseLong(Records.header(r.headers(), Records.COMMITTED)));
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", "replica");
        m.put("topic", topic.toString());
        m.put("appliedOffset", appliedOffset);
        m.put("lagRecords", lag);
        m.put("changesApplied", changesApplied);
        m.put("lastApplied", lastApplied == null ? null : lastApplied.toString());
        m.put("dataVersion", store.changes().lastChange(Part.DATA));
        m.put("delayMs", delays.summary());
        m.put("error", lastError);
        return m;
    }

    @Override
    public String metrics() {
        Map<String, Object> d = delays.summary();
        return "# HELP ashyq_replica_lag_records Records of the topic this replica has not applied yet.\n"
                + "# TYPE ashyq_replica_lag_records gauge\n"
                + "ashyq_replica_lag_records " + lag + "\n"
                + "# HELP ashyq_replica_applied_offset Offset of the last record applied.\n"
                + "# TYPE ashyq_replica_applied_offset gauge\n"
                + "ashyq_replica_applied_offset " + appliedOffset + "\n"
                + "# HELP ashyq_replica_data_version Number of the publisher's last change applied.\n"
                + "# TYPE ashyq_replica_data_version gauge\n"
                + "ashyq_replica_data_version " + store.changes().lastChange(Part.DATA) + "\n"
                + "# HELP ashyq_replica_delay_ms From the publisher's commit of a change to its visibility here "
                + "(committed, indexes updated), over the last 1,000 changes.\n"
                + "# TYPE ashyq_replica_delay_ms summary\n"
                + "ashyq_replica_delay_ms{quantile=\"0.5\"} " + d.get("p50") + "\n"
                + "ashyq_replica_delay_ms{quantile=\"0.99\"} " + d.get("p99") + "\n"
                + "ashyq_replica_delay_ms_count " + d.get("count") + "\n";
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
