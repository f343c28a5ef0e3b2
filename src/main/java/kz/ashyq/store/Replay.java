package kz.ashyq.store;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * A replica's side of the outbox: the changes of a publisher, applied in order, each in one write
 * transaction that also records its number and the topic offset it came from, so that a change is
 * applied exactly once however often the replica is stopped, killed or restarted. A change may come
 * in several pieces (records of a topic have a size limit): the transaction stays open from its first
 * piece to its last. One thread uses a replay.
 */
public final class Replay {

    /**
     * What a committed change touched, for what follows the store.
     *
     * @param part the dataset it changed
     * @param seq its number
     * @param triples the triples added or removed
     * @param subjects by graph IRI, the IRIs of the subjects changed; a graph maps to null when more
     *     than {@link Store#SUBJECTS_KEPT} of its triples changed
     */
    public record Applied(Part part, long seq, long triples, Map<String, Set<String>> subjects) {}

    private final Store store;
    private final Map<Part, DatasetGraph> parts;
    private Part open;
    private long openSeq;
    private long triples;
    private final Map<String, Set<String>> subjects = new HashMap<>();

    Replay(Store store, DatasetGraph data, DatasetGraph archive) {
        this.store = store;
        this.parts = Map.of(Part.DATA, data, Part.ARCHIVE, archive);
    }

    /** The offset of the last record applied, over both parts; -1 before any. */
    public long offset() {
        long a = Txn.calculateRead(parts.get(Part.DATA), () -> ChangeMark.offset(parts.get(Part.DATA)));
        long b = Txn.calculateRead(parts.get(Part.ARCHIVE), () -> ChangeMark.offset(parts.get(Part.ARCHIVE)));
        return Math.max(a, b);
    }

    /** Whether the change numbered {@code seq} of {@code part} was applied already. */
    public boolean has(Part part, long seq) {
        return seq <= store.changes().lastChange(part);
    }

    /** Applies one piece of the change numbered {@code seq}, an RDF Patch without transaction lines. */
    public void piece(Part part, long seq, byte[] patch) {
        if (open != null && (open != part || openSeq != seq)) {
            throw new StoreException("piece of " + part.label() + " change " + seq + " came while change "
                    + openSeq + " of " + open.label() + " was not complete");
        }
        DatasetGraph d = parts.get(part);
        if (open == null) {
            d.begin(ReadWrite.WRITE);
            open = part;
            openSeq = seq;
            triples = 0;
            subjects.clear();
        }
        apply(d, new ByteArrayInputStream(patch));
    }

    /** Applies a patch's additions and deletions to {@code d}, streaming; its transaction lines are not ours to follow. */
    private void apply(DatasetGraph d, java.io.InputStream patch) {
        new RDFPatchReaderText(patch).apply(new RDFChangesBase() {
            @Override
            public void header(String field, Node value) {
                // the first change tells an empty replica the base IRI its data was minted with
                if (field.equals(PatchOutbox.BASE_HEADER) && value.isURI() && store.base().isEmpty()) {
                    store.claimBase(new kz.ashyq.config.BaseIri(value.getURI()));
                }
            }

            @Override
            public void add(Node g, Node s, Node p, Node o) {
                d.add(g, s, p, o);
                changed(g, s);
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                d.delete(g, s, p, o);
                changed(g, s);
            }
        });
    }

    /**
     * Starts an empty replica's part from a snapshot of the publisher's (see {@link Store#snapshot}):
     * its quads, the number of the last change they include, and the offset before which the topic
     * holds nothing the snapshot lacks (-1: read the topic from its start, skipping what it has).
     */
    public Applied restore(Part part, java.io.InputStream snapshot, long seq, long offset) {
        abort();
        DatasetGraph d = parts.get(part);
        if (store.changes().lastChange(part) != 0 || Txn.calculateRead(d, () -> d.find().hasNext())) {
            throw new StoreException("a snapshot starts an empty replica; this store holds " + part.label() + " data");
        }
        d.begin(ReadWrite.WRITE);
        open = part;
        openSeq = seq;
        triples = 0;
        subjects.clear();
        apply(d, snapshot);
        return commit(offset);
    }

    private void changed(Node g, Node s) {
        triples++;
        String graph = g.isURI() ? g.getURI() : "";
        if (triples > Store.SUBJECTS_KEPT) {
            subjects.replaceAll((k, v) -> null);
            subjects.put(graph, null);
        } else if (s.isURI()) {
            subjects.computeIfAbsent(graph, k -> new HashSet<>()).add(s.getURI());
        }
    }

    /** Commits the open change, recording that it came from the record at {@code offset}. */
    public Applied commit(long offset) {
        if (open == null) {
            throw new StoreException("no change to commit");
        }
        DatasetGraph d = parts.get(open);
        // the store's modification time moves before the commit, so that a replica killed between the two
        // finds its search index out of step when it starts, and rebuilds it, rather than missing the
        // change; and again after, so that no page read before the commit carries the time of after it
        store.touch(0, 0, open == Part.DATA ? triples : 0);
        try {
            ChangeMark.set(d, openSeq, offset);
            d.commit();
        } finally {
            d.end();
        }
        store.touch(0, 0, 0);
        Applied a = new Applied(open, openSeq, triples, new HashMap<>(subjects));
        open = null;
        return a;
    }

    /**
     * Sets where the topic is read on from, for both parts: after the record at {@code offset}
     * (-1: from its start). A replica that started from a snapshot takes the earlier of the parts'
     * offsets, so that neither misses a change; it skips those it has.
     */
    public void resumeAt(long offset) {
        for (DatasetGraph d : parts.values()) {
            Txn.executeWrite(d, () -> ChangeMark.set(d, ChangeMark.seq(d), offset));
        }
    }

    /** Drops the open change, if any (its pieces will come again from the topic). */
    public void abort() {
        if (open != null) {
            DatasetGraph d = parts.get(open);
            try {
                d.abort();
            } finally {
                d.end();
                open = null;
            }
        }
    }
}
