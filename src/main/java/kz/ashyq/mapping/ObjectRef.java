package kz.ashyq.mapping;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;

/** A referencing object map: the parent's subject from the same row, or joined by key. */
final class ObjectRef {

    private final TermMaker sameRowSubject;
    private final List<Compiler.Eval> childKeys = new ArrayList<>();
    private final JoinIndex index;

    ObjectRef(ObjectMap.Ref ref, Compiler compiler, TriplesMap owner, RunState run) {
        TriplesMap parent = run.mapping.triplesMaps().get(ref.parentMap());
        if (ref.joins().isEmpty()) {
            if (!parent.source().equals(owner.source())) {
                throw new MappingException(ref.where(), "mapping '" + ref.parentMap()
                        + "' reads another source: a join condition is needed");
            }
            this.sameRowSubject = new TermMaker(parent.subject(), compiler, run.base);
            this.index = null;
        } else {
            this.sameRowSubject = null;
            for (ObjectMap.Join j : ref.joins()) {
                childKeys.add(compiler.compile(j.child(), false, ref.where()));
            }
            String key = ref.parentMap() + "\u0000" + ref.joins();
            this.index = run.joins.computeIfAbsent(key, k -> JoinIndex.build(parent, ref, run.functions, run.base));
        }
    }

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
}
