package kz.ashyq.mapping.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.CellProblem;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.TriplesMap;
import org.apache.jena.graph.Node;

/**
 * A referencing object map: the parent's subject from the same row, or joined on equal keys
 * with another source. A join is a hash join that holds the smaller file's side in memory and
 * streams the larger: when the parent's file is the smaller, its subjects are indexed by key and
 * each child row looks its objects up; when the child's file is the smaller, each child row's
 * subject, predicates and graphs wait under its key, and the parent's file is streamed once
 * after the child's to emit the joined triples.
 */
final class ObjectRef {

    private final TermMaker sameRowSubject;
    private final List<Compiler.Eval> childKeys = new ArrayList<>();
    private final JoinIndex index;
    private final Waiting waiting;

    ObjectRef(ObjectMap.Ref ref, Compiler compiler, TriplesMap owner, RunState run) {
        TriplesMap parent = run.mapping.triplesMaps().get(ref.parentMap());
        if (ref.joins().isEmpty()) {
            if (!parent.source().equals(owner.source())) {
                throw new MappingException(ref.where(), "mapping '" + ref.parentMap()
                        + "' reads another source: a join condition is needed");
            }
            this.sameRowSubject = new TermMaker(parent.subject(), compiler, run.base);
            this.index = null;
            this.waiting = null;
            return;
        }
        this.sameRowSubject = null;
        for (ObjectMap.Join j : ref.joins()) {
            childKeys.add(compiler.compile(j.child(), false, ref.where()));
        }
        if (!parent.source().equals(owner.source()) && size(owner.source()) < size(parent.source())) {
            this.index = null;
            this.waiting = new Waiting(parent, ref);
            run.waiting.add(waiting);
        } else {
            String key = ref.parentMap() + "\u0000" + ref.joins();
            this.index = run.joins.computeIfAbsent(key, k -> JoinIndex.build(parent, ref, run.functions, run.base));
            this.waiting = null;
        }
    }

    private static long size(LogicalSource s) {
        try {
            return Files.size(s.file());
        } catch (IOException e) {
            return Long.MAX_VALUE; // reported when the source is opened
        }
    }

    /** Whether this join's triples are made after the parent's file is streamed. */
    boolean deferred() {
        return waiting != null;
    }

    /** The objects for a row, when they can be known now. */
    List<Node> objects(RowSource.Row row) {
        if (sameRowSubject != null) {
            try {
                Node n = sameRowSubject.make(row);
                return n == null ? List.of() : List.of(n);
            } catch (CellProblem p) {
                return List.of(); // reported when the parent map itself runs
            }
        }
        String key = JoinIndex.key(childKeys, row.cells());
        return key == null ? List.of() : index.get(key);
    }

    /** Keeps a child row's subject, predicates and graphs until the parent's file is streamed. */
    void defer(Node subject, List<Node> predicates, List<Node> graphs, RowSource.Row row) {
        String key = JoinIndex.key(childKeys, row.cells());
        if (key != null) {
            waiting.rows.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new Node[][] {
                {subject}, predicates.toArray(new Node[0]), graphs.toArray(new Node[0])});
        }
    }

    /** The child side of a join, held in memory until its parent's file streams past. */
    static final class Waiting {
        private final TriplesMap parent;
        private final ObjectMap.Ref ref;
        private final Map<String, List<Node[][]>> rows = new HashMap<>();

        Waiting(TriplesMap parent, ObjectMap.Ref ref) {
            this.parent = parent;
            this.ref = ref;
        }

        /** Streams the parent's file and emits a triple for every child row with its key. */
        void emit(RunState run) {
            if (rows.isEmpty()) {
                return;
            }
            JoinIndex.parentRows(parent, ref, run.functions, run.base, rows::containsKey, (key, o) -> {
                for (Node[][] c : rows.get(key)) {
                    for (Node p : c[1]) {
                        for (Node g : c[2]) {
                            run.emit(g, c[0][0], p, o);
                        }
                    }
                }
            });
        }
    }
}
