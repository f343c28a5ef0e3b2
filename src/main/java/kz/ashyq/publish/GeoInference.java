package kz.ashyq.publish;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * GeoSPARQL's RDFS entailment extension, materialised as a release is written: the triples that
 * RDFS entails (sub-classes, sub-properties, domains and ranges: rules rdfs2, 3, 7 and 9) from the
 * GeoSPARQL schema, the Simple Features class hierarchy and the schema triples of the release
 * itself, where the class or property entailed is GeoSPARQL's ({@code geo:}, {@code sf:},
 * {@code gml:}). A thing with a {@code geo:hasDefaultGeometry} is a {@code geo:Feature} with a
 * {@code geo:hasGeometry}; an {@code sf:Polygon} is an {@code sf:Surface}, a {@code geo:Geometry}
 * and a {@code geo:SpatialObject}; a mapping's {@code ex:site rdfs:subPropertyOf geo:hasGeometry}
 * makes its sites' features. Other entailments (a class of schema.org's) are not made: RDFS over
 * the whole store is not what a publisher asked for.
 *
 * <p>Each triple's entailments depend on that triple and the schema only, so they are made as the
 * triples stream, with the answers per predicate and class remembered. Entailments already sent
 * for the current subject are not sent again.
 */
final class GeoInference extends StreamRDFWrapper {

    private static final List<String> SPACES = List.of("http://www.opengis.net/ont/geosparql#",
            "http://www.opengis.net/ont/sf#", "http://www.opengis.net/ont/gml#");
    private static final String GEOSPARQL_SCHEMA = "schema/geosparql_vocab_all_v1_0_1_updated.rdf";
    private static final String SF_SCHEMA = "/kz/ashyq/publish/sf-geometries.ttl";
    /** Schema triples a release may state: more are ignored (a schema is small; a million would be data). */
    static final int SCHEMA_KEPT = 10_000;

    /** What a predicate entails: its super-properties, its subject's and its object's classes. */
    private record Entails(List<Node> properties, List<Node> subjectTypes, List<Node> objectTypes) {
        boolean none() {
            return properties.isEmpty() && subjectTypes.isEmpty() && objectTypes.isEmpty();
        }
    }

    private static final Entails NONE = new Entails(List.of(), List.of(), List.of());

    private final Graph schema;
    private final Map<Node, Entails> byPredicate = new HashMap<>();
    private final Map<Node, List<Node>> byClass = new HashMap<>();
    private final Set<Triple> sent = new HashSet<>();
    private Node subject;
    private long added;

    /** Entails from the GeoSPARQL schemas and {@code releaseSchema} (a release's own schema triples). */
    GeoInference(StreamRDF out, Collection<Triple> releaseSchema) {
        super(out);
        this.schema = baseSchema();
        releaseSchema.forEach(schema::add);
    }

    /** Takes in a schema triple seen after the start (while staging, to count what will be entailed). */
    void learn(Triple t) {
        if (schema.size() < BASE.size() + SCHEMA_KEPT) {
            schema.add(t);
            byPredicate.clear();
            byClass.clear();
        }
    }

    /** Whether a triple is one of the schema triples that entailment reads. */
    static boolean isSchema(Triple t) {
        Node p = t.getPredicate();
        return t.getSubject().isURI() && t.getObject().isURI() && (p.equals(RDFS.Nodes.subClassOf)
                || p.equals(RDFS.Nodes.subPropertyOf) || p.equals(RDFS.Nodes.domain) || p.equals(RDFS.Nodes.range));
    }

    @Override
    public void triple(Triple t) {
        super.triple(t);
        if (!t.getSubject().equals(subject)) {
            subject = t.getSubject();
            sent.clear();
        }
        Node p = t.getPredicate();
        if (p.equals(RDF.Nodes.type)) {
            if (t.getObject().isURI()) {
                for (Node c : byClass.computeIfAbsent(t.getObject(), this::superClasses)) {
                    send(Triple.create(t.getSubject(), RDF.Nodes.type, c));
                }
            }
            return;
        }
        Entails e = byPredicate.computeIfAbsent(p, this::entails);
        if (e.none()) {
            return;
        }
        for (Node q : e.properties()) {
            send(Triple.create(t.getSubject(), q, t.getObject()));
        }
        for (Node c : e.subjectTypes()) {
            send(Triple.create(t.getSubject(), RDF.Nodes.type, c));
        }
        if (!t.getObject().isLiteral()) {
            for (Node c : e.objectTypes()) {
                send(Triple.create(t.getObject(), RDF.Nodes.type, c));
            }
        }
    }

    /** Triples entailed and sent. */
    long added() {
        return added;
    }

    private void send(Triple t) {
        if (sent.add(t)) {
            super.triple(t);
            added++;
        }
    }

    private Entails entails(Node p) {
        Set<Node> props = closure(p, RDFS.Nodes.subPropertyOf);
        Set<Node> domains = new LinkedHashSet<>();
        Set<Node> ranges = new LinkedHashSet<>();
        for (Node q : props) {
            schema.find(q, RDFS.Nodes.domain, Node.ANY).forEach(d -> domains.addAll(closure(d.getObject(), RDFS.Nodes.subClassOf)));
            schema.find(q, RDFS.Nodes.range, Node.ANY).forEach(r -> ranges.addAll(closure(r.getObject(), RDFS.Nodes.subClassOf)));
        }
        props.remove(p);
        Entails e = new Entails(ours(props), ours(domains), ours(ranges));
        return e.none() ? NONE : e;
    }

    private List<Node> superClasses(Node c) {
        Set<Node> supers = closure(c, RDFS.Nodes.subClassOf);
        supers.remove(c);
        return ours(supers);
    }

    /** {@code start} and everything it reaches by {@code via}, in breadth-first order. */
    private Set<Node> closure(Node start, Node via) {
        Set<Node> seen = new LinkedHashSet<>(List.of(start));
        ArrayDeque<Node> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            schema.find(todo.poll(), via, Node.ANY).forEach(t -> {
                if (t.getObject().isURI() && seen.add(t.getObject())) {
                    todo.add(t.getObject());
                }
            });
        }
        return seen;
    }

    private static List<Node> ours(Collection<Node> nodes) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.isURI() && SPACES.stream().anyMatch(n.getURI()::startsWith)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /** The GeoSPARQL 1.0 schema Jena ships, and the Simple Features hierarchy: read once. */
    private static Graph baseSchema() {
        Graph g = GraphFactory.createDefaultGraph();
        BASE.find().forEach(g::add);
        return g;
    }

    private static final Graph BASE = readBase();

    private static Graph readBase() {
        Graph g = GraphFactory.createDefaultGraph();
        StreamRDF into = StreamRDFLib.graph(g);
        try (InputStream geo = org.apache.jena.geosparql.configuration.GeoSPARQLConfig.class.getClassLoader()
                .getResourceAsStream(GEOSPARQL_SCHEMA);
                InputStream sf = GeoInference.class.getResourceAsStream(SF_SCHEMA)) {
            if (geo == null || sf == null) {
                throw new IllegalStateException("the GeoSPARQL schema is missing from the class path");
            }
            RDFParser.source(geo).lang(Lang.RDFXML).parse(into);
            RDFParser.source(sf).lang(Lang.TURTLE).parse(into);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Graph schema = GraphFactory.createDefaultGraph();
        g.find().filterKeep(GeoInference::isSchema).forEach(schema::add);
        return schema;
    }
}
