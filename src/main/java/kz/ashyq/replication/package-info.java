/**
 * Read replicas on Apache Kafka. A publishing server's store keeps every change it commits as an RDF
 * Patch in its outbox ({@link kz.ashyq.store.PatchOutbox}); the {@link kz.ashyq.replication.Sender}
 * appends them to a topic of one partition, in commit order. A replica's
 * {@link kz.ashyq.replication.Follower} reads the topic and applies each change to its own store in
 * one transaction that also records the change's number and offset ({@link kz.ashyq.store.Replay}), so
 * each is applied exactly once; it starts from a snapshot of the publisher or from the topic's first
 * record, and reports its lag.
 *
 * <p>Depends on {@code config}, {@code store} and the Kafka client; never on {@code search},
 * {@code web} or {@code server}: the server tells what follows the store (the indexes) through a
 * callback.
 */
package kz.ashyq.replication;
