package kz.ashyq.server;

import java.util.Optional;

/**
 * What {@code /admin} serves besides SPARQL Update and the Graph Store Protocol.
 *
 * @param publish {@code /admin/publish}, releases into the running server
 * @param snapshot {@code /admin/snapshot}, for new replicas, on a publisher
 * @param replicaOf on a replica (or a replica's store served on its own), the topic it follows: it refuses every update, which would part it
 *     from the publisher
 */
record AdminRoutes(PublishEndpoint publish, Optional<SnapshotEndpoint> snapshot, Optional<String> replicaOf) {}
