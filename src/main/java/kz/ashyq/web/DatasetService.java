package kz.ashyq.web;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.catalog.CatalogBuilder;
import kz.ashyq.catalog.Vocab;
import kz.ashyq.store.Store;
import kz.ashyq.web.Views.Alternate;
import kz.ashyq.web.Views.DatasetLine;
import kz.ashyq.web.Views.Link;
import kz.ashyq.web.Views.Partition;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.util.iterator.ExtendedIterator;

/** Reads the catalogue for the home and dataset pages, and streams dumps. */
final class DatasetService {

    private final Store store;
    private final Paths paths;
    private final EntityService entities;
    private final ReleaseRoutes releases;

    DatasetService(Store store, Paths paths, EntityService entities, ReleaseRoutes releases) {
        this.store = store;
        this.paths = paths;
        this.entities = entities;
        this.releases = releases;
    }

    /** The datasets, for the home page. */
    List<DatasetLine> list(String lang) {
        return store.read(d -> {
            List<String[]> rows = new ArrayList<>();
            EntityService.select(d, Queries.with("datasets", Map.of()), s -> rows.add(new String[] {
                s.getResource("ds").getURI(), s.getLiteral("id").getString(),
                Long.toString(s.getLiteral("triples").getLong()), Long.toString(s.getLiteral("entities").getLong()),
                s.contains("modified") ? s.getLiteral("modified").getLexicalForm() : "",
                s.contains("publisher") ? s.getResource("publisher").getURI() : null}));
            List<String> toLabel = new ArrayList<>();
            rows.forEach(r -> {
                toLabel.add(r[0]);
                if (r[5] != null) {
                    toLabel.add(r[5]);
                }
            });
            Map<String, Map<String, String>> labels = entities.labels(d, toLabel);
            Map<String, List<String>> themes = new java.util.HashMap<>();
            EntityService.select(d, Queries.with("dataset-themes", Map.of()), s -> themes.computeIfAbsent(
                    s.getResource("ds").getURI(), k -> new ArrayList<>()).add(s.contains("label")
                            ? s.getLiteral("label").getString() : s.getResource("theme").getLocalName()));
            List<DatasetLine> out = new ArrayList<>();
            for (String[] r : rows) {
                String title = Languages.pick(labels.getOrDefault(r[0], Map.of()), lang);
                String publisher = r[5] == null ? "" : Languages.pick(labels.getOrDefault(r[5], Map.of()), lang);
                out.add(new DatasetLine(r[1], paths.href(r[0]), title == null ? r[1] : title, publisher,
                        Long.parseLong(r[2]), Long.parseLong(r[3]), r[4].length() >= 10 ? r[4].substring(0, 10) : r[4],
                        r[5], List.copyOf(themes.getOrDefault(r[0], List.of()))));
            }
            out.sort((a, b) -> a.title().compareToIgnoreCase(b.title()));
            return out;
        });
    }

    /** The datasets an agency publishes, by title, each with the datasets it links to; empty for any other thing. */
    List<Views.Published> publishedBy(String agency, String lang) {
        return store.read(d -> {
            Map<String, Map<String, Long>> links = new java.util.TreeMap<>();
            EntityService.select(d, Queries.with("agency-datasets", Map.of("agency", new Queries.IriValue(agency))), s -> {
                Map<String, Long> to = links.computeIfAbsent(s.getResource("ds").getURI(), k -> new java.util.TreeMap<>());
                if (s.contains("target")) {
                    to.put(s.getResource("target").getURI(), s.getLiteral("links").getLong());
                }
            });
            List<String> toLabel = new ArrayList<>(links.keySet());
            links.values().forEach(m -> toLabel.addAll(m.keySet()));
            Map<String, Map<String, String>> labels = entities.labels(d, toLabel);
            java.util.function.Function<String, Views.Link> link = iri -> {
                String title = Languages.pick(labels.getOrDefault(iri, Map.of()), lang);
                return new Views.Link(paths.href(iri), title == null ? iri : title, iri);
            };
            List<Views.Published> out = new ArrayList<>();
            links.forEach((ds, to) -> out.add(new Views.Published(link.apply(ds), to.entrySet().stream()
                    .map(e -> new Views.Partition(link.apply(e.getKey()), e.getValue())).toList())));
            out.sort(java.util.Comparator.comparing(p -> p.dataset().label().toLowerCase(java.util.Locale.ROOT)));
            return out;
        });
    }

    /** Whether a dataset of that id is loaded. */
    boolean exists(String id) {
        return store.read(d -> d.containsGraph(NodeFactory.createURI(paths.base().graph(id))));
    }

    /** The dataset page, from its catalogue graph. */
    Views.DatasetPage page(String id, String lang) {
        return store.read(d -> {
            Graph g = d.getGraph(NodeFactory.createURI(CatalogBuilder.catalogGraph(paths.base(), id)));
            Node ds = NodeFactory.createURI(CatalogBuilder.datasetIri(paths.base(), id));
            List<Partition> classes = partitions(d, g, ds, "classPartition", "class", "entities", lang);
            List<Partition> props = partitions(d, g, ds, "propertyPartition", "property", "triples", lang);
            List<String> unmatched = new ArrayList<>();
            Node load = object(g, ds, Vocab.PROV + "wasGeneratedBy");
            if (load != null) {
                g.find(load, iri(Vocab.ASHYQ + "unmatchedValue"), Node.ANY)
                        .forEach(t -> unmatched.add(t.getObject().getLiteralLexicalForm()));
            }
            unmatched.sort(null);
            List<Alternate> dumps = new ArrayList<>();
            CatalogBuilder.DUMPS.forEach((ext, type) -> dumps.add(new Alternate(ext, type, "/dump/" + id + "." + ext)));
            List<Link> samples = samples(d, id, lang);
            Node license = object(g, ds, Vocab.DCT + "license");
            Node publisher = object(g, ds, Vocab.DCT + "publisher");
            Node source = object(g, ds, Vocab.DCAT + "distribution");
            return new Views.DatasetPage(id, ds.getURI(), text(g, ds, Vocab.DCT + "title", lang, id),
                    text(g, ds, Vocab.DCT + "description", lang, ""),
                    publisher == null ? "" : text(g, publisher, Vocab.FOAF + "name", lang, ""),
                    license == null ? null : new Link(paths.href(license.getURI()), license.getURI(), license.getURI()),
                    lexical(g, ds, Vocab.DCT + "issued"), lexical(g, ds, Vocab.DCT + "modified"),
                    number(g, ds, Vocab.VOID + "triples"), number(g, ds, Vocab.VOID + "entities"), classes, props,
                    dumps, unmatched, samples, source == null ? null : sourceUrl(g, ds), points(d, id, lang),
                    examples(id), mostLinked(d, id, lang), releases.lines(d, id));
        });
    }

    /** Where the data came from; a link only when it is a web address (see {@link Paths#href}). */
    private Link sourceUrl(Graph g, Node ds) {
        for (Triple t : g.find(ds, iri(Vocab.DCAT + "distribution"), Node.ANY).toList()) {
            Node access = object(g, t.getObject(), Vocab.DCAT + "accessURL");
            if (access != null && access.isURI() && !access.getURI().startsWith(paths.base().value())) {
                return new Link(paths.href(access.getURI()), access.getURI(), access.getURI());
            }
        }
        return null;
    }

    /** Queries about this dataset, one click from its page. */
    private List<Views.Example> examples(String id) {
        List<Views.Example> out = new ArrayList<>();
        for (String name : List.of("example-classes", "example-labels", "example-links")) {
            String text = Queries.textFor(name, paths.base().graph(id));
            String title = text.lines().findFirst().orElse("# " + name).substring(1).strip();
            out.add(new Views.Example(title, text, "/sparql#query=" + QueryPage.encoded(text)));
        }
        return out;
    }

    /** The dataset's things that most others point at, with how many links each has. */
    private List<Partition> mostLinked(DatasetGraph d, String id, String lang) {
        List<String[]> rows = new ArrayList<>();
        EntityService.select(d, Queries.with("most-linked", Map.of("graph", new Queries.IriValue(paths.base().graph(id)))),
                s -> rows.add(new String[] {s.getResource("o").getURI(), s.getLiteral("n").getLexicalForm()}));
        Map<String, Map<String, String>> labels = entities.labels(d, rows.stream().map(r -> r[0]).toList());
        return rows.stream().map(r -> new Partition(entities.link(r[0], labels, lang), Long.parseLong(r[1]))).toList();
    }

    /** The dataset's things with coordinates, as JSON for its map; null when it has none. */
    private String points(DatasetGraph d, String id, String lang) {
        List<String> iris = new ArrayList<>();
        EntityService.select(d, Queries.with("dataset-points",
                Map.of("graph", new Queries.IriValue(paths.base().graph(id)))), s -> iris.add(s.getResource("s").getURI()));
        return Figures.json(Figures.points(d, iris, entities, lang));
    }

    private List<Link> samples(DatasetGraph d, String id, String lang) {
        List<String> iris = new ArrayList<>();
        EntityService.select(d, Queries.with("sample-entities",
                Map.of("graph", new Queries.IriValue(paths.base().graph(id)))), s -> iris.add(s.getResource("s").getURI()));
        Map<String, Map<String, String>> labels = entities.labels(d, iris);
        return iris.stream().map(i -> entities.link(i, labels, lang)).toList();
    }

    private List<Partition> partitions(DatasetGraph d, Graph g, Node ds, String partition, String term,
            String count, String lang) {
        List<String[]> rows = new ArrayList<>();
        ExtendedIterator<Triple> it = g.find(ds, iri(Vocab.VOID + partition), Node.ANY);
        while (it.hasNext()) {
            Node part = it.next().getObject();
            Node t = object(g, part, Vocab.VOID + term);
            Node n = object(g, part, Vocab.VOID + count);
            if (t != null && n != null) {
                rows.add(new String[] {t.getURI(), n.getLiteralLexicalForm()});
            }
        }
        Map<String, Map<String, String>> labels = entities.labels(d, rows.stream().map(r -> r[0]).toList());
        List<Partition> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(new Partition(entities.link(r[0], labels, lang), Long.parseLong(r[1])));
        }
        out.sort((a, b) -> Long.compare(b.count(), a.count()));
        return out;
    }

    /** The whole catalogue as one graph. */
    Graph catalog() {
        return store.read(d -> {
            Graph out = GraphFactory.createDefaultGraph();
            String prefix = paths.base().catalogGraph("");
            d.listGraphNodes().forEachRemaining(gn -> {
                if (gn.getURI().startsWith(prefix)) {
                    d.getGraph(gn).find().forEach(out::add);
                }
            });
            return out;
        });
    }

    /** Streams a dataset's graph in a format; JSON-LD is built in memory, as its writer needs. */
    void dump(String id, RDFFormat format, OutputStream os) {
        store.read(d -> {
            Node gn = NodeFactory.createURI(paths.base().graph(id));
            if (StreamRDFWriter.registered(format)) {
                StreamRDF out = StreamRDFWriter.getWriterStream(os, format);
                out.start();
                d.find(gn, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> out.triple(q.asTriple()));
                out.finish();
            } else {
                Graph g = GraphFactory.createDefaultGraph();
                d.find(gn, Node.ANY, Node.ANY, Node.ANY).forEachRemaining((Quad q) -> g.add(q.asTriple()));
                RDFDataMgr.write(os, g, format);
            }
            return null;
        });
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node object(Graph g, Node s, String p) {
        ExtendedIterator<Triple> it = g.find(s, iri(p), Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private static String text(Graph g, Node s, String p, String lang, String fallback) {
        Map<String, String> byLang = new HashMap<>();
        g.find(s, iri(p), Node.ANY).forEach(t -> {
            if (t.getObject().isLiteral()) {
                byLang.put(t.getObject().getLiteralLanguage(), t.getObject().getLiteralLexicalForm());
            }
        });
        String v = Languages.pick(byLang, lang);
        return v == null ? fallback : v;
    }

    private static String lexical(Graph g, Node s, String p) {
        Node o = object(g, s, p);
        return o == null ? null : o.getLiteralLexicalForm();
    }

    private static long number(Graph g, Node s, String p) {
        Node o = object(g, s, p);
        return o == null ? 0 : Long.parseLong(o.getLiteralLexicalForm());
    }
}
