package kz.ashyq.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.catalog.Vocab;
import kz.ashyq.store.Store;
import kz.ashyq.web.conneg.Format;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Linked Data Event Streams (LDES 2.0 on TREE) of the releases: {@code /ldes/{id}} for a dataset,
 * {@code /ldes} for all. A member is a version of one thing as a release left it: the thing's
 * triples with the member as their subject, {@code dct:isVersionOf} the thing and
 * {@code prov:generatedAtTime} the release's date; a thing the release removed gets a version
 * typed {@code as:Delete}. The first release has a member for each of its things; a later one for
 * each thing whose triples it changed. Replaying the stream, the latest version of each thing
 * (an LDES client's {@code --materialize --last-version-only}) is the dataset as served.
 *
 * <p>Pages are {@code /ldes/{id}/{release}/{n}}, {@value #PAGE} things each in IRI order, linked
 * in time by {@code tree:GreaterThanOrEqualToRelation}s on the release date. A release never
 * changes, so a page that links to a next one never changes either and is served as immutable;
 * the newest page gains its link when the next release comes.
 */
final class LdesRoutes {

    /** Things per page. */
    static final int PAGE = 2_000;

    private static final Node VERSION_OF = iri(Vocab.DCT + "isVersionOf");
    private static final Node TIME = iri(Vocab.PROV + "generatedAtTime");
    private static final List<Format> OFFERED = List.of(Format.TURTLE, Format.JSONLD, Format.NTRIPLES, Format.RDFXML);

    private final Store store;
    private final Paths paths;
    /** The things of recent first releases, in order: listing them means reading the release whole. */
    private final Map<String, List<Node>> firstReleases = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Node>> e) {
                    return size() > 4;
                }
            });

    LdesRoutes(Store store, Paths paths) {
        this.store = store;
        this.paths = paths;
    }

    private String streamIri(String id) {
        return paths.base().ldes(id);
    }

    private String pageIri(String id, int release, int page) {
        return streamIri(id) + "/" + release + "/" + page;
    }

    /** {@code GET /ldes}: the stream of every dataset, a node that links to each dataset's first page. */
    void all(Context ctx) {
        Format f = format(ctx);
        Graph g = GraphFactory.createDefaultGraph();
        Node stream = iri(streamIri(null));
        describe(g, stream, "Every release of every dataset, as versions of its things");
        g.add(stream, iri(Vocab.TREE + "view"), stream);
        g.add(stream, RDF.Nodes.type, iri(Vocab.TREE + "Node"));
        store.read(d -> {
            for (String id : datasets(d)) {
                List<ReleaseHistory.Entry> entries = history(d, id).entries();
                if (!entries.isEmpty()) {
                    relation(g, stream, iri(pageIri(id, entries.get(0).number(), 1)), null);
                }
            }
            return null;
        });
        ctx.header("Cache-Control", "public, max-age=60");
        DocumentRoutes.rdf(ctx, g, f);
    }

    /** {@code GET /ldes/{id}}: the dataset's stream, its view the first page. */
    void stream(Context ctx) {
        Format f = format(ctx);
        String id = dataset(ctx);
        List<ReleaseHistory.Entry> entries = store.read(d -> history(d, id).entries());
        if (entries.isEmpty()) {
            throw HttpProblem.notFound(ctx.path());
        }
        Graph g = GraphFactory.createDefaultGraph();
        Node stream = iri(streamIri(id));
        describe(g, stream, "Every release of " + id + ", as versions of its things");
        g.add(stream, iri(Vocab.TREE + "view"), iri(pageIri(id, entries.get(0).number(), 1)));
        g.add(stream, iri(Vocab.DCT + "isPartOf"), iri(streamIri(null)));
        ctx.header("Cache-Control", "public, max-age=60");
        DocumentRoutes.rdf(ctx, g, f);
    }

    /** {@code GET /ldes/{id}/{release}/{page}}: a page of a release's versions. */
    void page(Context ctx) {
        Format f = format(ctx);
        String id = dataset(ctx);
        int release = number(ctx, "release");
        int page = number(ctx, "page");
        Graph g = GraphFactory.createDefaultGraph();
        boolean last = store.read(d -> page(d, g, id, release, page, ctx.path()));
        ctx.header("Cache-Control", last ? "public, max-age=60" : "public, max-age=31536000, immutable");
        DocumentRoutes.rdf(ctx, g, f);
    }

    /** Fills the page; says whether it is the newest (it may yet gain a link). */
    private boolean page(DatasetGraph d, Graph g, String id, int release, int page, String path) {
        ReleaseHistory history = history(d, id);
        ReleaseHistory.Entry e = history.get(release).orElseThrow(() -> HttpProblem.notFound(path));
        List<String> undo = new ArrayList<>();
        ReleaseHistory.Entry next = null;
        for (ReleaseHistory.Entry later : history.entries()) {
            if (later.number() > release) {
                undo.add(0, later.graph());
                next = next == null || later.number() < next.number() ? later : next;
            }
        }
        List<Node> things = things(d, id, e, undo);
        int pages = Math.max(1, (things.size() + PAGE - 1) / PAGE);
        if (page > pages) {
            throw HttpProblem.notFound(path);
        }
        List<Node> here = things.subList((page - 1) * PAGE, Math.min(things.size(), page * PAGE));
        Node node = iri(pageIri(id, release, page));
        Node stream = iri(streamIri(id));
        g.add(node, RDF.Nodes.type, iri(Vocab.TREE + "Node"));
        g.add(stream, RDF.Nodes.type, iri(Vocab.LDES + "EventStream"));
        g.add(stream, iri(Vocab.TREE + "view"), iri(pageIri(id, history.entries().get(0).number(), 1)));
        versions(d, g, id, e, undo, here);
        if (page < pages) {
            relation(g, node, iri(pageIri(id, release, page + 1)), e);
            return false;
        }
        if (next != null) {
            relation(g, node, iri(pageIri(id, next.number(), 1)), next);
            return false;
        }
        return true;
    }

    /** The versions of {@code things} as release {@code e} left them, members of both streams. */
    private void versions(DatasetGraph d, Graph g, String id, ReleaseHistory.Entry e, List<String> undo,
            List<Node> things) {
        Map<Node, Node> memberOf = new LinkedHashMap<>();
        for (Node thing : things) {
            Node member = iri(streamIri(id) + "/" + e.number() + "/version/" + hash(thing));
            memberOf.put(thing, member);
            for (Node stream : List.of(iri(streamIri(id)), iri(streamIri(null)))) {
                g.add(stream, iri(Vocab.TREE + "member"), member);
            }
            g.add(member, VERSION_OF, thing);
            g.add(member, TIME, NodeFactory.createLiteralDT(e.issued().toString(), XSDDatatype.XSDdateTime));
        }
        java.util.Set<Node> seen = new java.util.HashSet<>();
        store.releaseOf(d, paths.base().graph(id), e.graph(), undo, things, new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                Node member = memberOf.get(t.getSubject());
                if (member != null) {
                    seen.add(t.getSubject());
                    g.add(member, t.getPredicate(), t.getObject());
                }
            }
        });
        memberOf.forEach((thing, member) -> {
            if (!seen.contains(thing)) {
                g.add(member, RDF.Nodes.type, iri(Vocab.AS + "Delete"));
            }
        });
    }

    /** The things that have a version in a release, in IRI order: what it changed, or all of a first release. */
    private List<Node> things(DatasetGraph d, String id, ReleaseHistory.Entry e, List<String> undo) {
        java.util.Optional<SortedSet<Node>> changed = store.changedSubjects(e.graph());
        if (changed.isPresent()) {
            return changed.get().stream().filter(Node::isURI).toList();
        }
        // a release's things never change, whatever releases come after it
        String key = e.graph();
        List<Node> cached = firstReleases.get(key);
        if (cached != null) {
            return cached;
        }
        SortedSet<Node> all = new TreeSet<>(java.util.Comparator.comparing(Node::getURI));
        store.release(d, paths.base().graph(id), e.graph(), undo, new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                if (t.getSubject().isURI()) {
                    all.add(t.getSubject());
                }
            }
        });
        List<Node> out = List.copyOf(all);
        firstReleases.put(key, out);
        return out;
    }

    private void describe(Graph g, Node stream, String label) {
        g.add(stream, RDF.Nodes.type, iri(Vocab.LDES + "EventStream"));
        g.add(stream, iri(Vocab.LDES + "timestampPath"), TIME);
        g.add(stream, iri(Vocab.LDES + "versionOfPath"), VERSION_OF);
        g.add(stream, RDFS.Nodes.label, NodeFactory.createLiteralLang(label, "en"));
    }

    /** A link from one node to the next, for things at or after {@code from}'s date (null: no date). */
    private static void relation(Graph g, Node node, Node to, ReleaseHistory.Entry from) {
        Node r = NodeFactory.createBlankNode();
        g.add(node, iri(Vocab.TREE + "relation"), r);
        g.add(r, iri(Vocab.TREE + "node"), to);
        if (from == null) {
            g.add(r, RDF.Nodes.type, iri(Vocab.TREE + "Relation"));
            return;
        }
        g.add(r, RDF.Nodes.type, iri(Vocab.TREE + "GreaterThanOrEqualToRelation"));
        g.add(r, iri(Vocab.TREE + "path"), TIME);
        g.add(r, iri(Vocab.TREE + "value"), NodeFactory.createLiteralDT(from.issued().toString(), XSDDatatype.XSDdateTime));
    }

    private ReleaseHistory history(DatasetGraph d, String id) {
        return ReleaseHistory.read(paths.base(), id,
                d.getGraph(NodeFactory.createURI(ReleaseHistory.historyGraph(paths.base(), id))));
    }

    /** The datasets with a history of releases, by id. */
    private List<String> datasets(DatasetGraph d) {
        List<String> out = new ArrayList<>();
        d.listGraphNodes().forEachRemaining(n -> ReleaseHistory.datasetOf(paths.base(), n.getURI()).ifPresent(out::add));
        Collections.sort(out);
        return out;
    }

    private static Format format(Context ctx) {
        Vary.format(ctx);
        return DocumentRoutes.negotiate(ctx, OFFERED);
    }

    private static String dataset(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[a-z0-9-]+")) {
            throw HttpProblem.notFound(ctx.path());
        }
        return id;
    }

    private static int number(Context ctx, String name) {
        String n = ctx.pathParam(name);
        if (!n.matches("[1-9][0-9]{0,8}")) {
            throw HttpProblem.notFound(ctx.path());
        }
        return Integer.parseInt(n);
    }

    /** A short stable name for a thing's version: its IRI hashed. */
    private static String hash(Node thing) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(thing.getURI().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
