package kz.ashyq.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.store.IncomingLinks;
import kz.ashyq.store.IndexReads;
import kz.ashyq.store.ReadMemo;
import kz.ashyq.store.Store;
import kz.ashyq.web.Views.Group;
import kz.ashyq.web.Views.Link;
import kz.ashyq.web.Views.Value;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;

/**
 * Reads what pages and documents show, each request in one read transaction of the store.
 * Incoming links are counted per predicate and paged, never fetched whole: an oblast has
 * thousands of units pointing at it. The page of a hub (a thing with hundreds of links in) shows
 * fifty labelled, mapped links per predicate where another shows a handful, so a hub's page, once
 * read, is kept for as long as the data it was read from is what the store serves.
 */
final class EntityService {

    /** Incoming links shown per predicate and page. */
    static final int PAGE = 50;

    /** Pages of hubs kept at most, by thing, language and page of links. */
    private static final int HUB_PAGES = 512;

    private final Store store;
    private final Paths paths;
    private final ReadMemo<List<Object>, Views.EntityPage> hubPages = new ReadMemo<>(HUB_PAGES);

    EntityService(Store store, Paths paths) {
        this.store = store;
        this.paths = paths;
    }

    /** Whether the store describes {@code iri}: it is a subject in some graph. */
    boolean exists(String iri) {
        Node n = NodeFactory.createURI(iri);
        return store.read(d -> {
            Iterator<Quad> it = d.find(Node.ANY, n, Node.ANY, Node.ANY);
            try {
                return it.hasNext();
            } finally {
                Iter.close(it);
            }
        });
    }

    /**
     * The graphs that say something about a thing, as dataset ids ({@code graph/{id}}) or, for
     * the catalogue's and the vocabulary's graphs, their paths: empty when the store does not
     * describe the thing.
     */
    List<String> graphsOf(String iri) {
        Node n = NodeFactory.createURI(iri);
        // straight off the indexes, not through SPARQL: this runs on every document request
        return store.read(d -> {
            Set<Node> graphs = new LinkedHashSet<>();
            Iterator<Quad> it = d.find(Node.ANY, n, Node.ANY, Node.ANY);
            try {
                it.forEachRemaining(q -> graphs.add(q.getGraph()));
            } finally {
                Iter.close(it);
            }
            return graphNames(graphs);
        });
    }

    /** Graphs as {@link #graphsOf} names them: dataset ids for {@code graph/{id}}, else the IRI. */
    private List<String> graphNames(Set<Node> graphs) {
        String prefix = paths.base().graphs();
        List<String> out = new ArrayList<>();
        for (Node g : graphs) {
            if (g.isURI() && !Quad.isDefaultGraph(g)) {
                String u = g.getURI();
                out.add(u.startsWith(prefix) ? u.substring(prefix.length()) : u);
            }
        }
        return out;
    }

    /** The dataset ids among the graphs of {@link #graphsOf}. */
    static List<String> datasets(List<String> graphs) {
        return graphs.stream().filter(id -> id.matches("[a-z0-9][a-z0-9-]*")).toList();
    }

    /**
     * A thing's RDF document: its own triples, then the incoming links its page shows first (up to
     * {@value #PAGE} per predicate, most used predicate first), read straight off the store's
     * indexes (no query to plan). An oblast's document stays small; SPARQL gives all the links.
     */
    record Document(List<String> graphs, Collection<Triple> triples) {
        /** The triples as a graph, for the writers that want one. */
        Graph graph() {
            Graph g = GraphFactory.createDefaultGraph();
            triples.forEach(g::add);
            return g;
        }
    }

    /** The document, with the graphs of {@link #graphsOf}, in one read. */
    Document document(String iri) {
        Node n = NodeFactory.createURI(iri);
        return store.read(d -> {
            IndexReads.Neighbourhood own = IndexReads.neighbourhood(d, n);
            Set<Triple> triples = new LinkedHashSet<>(own.triples());
            IncomingLinks.Incoming in = store.incomingLinks().read(d, n, null, 0, PAGE);
            in.counts().keySet().forEach(p -> in.shown().get(p).forEach(s -> triples.add(Triple.create(s, p, n))));
            return new Document(graphNames(own.graphs()), triples);
        });
    }

    /** The HTML view of a thing, with incoming links of predicate {@code morePredicate} paged. */
    Views.EntityPage page(String iri, String lang, String morePredicate, int pageNo) {
        return store.read(d -> {
            List<Object> key = java.util.Arrays.asList(iri, lang, morePredicate, pageNo);
            Views.EntityPage kept = hubPages.get(d, key);
            if (kept != null) {
                return kept;
            }
            Node node = NodeFactory.createURI(iri);
            Map<String, List<Node>> outgoing = outgoing(d, node);
            // counted on the index without decoding a node, and only the page asked for decoded
            Node paged = morePredicate == null ? null : NodeFactory.createURI(morePredicate);
            IncomingLinks.Incoming in = store.incomingLinks().read(d, node, paged, (long) Math.max(0, pageNo) * PAGE, PAGE);
            Views.EntityPage page = page(d, node, lang, outgoing, in, morePredicate, pageNo);
            if (in.hub()) {
                hubPages.put(d, key, page);
            }
            return page;
        });
    }

    private Views.EntityPage page(DatasetGraph d, Node node, String lang, Map<String, List<Node>> outgoing,
            IncomingLinks.Incoming in, String morePredicate, int pageNo) {
        String iri = node.getURI();
        Map<String, Long> incomingCounts = new LinkedHashMap<>();
        Map<String, List<String>> incoming = new LinkedHashMap<>();
        in.counts().forEach((p, n) -> {
            if (p.isURI()) {
                incomingCounts.put(p.getURI(), n);
                incoming.put(p.getURI(), in.shown().get(p).stream().map(Node::getURI).toList());
            }
        });
        List<String> toLabel = new ArrayList<>(outgoing.keySet());
        outgoing.values().forEach(list -> list.stream().filter(Node::isURI).forEach(n -> toLabel.add(n.getURI())));
        toLabel.addAll(incomingCounts.keySet());
        incoming.values().forEach(toLabel::addAll);
        toLabel.add(iri);
        Map<String, Map<Node, List<Node>>> facts = facts(d, toLabel, Figures.PLACE_PROPERTIES);
        Map<String, Map<String, String>> labels = labelsOf(facts);
        List<String> mappable = new ArrayList<>(List.of(iri));
        incoming.values().forEach(mappable::addAll);
        Views.EntityPage page = build(iri, lang, outgoing, incomingCounts, incoming, labels, morePredicate, pageNo);
        return page.withFigures(Figures.json(Figures.points(d, mappable, facts, this, lang)),
                Figures.json(Figures.series(d, node, this, lang)));
    }

    /** What a thing says, by predicate (predicates and values in a stable order), at most 5,000 values. */
    private static Map<String, List<Node>> outgoing(DatasetGraph d, Node node) {
        Set<Triple> seen = new LinkedHashSet<>();
        Iterator<Quad> it = d.find(Node.ANY, node, Node.ANY, Node.ANY);
        try {
            while (it.hasNext() && seen.size() < 5000) {
                seen.add(it.next().asTriple());
            }
        } finally {
            Iter.close(it);
        }
        Map<String, List<Node>> out = new java.util.TreeMap<>();
        seen.forEach(t -> out.computeIfAbsent(t.getPredicate().getURI(), k -> new ArrayList<>()).add(t.getObject()));
        out.values().forEach(list -> list.sort((a, b) -> a.toString().compareTo(b.toString())));
        return out;
    }

    private Views.EntityPage build(String iri, String lang, Map<String, List<Node>> outgoing,
            Map<String, Long> incomingCounts, Map<String, List<String>> incoming,
            Map<String, Map<String, String>> labels, String morePredicate, int pageNo) {
        List<Link> types = new ArrayList<>();
        List<Group> props = new ArrayList<>();
        for (Map.Entry<String, List<Node>> e : outgoing.entrySet()) {
            if (e.getKey().equals(RDF.type.getURI())) {
                e.getValue().stream().filter(Node::isURI).forEach(t -> types.add(link(t.getURI(), labels, lang)));
                continue;
            }
            List<Value> values = new ArrayList<>();
            for (Node o : sortByLanguage(e.getValue(), lang)) {
                values.add(value(o, labels, lang));
            }
            props.add(new Group(link(e.getKey(), labels, lang), values, values.size(), null));
        }
        String docPath = paths.docPath(iri);
        List<Group> in = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : incoming.entrySet()) {
            long total = incomingCounts.get(e.getKey());
            int shownPage = e.getKey().equals(morePredicate) ? pageNo : 0;
            boolean more = (long) (shownPage + 1) * PAGE < total;
            String moreHref = more && docPath != null
                    ? docPath + "?in=" + java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                            + "&page=" + (shownPage + 1) + "#in" : null;
            List<Value> values = e.getValue().stream().map(s -> new Value(null, null, null, link(s, labels, lang))).toList();
            in.add(new Group(link(e.getKey(), labels, lang), values, total, moreHref));
        }
        String label = labels.containsKey(iri) ? Languages.pick(labels.get(iri), lang) : null;
        String name = label == null ? iri : label;
        return new Views.EntityPage(iri, name, types, props, in, docPath,
                SchemaOrg.jsonLd(iri, name, lang, types, docPath == null ? null : paths.base().value() + docPath.substring(1)),
                null, null);
    }

    private static List<Node> sortByLanguage(List<Node> nodes, String lang) {
        List<String> chain = Languages.chain(lang);
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Integer.compare(rank(a, chain), rank(b, chain)));
        return sorted;
    }

    private static int rank(Node n, List<String> chain) {
        if (!n.isLiteral()) {
            return chain.size();
        }
        int i = chain.indexOf(n.getLiteralLanguage());
        return i < 0 ? chain.size() : i;
    }

    private Value value(Node o, Map<String, Map<String, String>> labels, String lang) {
        if (o.isURI()) {
            return new Value(null, null, null, link(o.getURI(), labels, lang));
        }
        if (o.isLiteral()) {
            String dt = o.getLiteralLanguage().isEmpty() ? shortDatatype(o.getLiteralDatatypeURI()) : null;
            return new Value(o.getLiteralLexicalForm(), o.getLiteralLanguage(), dt, null);
        }
        return new Value("_:" + o.getBlankNodeLabel(), null, null, null);
    }

    private static String shortDatatype(String dt) {
        if (dt == null || dt.equals("http://www.w3.org/2001/XMLSchema#string")) {
            return null;
        }
        return dt.startsWith("http://www.w3.org/2001/XMLSchema#") ? "xsd:" + dt.substring(33) : dt;
    }

    Link link(String iri, Map<String, Map<String, String>> labels, String lang) {
        Map<String, String> byLang = labels.get(iri);
        String label = byLang == null ? null : Languages.pick(byLang, lang);
        return new Link(paths.href(iri), label == null ? shortName(iri) : label, iri);
    }

    /** The last segment of an IRI, for things without a label. */
    static String shortName(String iri) {
        int i = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        String s = i >= 0 && i < iri.length() - 1 ? iri.substring(i + 1) : iri;
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The label properties, best first: a thing's label in a language is its best-ranked one. */
    private static final List<Node> LABEL_PROPERTIES = kz.ashyq.config.Namespaces.LABELS.stream()
            .map(NodeFactory::createURI).toList();

    /** The label properties and, after them, {@code extra}: what {@link #facts} reads for pages. */
    static List<Node> withLabels(List<Node> extra) {
        List<Node> all = new ArrayList<>(LABEL_PROPERTIES);
        all.addAll(extra);
        return all;
    }

    /**
     * The labels and {@code extra} properties of many resources, by resource and property: one
     * walk of each resource's index range (see {@link IndexReads#properties}), not a query.
     */
    static Map<String, Map<Node, List<Node>>> facts(DatasetGraph d, Collection<String> iris, List<Node> extra) {
        List<Node> subjects = new LinkedHashSet<>(iris).stream().map(NodeFactory::createURI).toList();
        Map<String, Map<Node, List<Node>>> out = new HashMap<>();
        IndexReads.properties(d, subjects, withLabels(extra)).forEach((s, props) -> out.put(s.getURI(), props));
        return out;
    }

    /**
     * Labels of many resources at once, by language tag ("" for none), best kind of label first.
     * Pages label a hundred things: read off the index, not by a query.
     */
    Map<String, Map<String, String>> labels(DatasetGraph d, Collection<String> iris) {
        return labelsOf(facts(d, iris, List.of()));
    }

    /** The labels in what {@link #facts} read. */
    static Map<String, Map<String, String>> labelsOf(Map<String, Map<Node, List<Node>>> facts) {
        Map<String, Map<String, String>> out = new HashMap<>();
        facts.forEach((iri, props) -> {
            Map<String, String> byLang = new HashMap<>();
            for (Node p : LABEL_PROPERTIES) {
                for (Node o : props.getOrDefault(p, List.of())) {
                    if (o.isLiteral()) {
                        byLang.putIfAbsent(o.getLiteralLanguage(), o.getLiteralLexicalForm());
                    }
                }
            }
            if (!byLang.isEmpty()) {
                out.put(iri, byLang);
            }
        });
        return out;
    }

    static QueryExecution exec(DatasetGraph d, Query q) {
        return QueryExecution.dataset(DatasetFactory.wrap(d)).query(q).build();
    }

    static void select(DatasetGraph d, Query q, java.util.function.Consumer<QuerySolution> each) {
        try (QueryExecution qe = exec(d, q)) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                each.accept(rs.next());
            }
        }
    }
}
