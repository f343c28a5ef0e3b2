package kz.ashyq.replication;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kz.ashyq.config.Replication.Topic;
import kz.ashyq.store.Part;
import kz.ashyq.store.PatchOutbox;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's side: appends the outbox's patches to the topic, oldest first, each as one or more
 * records, and deletes a patch once the broker has acknowledged all of its records. While the broker
 * cannot be reached, patches wait in the outbox (on disk, across restarts) and are sent when it is back;
 * the server publishes meanwhile, and replicas lag.
 */
public final class Sender implements ReplicationState, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final PatchOutbox outbox;
    private final Topic topic;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;
    private volatile Instant lastSent;
    private final Map<Part, long[]> sent = new java.util.concurrent.ConcurrentHashMap<>();
    private KafkaProducer<String, byte[]> producer;

    private final java.util.function.LongSupplier lastChange;

    /** A sender of {@code outbox}'s patches to {@code topic}; {@code lastChange} tells the store's last change number. */
    public Sender(PatchOutbox outbox, Topic topic, java.util.function.LongSupplier lastChange) {
        this.lastChange = lastChange;
        this.outbox = outbox;
        this.topic = topic;
        this.thread = new Thread(this::run, "ashyq-replication-sender");
        thread.setDaemon(true);
    }

    /** Starts sending in the background. */
    public Sender start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            Path next;
            try {
                next = outbox.head(500);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                send(next);
                outbox.sent(next);
                lastError = null;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
                lastError = e.getMessage();
                LOG.warn("cannot append {} to {}: {}; trying again", next.getFileName(), topic, e.getMessage());
                closeProducer();
                pause();
            }
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

    private KafkaProducer<String, byte[]> producer() throws ExecutionException, InterruptedException {
        if (producer == null) {
            createTopic();
            Properties p = Records.common(topic, "ashyq-publisher");
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("compression.type", "lz4");
            p.put("linger.ms", "2");
            p.put("max.request.size", Integer.toString(2 * Records.PIECE_BYTES));
            p.put("delivery.timeout.ms", "30000");
            p.put("request.timeout.ms", "10000");
            p.put("max.block.ms", "10000");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** The topic, with one partition so that order is kept, unless it exists; retention is the operator's. */
    private void createTopic() throws ExecutionException, InterruptedException {
        Properties p = Records.common(topic, "ashyq-publisher-admin");
        p.put("default.api.timeout.ms", "10000");
        p.put("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic.name(), Optional.of(1), Optional.empty())))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Sends a patch as records of at most {@link Records#PIECE_BYTES}, split between lines. */
    private void send(Path patch) throws IOException, ExecutionException, InterruptedException, TimeoutException {
        Part part = PatchOutbox.partOf(patch);
        long seq = PatchOutbox.seqOf(patch);
        long committed = Files.getLastModifiedTime(patch).toMillis();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        KafkaProducer<String, byte[]> out = producer();
        ByteArrayOutputStream piece = new ByteArrayOutputStream(Records.PIECE_BYTES + 4096);
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(patch, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while (line != null) {
                piece.write(line.getBytes(StandardCharsets.UTF_8));
                piece.write('\n');
                line = in.readLine();
                if (line == null || piece.size() >= Records.PIECE_BYTES) {
                    acks.add(out.send(record(part, seq, n++, line == null, piece.toByteArray(), committed)));
                    piece.reset();
                }
            }
        }
        if (n == 0) {
            acks.add(out.send(record(part, seq, 0, true, new byte[0], committed)));
        }
        out.flush();
        long first = -1;
        for (Future<RecordMetadata> f : acks) {
            long offset = f.get(30, TimeUnit.SECONDS).offset();
            first = first < 0 ? offset : first;
        }
        sent.put(part, new long[] {seq, first});
        lastSent = Instant.now();
    }

    private ProducerRecord<String, byte[]> record(Part part, long seq, int piece, boolean last, byte[] value,
            long committed) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic.name(), 0, part.label(), value);
        r.headers().add(Records.PART, Records.bytes(part.label()));
        r.headers().add(Records.SEQ, Records.bytes(seq));
        r.headers().add(Records.PIECE, Records.bytes(piece));
        r.headers().add(Records.LAST, Records.bytes(last));
        r.headers().add(Records.COMMITTED, Records.bytes(committed));
        return r;
    }

    /**
     * The offset of the first record of the last change of {@code part} sent, when its number is
     * {@code seq}; empty otherwise.
     */
    public Optional<Long> offsetOf(Part part, long seq) {
        long[] s = sent.get(part);
        return s != null && s[0] == seq ? Optional.of(s[1]) : Optional.empty();
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", "publisher");
        m.put("topic", topic.toString());
        m.put("dataVersion", lastChange.getAsLong());
        m.put("pendingPatches", outbox.pending());
        m.put("lastSent", lastSent == null ? null : lastSent.toString());
        m.put("error", lastError);
        return m;
    }

    @Override
    public String metrics() {
        return "# HELP ashyq_replication_pending_patches Committed changes not yet appended to the topic.\n"
                + "# TYPE ashyq_replication_pending_patches gauge\n"
                + "ashyq_replication_pending_patches " + outbox.pending() + "\n";
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(1));
            producer = null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProducer();
    }
}
