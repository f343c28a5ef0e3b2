package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ashyq broker --dir DIR}: a single-node Kafka broker for development and tests. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a single-node Apache Kafka broker in KRaft mode (broker and controller in one process), "
            + "for trying replication on one machine: ashyq serve --publish-to localhost:9092/ashyq on the publisher, "
            + "--follow localhost:9092/ashyq on each replica. Not for production: one node keeps one copy.",
            "Its jars are not packaged in ashyq.jar; ./ashyq broker puts them on the class path."})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "where the broker keeps its log (formatted on first use)")
    Path dir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9092",
            description = "port for clients (default: ${DEFAULT-VALUE}); the controller listens on the next one")
    int port;

    @Override
    public Integer call() throws Exception {
        try {
            Class.forName("kafka.Kafka", false, BrokerCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BadInputException("the Kafka broker's jars are not on the class path: run it as ./ashyq broker, "
                    + "which adds them (mvn dependency:build-classpath -Dmdep.includeScope=provided)");
        }
        if (port < 1 || port > 65534) {
            throw new BadInputException("--port " + port + " is outside 1..65534");
        }
        DevBroker.run(dir.toAbsolutePath(), port);
        return Main.OK;
    }
}
