package kz.ashyq.sparql;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;

/** Rows worked out on the first look, as ARQ's iterators are, inside the query's transaction. */
final class LazyRows {

    private LazyRows() {}

    static QueryIterator of(Supplier<List<Binding>> rows, ExecutionContext cxt) {
        Iterator<Binding> lazy = new Iterator<>() {
            private Iterator<Binding> made;

            @Override
            public boolean hasNext() {
                if (made == null) {
                    made = rows.get().iterator();
                }
                return made.hasNext();
            }

            @Override
            public Binding next() {
                hasNext();
                return made.next();
            }
        };
        return QueryIterPlainWrapper.create(lazy, cxt);
    }
}
