package kz.ashyq.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Formats and runs a one-node KRaft broker through Kafka's own entry points ({@code kafka-storage
 * format}, then {@code kafka.Kafka}), as {@code bin/kafka-server-start.sh} would. Apart from
 * {@link BrokerCommand} so that the broker's classes are loaded only when it runs.
 */
final class DevBroker {

    private DevBroker() {}

    /** Runs until the process is stopped. */
    static void run(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + (port + 1));
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1));
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("log").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // a replica may start from the topic's first record: keep every record (a development broker)
        p.setProperty("log.retention.ms", "-1");
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "written by ashyq broker");
        }
        if (!Files.exists(dir.resolve("log").resolve("meta.properties"))) {
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t",
                org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(said, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka-storage format failed: " + said.toString(StandardCharsets.UTF_8));
            }
        }
        System.out.printf("Kafka broker (KRaft, one node) at localhost:%d, log in %s%n", port, dir.resolve("log"));
        kafka.Kafka.main(new String[] {config.toString()});
    }
}
