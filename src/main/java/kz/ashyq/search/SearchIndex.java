package kz.ashyq.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.config.BaseIri;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index of the labels in the store ({@code skos:prefLabel}, {@code rdfs:label},
 * {@code schema:name}, {@code dct:title}, {@code foaf:name}), one document per label, with the
 * entity's types and dataset. After a load, updated for the datasets published, or rebuilt whole.
 */
public final class SearchIndex implements AutoCloseable {

    /** Where the index lives, inside the store's directory. */
    public static final String DIR = "ashyq-search";
    /** Words a query may have: more than any label has. */
    public static final int MAX_WORDS = 64;

    /** A query with more than {@link #MAX_WORDS} words: the caller's mistake, not the index's. */
    public static final class TooManyWords extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooManyWords(int words) {
            super("the query has " + words + " words; at most " + MAX_WORDS + " are taken");
        }
    }

    private final Directory directory;
    private final Analyzer analyzer = new FoldingAnalyzer();
    private DirectoryReader reader;

    private final Path key;
    /** Holders of this instance: {@link #open} counts one more, {@link #close} one fewer. */
    private int holders;
    /** The index open for each store folder in this process. */
    private static final java.util.Map<Path, SearchIndex> OPEN = new java.util.HashMap<>();

    private SearchIndex(Directory directory, Path key) {
        this.directory = directory;
        this.key = key;
    }

    /**
     * Opens (or creates) the index of a store. Whoever opens the index of a store that is open
     * already in this process shares that instance: the store's query context holds one index for
     * {@code ashyq:near} and {@code ashyq:search}, and a second server or command closing its own
     * would leave the context with a closed one. The last {@link #close} closes it.
     */
    public static SearchIndex open(Store store) {
        Path key = store.dir().toAbsolutePath().normalize();
        synchronized (OPEN) {
            SearchIndex s = OPEN.get(key);
            if (s == null) {
                try {
                    s = new SearchIndex(FSDirectory.open(store.dir().resolve(DIR)), key);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                OPEN.put(key, s);
            }
            s.holders++;
            return s;
        }
    }

    /** Replaces the index with one built from the store, in one commit. */
    public synchronized void rebuild(Store store, BaseIri base) {
        String graphs = base.graphs();
        String vocab = graphs + "vocab";
        commit(store, IndexWriterConfig.OpenMode.CREATE, (w, d) -> {
            points(d, w);
            labels(d, vocab, graphs, w);
        });
    }

    /** What a commit writes, reading the store in one read transaction. */
    @FunctionalInterface
    private interface Writing {
        void write(IndexWriter w, DatasetGraph d) throws IOException;
    }

    /** Writes and commits in one Lucene commit, tagged with the store's last change, then lets searchers see it. */
    private void commit(Store store, IndexWriterConfig.OpenMode mode, Writing writing) {
        try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(mode))) {
            store.read(d -> {
                try {
                    writing.write(w, d);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            w.setLiveCommitData(Map.of("modified", store.modified().toString()).entrySet());
            w.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    /**
     * Brings the index up to date with one dataset that was just published, in one commit: its
     * labels are replaced, and the points (few, and read off one index) are read again. A release
     * of ten rows beside KATO's 15,000 units is searchable in milliseconds rather than after a
     * rebuild of every label.
     */
    public synchronized void updateDataset(Store store, BaseIri base, String datasetId) {
        updateDataset(store, base, datasetId, null);
    }

    /**
     * As {@link #updateDataset(Store, BaseIri, String)}, when a release changed the triples of
     * only some subjects ({@code subjects}, IRIs; null for all): only their labels are read
     * again. A reload that changes 1% of a registry's rows re-indexes 1% of its labels.
     */
    public synchronized void updateDataset(Store store, BaseIri base, String datasetId, Set<String> subjects) {
        String graphs = base.graphs();
        Node graph = NodeFactory.createURI(graphs + datasetId);
        commit(store, IndexWriterConfig.OpenMode.CREATE_OR_APPEND, (w, d) -> {
            TermQuery dataset = new TermQuery(new Term("dataset", datasetId));
            w.deleteDocuments(subjects == null ? dataset : new BooleanQuery.Builder()
                    .add(dataset, BooleanClause.Occur.FILTER)
                    .add(new org.apache.lucene.search.TermInSetQuery("iri", subjects.stream()
                            .map(org.apache.lucene.util.BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                    .build());
            // its catalogue record too: the dataset's title is found as it is now
            w.deleteDocuments(new Term("dataset", "catalog/" + datasetId));
            // every point document, by its doc values: points are few, and read again from one index
            w.deleteDocuments(new org.apache.lucene.search.FieldExistsQuery("point"));
            points(d, w);
            try (DocumentSink sink = new DocumentSink(w)) {
                LabelDocuments labels = new LabelDocuments(d, graphs + "vocab", graphs, sink);
                if (subjects == null) {
                    labels.of(graph, Node.ANY);
                } else {
                    subjects.forEach(s -> labels.of(graph, NodeFactory.createURI(s)));
                }
                labels.of(NodeFactory.createURI(graphs + "catalog/" + datasetId), Node.ANY);
            }
        });
    }

    /** Whether the index was built from the store as it is now (after its last write). */
    public synchronized boolean inStep(Store store) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return false;
            }
            refresh();
            return store.modified().toString().equals(reader.getIndexCommit().getUserData().get("modified"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rebuilds the index unless it is in step with the store; says whether it rebuilt. */
    public boolean update(Store store, BaseIri base) {
        if (inStep(store)) {
            return false;
        }
        rebuild(store, base);
        return true;
    }

    /**
     * A thing within a radius, with its distance.
     *
     * @param iri the thing
     * @param km its great-circle distance from the point, in kilometres
     */
    public record Near(String iri, double km) {}

    private static final Node LAT =
            NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#lat");
    private static final Node LONG =
            NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#long");

    /** One point document per thing with WGS84 coordinates (the first pair, when a thing has several). */
    private static void points(DatasetGraph d, IndexWriter w) {
        Set<Node> seen = new HashSet<>();
        Node any = Node.ANY;
        d.find(any, any, LAT, any).forEachRemaining(q -> {
            if (!q.getSubject().isURI() || !seen.add(q.getSubject())) {
                return;
            }
            var lon = d.find(any, q.getSubject(), LONG, any);
            try {
                if (!lon.hasNext()) {
                    return;
                }
                Double la = degrees(q.getObject(), 90);
                Double lo = degrees(lon.next().getObject(), 180);
                if (la == null || lo == null) {
                    return;
                }
                Document doc = new Document();
                doc.add(new StringField("point-of", q.getSubject().getURI(), Field.Store.YES));
                doc.add(new org.apache.lucene.document.LatLonPoint("point", la, lo));
                doc.add(new org.apache.lucene.document.LatLonDocValuesField("point", la, lo));
                w.addDocument(doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Double degrees(Node n, double max) {
        if (!n.isLiteral() || !(n.getLiteralValue() instanceof Number v) || Math.abs(v.doubleValue()) > max) {
            return null;
        }
        return v.doubleValue();
    }

    /** Things with coordinates within {@code radiusKm} of a point, nearest first (ties by IRI). */
    public List<Near> near(double lat, double lon, double radiusKm, int limit) {
        IndexSearcher searcher;
        synchronized (this) {
            refresh();
            searcher = new IndexSearcher(reader);
        }
        try {
            org.apache.lucene.search.Query q = org.apache.lucene.document.LatLonPoint.newDistanceQuery("point", lat, lon,
                    radiusKm * 1000);
            org.apache.lucene.search.Sort sort = new org.apache.lucene.search.Sort(
                    org.apache.lucene.document.LatLonDocValuesField.newDistanceSort("point", lat, lon));
            org.apache.lucene.search.TopDocs top = searcher.search(q, Math.max(1, limit), sort);
            List<Near> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (org.apache.lucene.search.ScoreDoc sd : top.scoreDocs) {
                double metres = (Double) ((org.apache.lucene.search.FieldDoc) sd).fields[0];
                out.add(new Near(stored.document(sd.doc).get("point-of"), metres / 1000));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One document per entity, label and graph (a label under two predicates is one), with the
     * entity's types from any graph. Read off the indexes: the same as a SPARQL query grouping
     * labels with their types, in less than half the time.
     */
    private static void labels(DatasetGraph d, String vocab, String graphs, IndexWriter w) {
        labels(d, Node.ANY, vocab, graphs, w);
    }

    private static void labels(DatasetGraph d, Node graph, String vocab, String graphs, IndexWriter w) {
        try (DocumentSink sink = new DocumentSink(w)) {
            new LabelDocuments(d, vocab, graphs, sink).of(graph, Node.ANY);
        }
    }

    private synchronized void refresh() {
        try {
            if (reader == null) {
                reader = DirectoryReader.open(directory);
            } else {
                DirectoryReader newer = DirectoryReader.openIfChanged(reader);
                if (newer != null) {
                    reader.close();
                    reader = newer;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Entities whose labels hold every word of the query (the last one as a prefix in
     * {@code prefix} mode), best first, one hit per entity.
     *
     * @param dataset only this dataset, or null
     * @param type only this class IRI, or null
     */
    public List<Hit> search(String query, boolean prefix, String dataset, String type, int limit) {
        org.apache.lucene.search.Query q = query(query, prefix, dataset, type);
        return q == null ? List.of() : collect(q, limit);
    }

    /** A label that matched a query: for SPARQL's text search, one per entity, its best label. */
    public record LabelMatch(String iri, String label, String lang, float score) {}

    /**
     * Entities whose labels hold every word of the query, as {@link #search}, each with its best
     * label in {@code lang} (a language tag or its primary subtag; null for any language).
     */
    public synchronized List<LabelMatch> labels(String query, boolean prefix, String dataset, String lang,
            int limit) {
        org.apache.lucene.search.Query q = query(query, prefix, dataset, null);
        if (q == null || !open()) {
            return List.of();
        }
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            Map<String, LabelMatch> hits = new LinkedHashMap<>();
            // the language is kept, not indexed: labels in other languages are passed over here
            for (ScoreDoc sd : searcher.search(q, lang == null ? limit * 4 : limit * 16).scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                String tag = d.get("lang");
                if (hits.size() < limit && (lang == null || tag.equalsIgnoreCase(lang)
                        || tag.toLowerCase(java.util.Locale.ROOT).startsWith(lang.toLowerCase(java.util.Locale.ROOT) + "-"))) {
                    hits.putIfAbsent(d.get("iri"), new LabelMatch(d.get("iri"), d.get("label"), tag, sd.score));
                }
            }
            return List.copyOf(hits.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every word of the text, the last as a prefix in {@code prefix} mode; null for no word. */
    private org.apache.lucene.search.Query query(String text, boolean prefix, String dataset, String type) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return null;
        }
        if (words.size() > MAX_WORDS) {
            // Lucene refuses more than 1,024 clauses, and no label has this many words
            throw new TooManyWords(words.size());
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            Term t = new Term("label", words.get(i));
            boolean last = i == words.size() - 1;
            q.add(prefix && last ? new PrefixQuery(t) : new TermQuery(t), BooleanClause.Occur.MUST);
        }
        if (dataset != null) {
            q.add(new TermQuery(new Term("dataset", dataset)), BooleanClause.Occur.FILTER);
        }
        if (type != null) {
            q.add(new TermQuery(new Term("type", type)), BooleanClause.Occur.FILTER);
        }
        return q.build();
    }

    /** Whether there is an index to read, opening or refreshing the reader when there is. */
    private boolean open() throws UncheckedIOException {
        try {
            if (reader == null) {
                if (!DirectoryReader.indexExists(directory)) {
                    return false;
                }
                refresh();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized List<Hit> collect(org.apache.lucene.search.Query q, int limit) {
        if (!open()) {
            return List.of();
        }
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            Map<String, Hit> hits = new LinkedHashMap<>();
            for (ScoreDoc sd : searcher.search(q, limit * 4).scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                String iri = d.get("iri");
                Hit h = hits.get(iri);
                Map<String, String> labels = h == null ? new LinkedHashMap<>() : h.labels();
                labels.putIfAbsent(d.get("lang"), d.get("label"));
                List<String> datasets = h == null ? new ArrayList<>() : h.datasets();
                if (!datasets.contains(d.get("dataset"))) {
                    datasets.add(d.get("dataset"));
                }
                List<String> types = h == null ? new ArrayList<>(List.of(d.getValues("type"))) : h.types();
                hits.put(iri, new Hit(iri, labels, types, datasets, h == null ? sd.score : h.score()));
            }
            return hits.values().stream().limit(limit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> words(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("label", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (--holders > 0) {
                return;
            }
            OPEN.remove(key);
        }
        closeNow();
    }

    private synchronized void closeNow() {
        try {
            if (reader != null) {
                reader.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory of the index of a store, for tests and operators. */
    public static Path dir(Store store) {
        return store.dir().resolve(DIR);
    }
}
