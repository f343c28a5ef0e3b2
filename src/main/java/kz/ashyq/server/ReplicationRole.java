package kz.ashyq.server;

import java.util.Optional;
import java.util.Set;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.Replication;
import kz.ashyq.replication.Follower;
import kz.ashyq.replication.ReplicationState;
import kz.ashyq.replication.Sender;
import kz.ashyq.search.GeoIndex;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Part;
import kz.ashyq.store.Replay;
import kz.ashyq.store.Store;

/**
 * The server's part in replication: a publisher's sender, or a replica's follower, whose every applied
 * change brings the search and spatial indexes up to date for the datasets it touched, as a release
 * published here would; or nothing.
 */
final class ReplicationRole {

    private final Optional<Sender> sender;
    private final Optional<Follower> follower;

    ReplicationRole(Replication replication, Optional<String> token, Store store, BaseIri base, SearchIndex search,
            GeoIndex geo) {
        this.sender = replication.publishTo().map(t -> new Sender(store.changes().publish(), t,
                () -> store.changes().lastChange(Part.DATA)));
        this.follower = replication.follow().map(t -> new Follower(store, t, a -> indexes(a, store, base, search, geo),
                replication.snapshot(), token));
    }

    /** The state {@code /health} and {@code /metrics} show, when it takes part. */
    Optional<ReplicationState> state() {
        return sender.<ReplicationState>map(s -> s).or(() -> follower.map(f -> f));
    }

    /** The snapshot route of a publisher. */
    Optional<SnapshotEndpoint> snapshot(Store store) {
        return sender.map(s -> new SnapshotEndpoint(store, s));
    }

    void start() {
        sender.ifPresent(Sender::start);
        follower.ifPresent(Follower::start);
    }

    void stop() {
        sender.ifPresent(Sender::close);
        follower.ifPresent(Follower::close);
    }

    /** After a change was applied on a replica: the indexes of each dataset whose graph or record it touched. */
    private static void indexes(Replay.Applied a, Store store, BaseIri served, SearchIndex search, GeoIndex geo) {
        if (a.part() != Part.DATA) {
            return;
        }
        // the graphs are named under the base the publisher minted the data with, which the first change told
        BaseIri base = store.base().orElse(served);
        a.subjects().forEach((graph, subjects) -> {
            base.datasetOfCatalogGraph(graph).ifPresent(id -> search.updateDataset(store, base, id, Set.of()));
            base.datasetOfGraph(graph).filter(id -> !graph.equals(base.vocabGraph())).ifPresent(id -> {
                search.updateDataset(store, base, id, subjects);
                geo.updateGraph(store, graph);
            });
        });
    }
}
