package kz.ashyq.mapping;

import java.util.List;

/** The object of a predicate-object map: a term made from the row, or another map's subject. */
public sealed interface ObjectMap permits ObjectMap.Term, ObjectMap.Ref {

    /** A term made from the row. */
    record Term(TermMap term) implements ObjectMap {}

    /**
     * The subject of another triples map, joined on equal values (child from this row, parent
     * from the other map's source). Without conditions the two maps must share their source.
     */
    record Ref(String parentMap, List<Join> joins, Location where) implements ObjectMap {
        /** Keeps its own copy. */
        public Ref {
            joins = List.copyOf(joins);
        }
    }

    /** One join condition. */
    record Join(Expr child, Expr parent) {}
}
