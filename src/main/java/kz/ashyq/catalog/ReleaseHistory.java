package kz.ashyq.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.ashyq.config.BaseIri;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * The releases of one dataset as a DCAT 3 {@code dcat:DatasetSeries}: each release is a
 * {@code dcat:Dataset} in the series, with its date, its counts of added and removed triples,
 * the archived graph that holds it and a download of its diff as RDF Patch. Loads that changed
 * nothing are recorded on the release they confirmed, not as releases of their own.
 *
 * <p>The history lives in its own graph next to the dataset's catalogue graph, read back and
 * extended by each release, so it is part of the catalogue that {@code /catalog} serves.
 */
public final class ReleaseHistory {

    /**
     * One release.
     *
     * @param number 1, 2, ...
     * @param issued when it was published
     * @param triples its size
     * @param added triples it added to the release before it
     * @param removed triples it removed from the release before it
     * @param graph the archived graph that holds its triples
     * @param restoredFrom the release it restored, or 0
     * @param confirmed later loads that found the same triples
     */
    public record Entry(int number, Instant issued, long triples, long added, long removed, String graph,
            int restoredFrom, List<Instant> confirmed) {
        /** Keeps its own copy. */
        public Entry {
            confirmed = List.copyOf(confirmed);
        }
    }

    private final BaseIri base;
    private final String id;
    private final List<Entry> entries;

    private ReleaseHistory(BaseIri base, String id, List<Entry> entries) {
        this.base = base;
        this.id = id;
        this.entries = List.copyOf(entries);
    }

    /** The graph that holds a dataset's history (inside the catalogue's graphs). */
    public static String historyGraph(BaseIri base, String datasetId) {
        return CatalogBuilder.catalogGraph(base, datasetId) + "/releases";
    }

    /** The dataset whose history a graph holds, when it is a history graph ({@link #historyGraph}). */
    public static java.util.Optional<String> datasetOf(BaseIri base, String graphIri) {
        String prefix = base.catalogGraph("");
        if (!graphIri.startsWith(prefix) || !graphIri.endsWith("/releases")) {
            return java.util.Optional.empty();
        }
        String id = graphIri.substring(prefix.length(), graphIri.length() - "/releases".length());
        return id.matches("[a-z0-9][a-z0-9-]*") ? java.util.Optional.of(id) : java.util.Optional.empty();
    }

    /** The archived graph of a release: its name for queries on the releases endpoint. */
    public static String releaseGraph(BaseIri base, String datasetId, int number) {
        return base.graph(datasetId) + "/release/" + number;
    }

    /** The archived copy of a release's catalogue description, for restoring it. */
    public static String releaseCatalogGraph(BaseIri base, String datasetId, int number) {
        return releaseGraph(base, datasetId, number) + "/catalog";
    }

    /** The IRI of a release. */
    public static String releaseIri(BaseIri base, String datasetId, int number) {
        return CatalogBuilder.datasetIri(base, datasetId) + "/release/" + number;
    }

    /** The IRI of a dataset's series of releases. */
    public static String seriesIri(BaseIri base, String datasetId) {
        return CatalogBuilder.datasetIri(base, datasetId) + "/releases";
    }

    /** Where a release's diff against the release before it downloads, as RDF Patch. */
    public static String patchUrl(BaseIri base, String datasetId, int number) {
        return base.dump(datasetId + "/release/" + number + ".rdfp");
    }

    /** Where a release's triples download, as gzipped N-Triples. */
    public static String dumpUrl(BaseIri base, String datasetId, int number) {
        return base.dump(datasetId + "/release/" + number + ".nt.gz");
    }

    /** Reads a history from its graph (empty when the dataset has none yet). */
    public static ReleaseHistory read(BaseIri base, String datasetId, Graph g) {
        List<Entry> out = new ArrayList<>();
        Node series = iri(seriesIri(base, datasetId));
        String prefix = CatalogBuilder.datasetIri(base, datasetId) + "/release/";
        for (Triple t : g.find(Node.ANY, dcat("inSeries"), series).toList()) {
            Node r = t.getSubject();
            if (!r.isURI() || !r.getURI().startsWith(prefix)) {
                continue; // the dataset itself is in the series too
            }
            List<Instant> confirmed = new ArrayList<>();
            g.find(r, ashyq("unchangedLoad"), Node.ANY)
                    .forEach(c -> confirmed.add(Instant.parse(c.getObject().getLiteralLexicalForm())));
            confirmed.sort(null);
            Node from = value(g, r, ashyq("restoredFrom"));
            out.add(new Entry(Integer.parseInt(lexical(g, r, dcat("version"))),
                    Instant.parse(lexical(g, r, dct("issued"))), Long.parseLong(lexical(g, r, iri(Vocab.VOID + "triples"))),
                    Long.parseLong(lexical(g, r, ashyq("triplesAdded"))), Long.parseLong(lexical(g, r, ashyq("triplesRemoved"))),
                    value(g, r, ashyq("graph")).getURI(),
                    from == null ? 0 : Integer.parseInt(from.getURI().substring(from.getURI().lastIndexOf('/') + 1)),
                    confirmed));
        }
        out.sort(Comparator.comparingInt(Entry::number));
        return new ReleaseHistory(base, datasetId, out);
    }

    /** The releases, oldest first. */
    public List<Entry> entries() {
        return entries;
    }

    /** The newest release. */
    public Optional<Entry> last() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** A release by number. */
    public Optional<Entry> get(int number) {
        return entries.stream().filter(e -> e.number() == number).findFirst();
    }

    /** The number the next release takes. */
    public int next() {
        return last().map(e -> e.number() + 1).orElse(1);
    }

    /** This history with one more release. */
    public ReleaseHistory with(Entry e) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(e);
        return new ReleaseHistory(base, id, all);
    }

    /** This history with the newest release confirmed by a load that changed nothing. */
    public ReleaseHistory confirmed(Instant when) {
        Entry l = last().orElseThrow(() -> new IllegalStateException("no release of " + id + " to confirm"));
        List<Instant> c = new ArrayList<>(l.confirmed());
        c.add(when);
        List<Entry> all = new ArrayList<>(entries.subList(0, entries.size() - 1));
        all.add(new Entry(l.number(), l.issued(), l.triples(), l.added(), l.removed(), l.graph(), l.restoredFrom(), c));
        return new ReleaseHistory(base, id, all);
    }

    /** The history as DCAT; {@code titles} are the dataset's titles by language. */
    public Graph toGraph(Map<String, String> titles) {
        Graph g = GraphFactory.createDefaultGraph();
        Node ds = iri(CatalogBuilder.datasetIri(base, id));
        Node series = iri(seriesIri(base, id));
        g.add(series, RDF.type.asNode(), dcat("DatasetSeries"));
        g.add(series, RDF.type.asNode(), dcat("Resource"));
        titles.forEach((lang, t) -> g.add(series, dct("title"), lit(t + " — releases", lang)));
        g.add(series, dct("description"), lit("Every release of dataset " + id + " published by Ashyq, with what each changed.", "en"));
        g.add(ds, dcat("inSeries"), series);
        Node prev = null;
        for (Entry e : entries) {
            Node r = iri(releaseIri(base, id, e.number()));
            g.add(r, RDF.type.asNode(), dcat("Dataset"));
            g.add(r, RDF.type.asNode(), dcat("Resource"));
            titles.forEach((lang, t) -> g.add(r, dct("title"), lit(t + " (" + e.number() + ")", lang)));
            g.add(r, dct("description"), lit(describe(e), "en"));
            g.add(r, dct("identifier"), lit(id + "/" + e.number(), null));
            g.add(r, dcat("version"), lit(Integer.toString(e.number()), null));
            g.add(r, dct("issued"), dateTime(e.issued()));
            // a release's triples never change after it is made
            g.add(r, dct("modified"), dateTime(e.issued()));
            g.add(r, dcat("inSeries"), series);
            g.add(r, iri(Vocab.VOID + "triples"), integer(e.triples()));
            g.add(r, ashyq("triplesAdded"), integer(e.added()));
            g.add(r, ashyq("triplesRemoved"), integer(e.removed()));
            g.add(r, ashyq("graph"), iri(e.graph()));
            e.confirmed().forEach(c -> g.add(r, ashyq("unchangedLoad"), dateTime(c)));
            if (e.restoredFrom() > 0) {
                g.add(r, ashyq("restoredFrom"), iri(releaseIri(base, id, e.restoredFrom())));
            }
            if (prev != null) {
                g.add(r, dcat("prev"), prev);
            }
            distribution(g, r, e.number(), "patch", patchUrl(base, id, e.number()), "application/rdf-patch",
                    "Changes from the release before, as RDF Patch");
            distribution(g, r, e.number(), "nt-gz", dumpUrl(base, id, e.number()), "application/n-triples",
                    "The release's triples (N-Triples, gzip)");
            g.add(ds, dcat("hasVersion"), r);
            prev = r;
        }
        last().ifPresent(l -> {
            g.add(series, dcat("first"), iri(releaseIri(base, id, entries.get(0).number())));
            g.add(series, dcat("last"), iri(releaseIri(base, id, l.number())));
            g.add(series, dct("modified"), dateTime(l.issued()));
            g.add(ds, dcat("version"), lit(Integer.toString(l.number()), null));
        });
        return g;
    }

    private static String describe(Entry e) {
        String what = e.number() == 1 && e.restoredFrom() == 0 ? "First release: " + e.triples() + " triples."
                : "+" + e.added() + " / -" + e.removed() + " triples against the release before.";
        return e.restoredFrom() > 0 ? "Restores release " + e.restoredFrom() + ". " + what : what;
    }

    private void distribution(Graph g, Node r, int n, String key, String url, String type, String title) {
        Node dist = iri(base.distribution(id, "release/" + n + "/" + key));
        g.add(r, dcat("distribution"), dist);
        g.add(dist, RDF.type.asNode(), dcat("Distribution"));
        g.add(dist, dct("title"), lit(title, "en"));
        g.add(dist, dcat("accessURL"), iri(url));
        g.add(dist, dcat("downloadURL"), iri(url));
        g.add(iri(url), RDF.type.asNode(), iri(org.apache.jena.vocabulary.RDFS.Resource.getURI()));
        Node media = iri("http://www.iana.org/assignments/media-types/" + type);
        g.add(dist, dcat("mediaType"), media);
        g.add(media, RDF.type.asNode(), dct("MediaType"));
        if (key.endsWith("gz")) {
            Node gz = iri("http://www.iana.org/assignments/media-types/application/gzip");
            g.add(dist, dcat("compressFormat"), gz);
            g.add(gz, RDF.type.asNode(), dct("MediaType"));
        }
    }

    private static Node value(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private static String lexical(Graph g, Node s, Node p) {
        Node o = value(g, s, p);
        if (o == null || !o.isLiteral()) {
            throw new IllegalStateException("release " + s.getURI() + " has no " + p.getLocalName());
        }
        return o.getLiteralLexicalForm();
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node dcat(String local) {
        return iri(Vocab.DCAT + local);
    }

    private static Node dct(String local) {
        return iri(Vocab.DCT + local);
    }

    private static Node ashyq(String local) {
        return iri(Vocab.ASHYQ + local);
    }

    private static Node lit(String text, String lang) {
        return lang == null || lang.isEmpty() ? NodeFactory.createLiteralString(text) : NodeFactory.createLiteralLang(text, lang);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }
}
