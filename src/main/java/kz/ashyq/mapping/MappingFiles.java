package kz.ashyq.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a mapping reads besides itself: its sources, its SHACL shapes, and the CSV files its
 * functions name in a constant {@code source} argument (lookup tables). What a client sends
 * with a mapping to a server, and what a server checks a mapping reads nothing else than.
 */
public final class MappingFiles {

    private MappingFiles() {}

    /** Every file the mapping reads, normalised, in the order it names them. */
    public static List<Path> of(Mapping mapping) {
        Set<Path> out = new LinkedHashSet<>();
        Path dir = mapping.file().toAbsolutePath().getParent();
        for (LogicalSource s : mapping.sources()) {
            out.add(s.file().toAbsolutePath().normalize());
        }
        for (Path p : mapping.shapes()) {
            out.add(p.toAbsolutePath().normalize());
        }
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            visit(tm.subject().expr(), dir, out);
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                pom.predicates().forEach(t -> visit(t.expr(), dir, out));
                pom.graphs().forEach(t -> visit(t.expr(), dir, out));
                for (ObjectMap om : pom.objects()) {
                    if (om instanceof ObjectMap.Term t) {
                        visit(t.term().expr(), dir, out);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static void visit(Expr e, Path dir, Set<Path> out) {
        if (e instanceof Expr.Call call) {
            for (Expr.Arg a : call.args()) {
                if (a.parameter().equals("source") && a.value() instanceof Expr.Constant c) {
                    Path p = dir.resolve(c.value()).normalize();
                    if (Files.isRegularFile(p)) {
                        out.add(p);
                    }
                }
                visit(a.value(), dir, out);
            }
        }
    }
}
