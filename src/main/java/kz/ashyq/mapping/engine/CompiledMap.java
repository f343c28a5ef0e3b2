package kz.ashyq.mapping.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kz.ashyq.mapping.CellProblem;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.ObjectMap;
import kz.ashyq.mapping.PredicateObjectMap;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.TermMap;
import kz.ashyq.mapping.TriplesMap;
import kz.ashyq.mapping.ntriples.NTriplesEncoder;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/** A triples map bound to the columns of its source: per row, a subject and its triples. */
final class CompiledMap {

    private final TriplesMap tm;
    private final RunState run;
    private final TermMaker subject;
    private final List<Node> classes = new ArrayList<>();
    private final List<TermMaker> subjectGraphs = new ArrayList<>();
    private final List<CompiledPom> poms = new ArrayList<>();
    /** Per class, what follows the subject in its {@code rdf:type} triple, encoded once. */
    private final List<byte[]> classTails = new ArrayList<>();
    /** The subject of the row being encoded, copied into every one of its triples. */
    private byte[] subjectBytes = new byte[256];
    private int subjectLength;
    /** A map that reads no column makes the same triples for every row: made once. */
    private final boolean constant;
    private boolean done;

    CompiledMap(TriplesMap tm, Compiler compiler, RunState run) {
        this.tm = tm;
        this.run = run;
        this.constant = readsNoColumn(tm);
        this.subject = new TermMaker(tm.subject(), compiler, run.base);
        for (String c : tm.classes()) {
            classes.add(NodeFactory.createURI(c));
            NTriplesEncoder tail = new NTriplesEncoder(128);
            tail.ascii(' ');
            tail.term(RDF.Nodes.type);
            tail.ascii(' ');
            tail.term(classes.get(classes.size() - 1));
            tail.end();
            classTails.add(tail.copy(0));
        }
        for (TermMap g : tm.subjectGraphs()) {
            subjectGraphs.add(new TermMaker(g, compiler, run.base));
        }
        for (PredicateObjectMap pom : tm.predicateObjects()) {
            poms.add(new CompiledPom(pom, compiler));
        }
    }

    void apply(RowSource.Row row) {
        if (constant) {
            if (done) {
                return;
            }
            done = true;
        }
        Node s;
        try {
            s = subject.make(row);
        } catch (CellProblem p) {
            run.problem(tm.source(), row, p, tm.subject().where());
            return;
        }
        if (s == null) {
            return;
        }
        if (run.provenance != null) {
            run.provenance.derived(s, tm.source(), row);
        }
        List<Node> sg = graphs(subjectGraphs, row);
        for (int i = 0; i < classes.size(); i++) {
            for (int k = 0; k < sg.size(); k++) {
                run.emit(sg.get(k), s, RDF.Nodes.type, classes.get(i));
            }
        }
        for (int i = 0; i < poms.size(); i++) { // by index: an iterator per row is garbage the JIT keeps
            poms.get(i).apply(s, row);
        }
    }

    /**
     * Whether the rows of this map can be encoded to N-Triples without nodes ({@link #encode}):
     * no graph map, and one predicate and one object, not a join, per predicate-object map.
     */
    boolean encodable() {
        return subjectGraphs.isEmpty() && poms.stream().allMatch(p -> p.single);
    }

    /**
     * Writes the triples of a row as N-Triples, the bytes {@link #apply} would have the writer
     * write for them, but without making a node or a triple. Only for an {@link #encodable()} map.
     */
    void encode(RowSource.Row row, NTriplesEncoder out) {
        if (constant) {
            if (done) {
                return;
            }
            done = true;
        }
        int start = out.length();
        try {
            if (!subject.encode(row, out)) {
                return;
            }
        } catch (CellProblem p) {
            out.truncate(start);
            run.problem(tm.source(), row, p, tm.subject().where());
            return;
        }
        subjectLength = out.length() - start;
        if (subjectLength > subjectBytes.length) {
            subjectBytes = new byte[subjectLength];
        }
        System.arraycopy(out.bytes(), start, subjectBytes, 0, subjectLength);
        out.truncate(start);
        for (int i = 0; i < classTails.size(); i++) {
            out.write(subjectBytes, subjectLength);
            out.write(classTails.get(i));
            run.triples++;
        }
        for (int i = 0; i < poms.size(); i++) {
            poms.get(i).encode(row, out);
        }
    }

    /** The graphs of a row: the dataset's graph when there are no graph maps. */
    private List<Node> graphs(List<TermMaker> makers, RowSource.Row row) {
        if (makers.isEmpty()) {
            return Collections.singletonList(null);
        }
        List<Node> out = new ArrayList<>(makers.size());
        for (TermMaker m : makers) {
            try {
                Node g = m.make(row);
                if (g == null) {
                    continue;
                }
                if (!g.isURI()) {
                    throw new CellProblem(null, "a graph must be an IRI, not " + g, false);
                }
                out.add(g);
            } catch (CellProblem p) {
                run.problem(tm.source(), row, p, tm.where());
            }
        }
        return out;
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

    /** A predicate-object map bound to the columns. */
    private final class CompiledPom {
        private final List<TermMaker> predicates = new ArrayList<>();
        private final List<TermMaker> objects = new ArrayList<>();
        private final List<Location> objectPlaces = new ArrayList<>();
        private final List<ObjectRef> refs = new ArrayList<>();
        private final List<TermMaker> graphs = new ArrayList<>();
        /** One predicate, one object, no join, no graph map: most maps, made without lists. */
        private final boolean single;
        /** A single map's constant predicate with a space either side, as {@link #encode} writes it; else null. */
        private final byte[] spacedPredicate;

        CompiledPom(PredicateObjectMap pom, Compiler compiler) {
            pom.predicates().forEach(p -> predicates.add(new TermMaker(p, compiler, run.base)));
            pom.graphs().forEach(g -> graphs.add(new TermMaker(g, compiler, run.base)));
            for (ObjectMap om : pom.objects()) {
                if (om instanceof ObjectMap.Term t) {
                    objects.add(new TermMaker(t.term(), compiler, run.base));
                    objectPlaces.add(t.term().where());
                } else {
                    refs.add(new ObjectRef((ObjectMap.Ref) om, compiler, tm, run));
                }
            }
            single = predicates.size() == 1 && objects.size() == 1 && refs.isEmpty() && graphs.isEmpty();
            spacedPredicate = single ? predicates.get(0).spaced() : null;
        }

        void apply(Node s, RowSource.Row row) {
            if (single) {
                applySingle(s, row);
                return;
            }
            List<Node> ps = make(predicates, row, null);
            if (ps.isEmpty()) {
                return;
            }
            // functions that propose links for review need to know what they are linking
            run.functions.focus(s.isURI() ? s.getURI() : null, ps.get(0).getURI());
            List<Node> os;
            try {
                os = make(objects, row, objectPlaces);
            } finally {
                run.functions.focus(null, null);
            }
            boolean deferred = false;
            for (ObjectRef ref : refs) {
                if (ref.deferred()) {
                    deferred = true;
                } else {
                    os.addAll(ref.objects(row));
                }
            }
            if (os.isEmpty() && !deferred) {
                return;
            }
            List<Node> gs = graphs(graphs, row);
            for (Node p : ps) {
                for (Node o : os) {
                    for (Node g : gs) {
                        run.emit(g, s, p, o);
                    }
                }
            }
            for (ObjectRef ref : refs) {
                if (ref.deferred()) {
                    ref.defer(s, ps, gs, row);
                }
            }
        }

        private void applySingle(Node s, RowSource.Row row) {
            Node p;
            try {
                p = predicates.get(0).make(row);
            } catch (CellProblem e) {
                run.problem(tm.source(), row, e, tm.where());
                return;
            }
            if (p == null) {
                return;
            }
            run.functions.focus(s.isURI() ? s.getURI() : null, p.getURI());
            Node o;
            try {
                o = objects.get(0).make(row);
            } catch (CellProblem e) {
                run.problem(tm.source(), row, e, objectPlaces.get(0));
                return;
            } finally {
                run.functions.focus(null, null);
            }
            if (o != null) {
                run.emit(null, s, p, o);
            }
        }

        /** The one triple of a single map for a row, encoded after the row's subject; none when a term has no value. */
        void encode(RowSource.Row row, NTriplesEncoder out) {
            int start = out.length();
            out.write(subjectBytes, subjectLength);
            if (spacedPredicate != null) {
                out.write(spacedPredicate);
            } else {
                out.ascii(' ');
                if (!term(predicates.get(0), row, out, start, tm.where())) {
                    return;
                }
                out.ascii(' ');
            }
            if (!term(objects.get(0), row, out, start, objectPlaces.get(0))) {
                return;
            }
            out.end();
            run.triples++;
        }

        /** Encodes a term; when it has no value or a problem, takes the triple back to {@code start}. */
        private boolean term(TermMaker maker, RowSource.Row row, NTriplesEncoder out, int start, Location where) {
            try {
                if (maker.encode(row, out)) {
                    return true;
                }
            } catch (CellProblem e) {
                run.problem(tm.source(), row, e, where);
            }
            out.truncate(start);
            return false;
        }

        private List<Node> make(List<TermMaker> makers, RowSource.Row row, List<Location> places) {
            List<Node> out = new ArrayList<>(makers.size() + 1);
            for (int i = 0; i < makers.size(); i++) {
                try {
                    Node n = makers.get(i).make(row);
                    if (n != null) {
                        out.add(n);
                    }
                } catch (CellProblem p) {
                    run.problem(tm.source(), row, p, places == null ? tm.where() : places.get(i));
                }
            }
            return out;
        }
    }
}
