package kz.ashyq.server;

import java.util.Optional;
import kz.ashyq.config.Replication.Topic;

/**
 * What {@code /admin} serves besides SPARQL Update and the Graph Store Protocol.
 *
 * @param publish {@code /admin/publish}, releases into the running server
 * @param snapshot {@code /admin/snapshot}, for new replicas, on a publisher
 * @param replicaOf on a replica, the topic it follows: it refuses every update, which would part it
 *     from the publisher
 */
record AdminRoutes(PublishEndpoint publish, Optional<SnapshotEndpoint> snapshot, Optional<Topic> replicaOf) {}
