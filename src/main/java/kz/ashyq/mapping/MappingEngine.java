package kz.ashyq.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.config.LoadOptions;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;

/**
 * Runs a mapping: reads each CSV source once, row by row, applies every triples map over that
 * source, and writes triples (or quads, under graph maps) to a {@link StreamRDF}. Memory holds
 * one row, the compiled maps, and the parent side of joins across files.
 */
public final class MappingEngine {

    /** Told of progress every {@value #PROGRESS_EVERY} rows and at the end of each source. */
    @FunctionalInterface
    public interface Progress {
        /** Rows read so far in this source, and triples written so far in this run. */
        void update(java.nio.file.Path file, long rows, long triples);

        /** A listener that says nothing. */
        Progress NONE = (f, r, t) -> {};
    }

    static final int PROGRESS_EVERY = 10_000;

    private final Mapping mapping;
    private final LoadOptions options;
    private final Progress progress;
    private final FunctionContext functions;
    private final MappingReport report;
    private final Map<String, JoinIndex> joinIndexes = new HashMap<>();
    private long triples;

    private MappingEngine(Mapping mapping, LoadOptions options, Progress progress) {
        this.mapping = mapping;
        this.options = options;
        this.progress = progress;
        this.functions = new FunctionContext(mapping.file().toAbsolutePath().getParent());
        this.report = new MappingReport(options.maxReportedErrors());
    }

    /**
     * Maps every row of every source to {@code out}.
     *
     * @return what the run did
     * @throws MappingException when the mapping does not fit its sources (an unknown column)
     * @throws DataException when a source cannot be read
     * @throws BadDataException when cells do not fit the mapping and the options are strict;
     *     the triples already written must then be discarded
     */
    public static MappingReport run(Mapping mapping, LoadOptions options, StreamRDF out, Progress progress) {
        return new MappingEngine(mapping, options, progress).run(out);
    }

    private MappingReport run(StreamRDF out) {
        Map<CsvSource, List<TriplesMap>> bySource = new LinkedHashMap<>();
        for (TriplesMap tm : mapping.triplesMaps().values()) {
            bySource.computeIfAbsent(tm.source(), s -> new ArrayList<>()).add(tm);
        }
        for (Map.Entry<CsvSource, List<TriplesMap>> e : bySource.entrySet()) {
            runSource(e.getKey(), e.getValue(), out);
        }
        report.triples(triples);
        report.unmatched(functions.misses());
        if (report.problemCount() > 0 && !options.lenient()) {
            throw new BadDataException(mapping.file(), report);
        }
        return report;
    }

    private void runSource(CsvSource source, List<TriplesMap> maps, StreamRDF out) {
        try (CsvReader reader = CsvReader.open(source)) {
            report.encoding(source.file(), reader.charset(), reader.encodingDetected());
            Compiler compiler = new Compiler(source, reader.header(), functions);
            List<CompiledMap> compiled = new ArrayList<>();
            for (TriplesMap tm : maps) {
                compiled.add(new CompiledMap(tm, compiler));
            }
            long rows = 0;
            while (reader.hasNext()) {
                CsvReader.Row row = reader.next();
                functions.startRow();
                for (CompiledMap cm : compiled) {
                    cm.apply(row, out);
                }
                if (++rows % PROGRESS_EVERY == 0) {
                    progress.update(source.file(), rows, triples);
                }
            }
            report.rows(source.file(), rows);
            progress.update(source.file(), rows, triples);
        }
    }

    private void problem(CsvSource source, CsvReader.Row row, CellProblem p, Location where) {
        report.problem(DataException.describe(source.file(), row.number(), p.column)
                + " (line " + row.line() + "): " + p.getMessage() + " [mapping " + where + "]");
    }

    private void emit(StreamRDF out, Node g, Node s, Node p, Node o) {
        if (g == null || Quad.isDefaultGraph(g)) {
            out.triple(Triple.create(s, p, o));
        } else {
            out.quad(Quad.create(g, s, p, o));
        }
        triples++;
    }

    /** A triples map bound to the header of its source. */
    private final class CompiledMap {
        private final TriplesMap tm;
        private final TermMaker subject;
        private final List<Node> classes = new ArrayList<>();
        private final List<TermMaker> subjectGraphs = new ArrayList<>();
        private final List<CompiledPom> poms = new ArrayList<>();
        /** A map that reads no column makes the same triples for every row: made once. */
        private final boolean constant;
        private boolean done;

        CompiledMap(TriplesMap tm, Compiler compiler) {
            this.tm = tm;
            this.constant = readsNoColumn(tm);
            String base = options.base().value();
            this.subject = new TermMaker(tm.subject(), compiler, base);
            for (String c : tm.classes()) {
                classes.add(org.apache.jena.graph.NodeFactory.createURI(c));
            }
            for (TermMap g : tm.subjectGraphs()) {
                subjectGraphs.add(new TermMaker(g, compiler, base));
            }
            for (PredicateObjectMap pom : tm.predicateObjects()) {
                poms.add(new CompiledPom(pom, compiler, tm));
            }
        }

        void apply(CsvReader.Row row, StreamRDF out) {
            if (constant) {
                if (done) {
                    return;
                }
                done = true;
            }
            String[] cells = row.cells();
            Node s;
            try {
                s = subject.make(cells);
            } catch (CellProblem p) {
                problem(tm.source(), row, p, tm.subject().where());
                return;
            }
            if (s == null) {
                return;
            }
            List<Node> sg = graphs(subjectGraphs, row, tm.where());
            for (Node c : classes) {
                for (Node g : sg) {
                    emit(out, g, s, org.apache.jena.vocabulary.RDF.Nodes.type, c);
                }
            }
            for (CompiledPom pom : poms) {
                pom.apply(s, row, out);
            }
        }

        List<Node> graphs(List<TermMaker> makers, CsvReader.Row row, Location where) {
            if (makers.isEmpty()) {
                return java.util.Collections.singletonList(null);
            }
            List<Node> out = new ArrayList<>(makers.size());
            for (TermMaker m : makers) {
                try {
                    Node g = m.make(row.cells());
                    if (g != null) {
                        out.add(g);
                    }
                } catch (CellProblem p) {
                    problem(tm.source(), row, p, where);
                }
            }
            return out;
        }

        /** A predicate-object map bound to the header. */
        private final class CompiledPom {
            private final PredicateObjectMap pom;
            private final List<TermMaker> predicates = new ArrayList<>();
            private final List<TermMaker> objects = new ArrayList<>();
            private final List<ObjectRef> refs = new ArrayList<>();
            private final List<TermMaker> graphs = new ArrayList<>();

            CompiledPom(PredicateObjectMap pom, Compiler compiler, TriplesMap owner) {
                this.pom = pom;
                String base = options.base().value();
                pom.predicates().forEach(p -> predicates.add(new TermMaker(p, compiler, base)));
                pom.graphs().forEach(g -> graphs.add(new TermMaker(g, compiler, base)));
                for (ObjectMap om : pom.objects()) {
                    if (om instanceof ObjectMap.Term t) {
                        objects.add(new TermMaker(t.term(), compiler, base));
                    } else {
                        refs.add(new ObjectRef((ObjectMap.Ref) om, compiler, owner));
                    }
                }
            }

            void apply(Node s, CsvReader.Row row, StreamRDF out) {
                List<Node> ps = make(predicates, row);
                if (ps.isEmpty()) {
                    return;
                }
                List<Node> os = make(objects, row);
                for (ObjectRef ref : refs) {
                    os.addAll(ref.objects(row));
                }
                List<Node> gs = CompiledMap.this.graphs(graphs, row, tm.where());
                for (Node p : ps) {
                    for (Node o : os) {
                        for (Node g : gs) {
                            emit(out, g, s, p, o);
                        }
                    }
                }
            }

            private List<Node> make(List<TermMaker> makers, CsvReader.Row row) {
                List<Node> out = new ArrayList<>(makers.size() + 1);
                for (int i = 0; i < makers.size(); i++) {
                    try {
                        Node n = makers.get(i).make(row.cells());
                        if (n != null) {
                            out.add(n);
                        }
                    } catch (CellProblem p) {
                        problem(tm.source(), row, p, where(i));
                    }
                }
                return out;
            }

            private Location where(int objectIndex) {
                return objectIndex < pom.objects().size() && pom.objects().get(objectIndex) instanceof ObjectMap.Term t
                        ? t.term().where() : tm.where();
            }
        }
    }

    private static boolean readsNoColumn(TriplesMap tm) {
        List<TermMap> terms = new ArrayList<>(tm.subjectGraphs());
        terms.add(tm.subject());
        for (PredicateObjectMap pom : tm.predicateObjects()) {
            terms.addAll(pom.predicates());
            terms.addAll(pom.graphs());
            for (ObjectMap om : pom.objects()) {
                if (!(om instanceof ObjectMap.Term t)) {
                    return false;
                }
                terms.add(t.term());
            }
        }
        return terms.stream().allMatch(t -> t.expr() instanceof Expr.Constant
                && (t.language() == null || t.language() instanceof Expr.Constant));
    }

    /** A referencing object map: the parent's subject from this row, or joined by key. */
    private final class ObjectRef {
        private final TermMaker sameRowSubject;
        private final List<Compiler.Eval> childKeys = new ArrayList<>();
        private final JoinIndex index;

        ObjectRef(ObjectMap.Ref ref, Compiler compiler, TriplesMap owner) {
            TriplesMap parent = mapping.triplesMaps().get(ref.parentMap());
            if (ref.joins().isEmpty()) {
                if (!parent.source().equals(owner.source())) {
                    throw new MappingException(ref.where(), "mapping '" + ref.parentMap()
                            + "' reads another source: a join condition is needed");
                }
                this.sameRowSubject = new TermMaker(parent.subject(), compiler, options.base().value());
                this.index = null;
            } else {
                this.sameRowSubject = null;
                for (ObjectMap.Join j : ref.joins()) {
                    childKeys.add(compiler.compile(j.child(), false, ref.where()));
                }
                String key = ref.parentMap() + "\u0000" + ref.joins();
                this.index = joinIndexes.computeIfAbsent(key, k -> JoinIndex.build(parent, ref, functions,
                        options.base().value()));
            }
        }

        List<Node> objects(CsvReader.Row row) {
            if (sameRowSubject != null) {
                Node n = sameRowSubject.make(row.cells());
                return n == null ? List.of() : List.of(n);
            }
            String key = JoinIndex.key(childKeys, row.cells());
            return key == null ? List.of() : index.get(key);
        }
    }
}
