package kz.ashyq.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * An earlier release of a served graph, rebuilt: the archived snapshot when the release was
 * archived whole (stores made before releases were archived as changes), or else the graph as
 * served with the changes of every release after it undone, newest first. Holds the undone
 * changes in memory, not the graph.
 */
final class ReleaseRebuild {

    private ReleaseRebuild() {}

    /** Streams the release, in the caller's read transactions on {@code live} and {@code archive}. */
    static void stream(DatasetGraph live, DatasetGraph archive, String graphIri, String snapshot, List<String> undo,
            StreamRDF out) {
        stream(live, archive, graphIri, snapshot, undo, Node.ANY, out);
    }

    /** As above, the triples of one subject only ({@code Node.ANY}: all), read off the indexes by subject. */
    static void stream(DatasetGraph live, DatasetGraph archive, String graphIri, String snapshot, List<String> undo,
            Node subject, StreamRDF out) {
        if (snapshot != null && archive.containsGraph(NodeFactory.createURI(snapshot))) {
            archive.find(NodeFactory.createURI(snapshot), subject, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> out.triple(q.asTriple()));
            return;
        }
        // true: the release held it; false: it did not; the oldest change undone decides
        Map<Triple, Boolean> held = new HashMap<>();
        for (String name : undo) {
            archive.find(NodeFactory.createURI(Store.addedGraph(name)), subject, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> held.put(q.asTriple(), false));
            archive.find(NodeFactory.createURI(Store.removedGraph(name)), subject, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> held.put(q.asTriple(), true));
        }
        live.find(NodeFactory.createURI(graphIri), subject, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Boolean h = held.get(q.asTriple());
            if (h == null || h) {
                out.triple(q.asTriple());
                held.remove(q.asTriple());
            }
        });
        held.forEach((t, h) -> {
            if (h) {
                out.triple(t);
            }
        });
    }
}
