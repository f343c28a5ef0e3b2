package kz.ashyq.mapping.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import kz.ashyq.mapping.CellProblem;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.TriplesMap;
import kz.ashyq.mapping.functions.FunctionContext;
import kz.ashyq.mapping.source.RowSources;
import org.apache.jena.graph.Node;

/**
 * The parent side of a join across two sources, held in memory as join key to parent subjects,
 * while the child side streams past it: a hash join.
 */
final class JoinIndex {

    private final Map<String, List<Node>> subjects = new HashMap<>();

    private JoinIndex() {}

    static JoinIndex build(TriplesMap parent, ObjectMap.Ref ref, FunctionContext functions, String base) {
        JoinIndex index = new JoinIndex();
        parentRows(parent, ref, functions, base, key -> true, (key, s) -> {
            List<Node> list = index.subjects.computeIfAbsent(key, k -> new ArrayList<>(1));
            if (!list.contains(s)) {
                list.add(s);
            }
        });
        return index;
    }

    /**
     * Streams the parent's source once and hands each row's join key and subject to {@code sink},
     * for the rows whose key is {@code wanted} (the subject is made only for those).
     */
    static void parentRows(TriplesMap parent, ObjectMap.Ref ref, FunctionContext functions, String base,
            Predicate<String> wanted, BiConsumer<String, Node> sink) {
        try (RowSource reader = RowSources.open(parent.source())) {
            Compiler compiler = new Compiler(parent.source(), reader, functions);
            TermMaker subject = new TermMaker(parent.subject(), compiler, base);
            List<Compiler.Eval> keys = new ArrayList<>();
            for (ObjectMap.Join j : ref.joins()) {
                keys.add(compiler.compile(j.parent(), false, ref.where()));
            }
            while (reader.hasNext()) {
                RowSource.Row row = reader.next();
                String key = key(keys, row.cells());
                if (key == null || !wanted.test(key)) {
                    continue;
                }
                try {
                    Node s = subject.make(row);
                    if (s != null) {
                        sink.accept(key, s);
                    }
                } catch (CellProblem p) {
                    // reported when the parent map itself runs
                }
            }
        }
    }

    /** The joined key of a row, or null when a key cell is empty. */
    static String key(List<Compiler.Eval> evals, String[] cells) {
        if (evals.size() == 1) {
            return evals.get(0).apply(cells);
        }
        StringBuilder sb = new StringBuilder();
        for (Compiler.Eval e : evals) {
            String v = e.apply(cells);
            if (v == null) {
                return null;
            }
            sb.append(v).append('\u0000');
        }
        return sb.toString();
    }

    List<Node> get(String key) {
        return subjects.getOrDefault(key, List.of());
    }
}
