package kz.ashyq.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.ashyq.catalog.CatalogBuilder;
import kz.ashyq.catalog.Release;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.catalog.SourceFile;
import kz.ashyq.catalog.Vocab;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.engine.Checksums;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.engine.MappingReport;
import kz.ashyq.store.GraphChange;
import kz.ashyq.store.GraphDiff;
import kz.ashyq.store.GraphStats;
import kz.ashyq.store.Store;
import kz.ashyq.store.WriteSession;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFOps;

/**
 * Publishes releases: a dataset's graph and its catalogue record are replaced together in one
 * write transaction. If the mapping fails part-way, the transaction aborts and readers keep
 * the previous release.
 */
public final class Publisher {


    private static final List<String> VOCAB_FILES = List.of("vocab/ashyq.ttl", "vocab/labels.ttl", "vocab/quality.ttl");
    /** Where releases are mapped before they are published, inside the store's folder. */
    static final String STAGING = "staging";

    private final Store store;
    private final LoadOptions options;
    private final boolean provenance;
    private final Path readsWithin;

    /** A publisher into one store, with one set of options. */
    public Publisher(Store store, LoadOptions options) {
        this(store, options, false);
    }

    /**
     * A publisher that, when {@code provenance} is on, also records for every subject the source
     * file, its SHA-256 and the row, in the dataset's graph {@code graph/{id}/provenance}.
     */
    public Publisher(Store store, LoadOptions options, boolean provenance) {
        this(store, options, provenance, null);
    }

    /**
     * A publisher whose mappings read files only under {@code readsWithin} (a mapping sent to a
     * server reads what was sent with it), or anywhere when it is null.
     */
    public Publisher(Store store, LoadOptions options, boolean provenance, Path readsWithin) {
        this.store = store;
        this.options = options;
        this.provenance = provenance;
        this.readsWithin = readsWithin;
    }

    /**
     * Whether a failure of a release is the input's fault (exit code 2 on the command line, 400 or
     * a failed publication from a server): a mapping or a file that cannot be used, data that
     * violates its shapes, a release that would empty its dataset.
     */
    public static boolean isBadInput(Throwable e) {
        return e instanceof kz.ashyq.mapping.MappingException || e instanceof kz.ashyq.mapping.DataException
                || e instanceof kz.ashyq.mapping.engine.BadDataException || e instanceof ShapeViolationException
                || e instanceof ShrinkException;
    }

    /** The graph that holds a dataset's row-level provenance. */
    public static String provenanceGraph(BaseIri base, String datasetId) {
        return base.graph(datasetId) + "/provenance";
    }

    /**
     * Maps and loads one dataset, replacing its previous release atomically; links that looser
     * matching proposed go to the review queue once the release is committed.
     */
    public PublishResult publish(Mapping mapping, MappingEngine.Progress progress) {
        PublishResult r;
        try {
            r = release(mapping, progress);
        } finally {
            // a release that stopped early leaves the fingerprint it read ahead unused
            store.prepareRelease(null);
        }
        new LinkReview(store, options.base()).offer(r.release().info().id(), r.report().candidates());
        return r;
    }

    private PublishResult release(Mapping mapping, MappingEngine.Progress progress) {
        store.claimBase(options.base());
        BaseIri base = options.base();
        DatasetInfo info = mapping.dataset().orElseGet(() -> new DatasetInfo(mapping.datasetId(),
                Map.of("en", mapping.datasetId()), Map.of(), Map.of(), null, null, Map.of(), null, null));
        String mappingSha = Checksums.sha256(mapping.file());
        Instant started = Instant.now();
        String provGraph = provenanceGraph(base, info.id());
        // shapes need each subject's row to report violations where they come from
        boolean shapes = !mapping.shapes().isEmpty();
        MappingEngine.RunOptions run = new MappingEngine.RunOptions(0, provenance || shapes ? provGraph : null,
                readsWithin);
        store.prepareRelease(base.graph(info.id()));
        try (Staged staged = Staged.map(store.dir().resolve(STAGING), mapping, options, run, progress)) {
            checkShrink(mapping, info.id(), staged.triples());
            List<String> violations = shapes ? violations(mapping, staged, provGraph) : List.of();
            MappingReport report = staged.report();
            // the columns' fullness and repeated keys: one more pass over the CSV files, outside the transaction
            List<kz.ashyq.mapping.source.ColumnProfile.Source> columns = kz.ashyq.mapping.source.ColumnProfile.of(mapping);
            kz.ashyq.quality.DataProfile profile = new kz.ashyq.quality.DataProfile(base.things(), base.thing("kato/"));
            return store.write(session -> {
                // the previous release's provenance goes with it, recorded anew or not at all
                session.removeGraph(provGraph);
                // the oblasts the data names, seen as it streams in: reading them back from TDB2 inside
                // the transaction decodes every node of the graph again
                java.util.Set<String> oblasts = new java.util.TreeSet<>();
                String kato = base.thing("kato/");
                // what changed is archived as the release's changes: nothing for a first release,
                // whose triples are the served graph's until a later release undoes them
                ReleaseHistory history = ReleaseHistory.read(base, info.id(),
                        session.copyOf(ReleaseHistory.historyGraph(base, info.id())));
                String changesAs = ReleaseHistory.releaseGraph(base, info.id(), history.next());
                GraphChange change = session.replaceGraph(base.graph(info.id()),
                        out -> {
                            PropertyLabels.of(mapping, info, base).forEach(out::triple);
                            staged.replay(Quality.tee(profile, new Geometries(new GeoInference(new org.apache.jena.riot.system.StreamRDFWrapper(out) {
                            @Override
                            public void triple(org.apache.jena.graph.Triple t) {
                                oblast(t.getSubject(), kato, oblasts);
                                oblast(t.getObject(), kato, oblasts);
                                super.triple(t);
                            }
                        }, staged.schema()))));
                        }, diff -> history.last().isEmpty() || diff.unchanged() ? null : changesAs);
                GraphStats stats = change.stats();
                if (shapes && !provenance) {
                    session.removeGraph(provGraph);
                }
                List<SourceFile> sources = new ArrayList<>();
                for (LogicalSource s : mapping.sources()) {
                    Path f = s.file();
                    sources.add(new SourceFile(f.getFileName().toString(), size(f), Checksums.sha256(f),
                            report.encodings().getOrDefault(f, "unknown"), report.rows().getOrDefault(f, 0L)));
                }
                Release release = new Release(info, mapping.file().getFileName().toString(), mappingSha, sources,
                        stats, started, Instant.now(), options.lenient() ? report.problemCount() : 0,
                        report.unmatched(), List.copyOf(oblasts));
                Graph description = CatalogBuilder.describe(base, release);
                String catalogGraph = CatalogBuilder.catalogGraph(base, info.id());
                session.replaceGraph(catalogGraph, out -> StreamRDFOps.sendGraphToStream(description, out));
                Outcome outcome = record(session, info.id(), info.title(), stats.triples(), release.ended(), 0,
                        change.diff());
                // a release is measured once: when it is made, or when a store from before measurements loads it again
                if (!outcome.unchanged() || !Quality.measured(session, base, info.id(), outcome.number())) {
                    Quality.record(session, base, new kz.ashyq.quality.Assessment(info.id(), outcome.number(),
                            release.ended(), kz.ashyq.quality.Mqa.assess(description, base.dataset(info.id()),
                                    base.value(), Quality.urlCheck()), columns, profile.counts(),
                            report.problemCount() + violations.size(),
                            outcome.unchanged() ? -1 : Quality.daysSince(history, release.ended()),
                            info.license() != null, info.frequency() == null ? 0
                                    : DatasetInfo.FREQUENCIES.get(info.frequency())));
                }
                return new PublishResult(release, report, outcome, violations, change.subjects(),
                        change.typesChanged());
            });
        }
    }

    /** The staged data checked against the mapping's shapes; a violation stops the release unless told otherwise. */
    private List<String> violations(Mapping mapping, Staged staged, String provGraph) {
        org.apache.jena.sparql.core.DatasetGraph d = staged.inMemory();
        List<String> violations = ShapeCheck.check(mapping, d.getDefaultGraph(),
                d.getGraph(NodeFactory.createURI(provGraph))).stream().map(Object::toString).toList();
        if (!violations.isEmpty() && !options.warnOnShapes()) {
            throw new ShapeViolationException(mapping.file().getFileName().toString(),
                    mapping.shapes().stream().map(p -> p.getFileName().toString()).toList(), violations);
        }
        return violations;
    }

    /**
     * Stops a release that keeps less than half of the triples of the release before it, counted
     * as mapped (a triple made twice counts twice), before the store is touched.
     */
    private void checkShrink(Mapping mapping, String id, long triples) {
        if (options.allowShrink()) {
            return;
        }
        ReleaseHistory history = store.read(d -> ReleaseHistory.read(options.base(), id,
                d.getGraph(NodeFactory.createURI(ReleaseHistory.historyGraph(options.base(), id)))));
        history.last().filter(last -> triples * 2 < last.triples()).ifPresent(last -> {
            throw new ShrinkException(mapping.file().getFileName().toString(), id, last.number(), last.triples(), triples);
        });
    }

    /**
     * What a release did to the dataset's history.
     *
     * @param number the release now served
     * @param diff what it changed against the release before
     * @param unchanged whether it found the same triples as the release before, and so made no new release
     */
    public record Outcome(int number, GraphDiff diff, boolean unchanged) {}

    /**
     * Records the graph now served as a release under a new number when it differs from the
     * newest release ({@code diff}, what writing it changed), or notes it on that release when it
     * does not. What a release changed was archived as it was written (under the release's graph
     * name, {@link Store#addedGraph}, {@link Store#removedGraph}); its catalogue record is archived
     * here, but for a restored release, which takes the record of the release it restores.
     */
    private Outcome record(WriteSession session, String id, Map<String, String> titles, long triples,
            Instant when, int restoredFrom, GraphDiff diff) {
        BaseIri base = options.base();
        String historyGraph = ReleaseHistory.historyGraph(base, id);
        ReleaseHistory history = ReleaseHistory.read(base, id, session.copyOf(historyGraph));
        Optional<ReleaseHistory.Entry> last = history.last();
        Outcome outcome;
        if (last.isPresent() && diff.unchanged()) {
            history = history.confirmed(when);
            outcome = new Outcome(last.get().number(), diff, true);
        } else {
            int n = history.next();
            String archived = ReleaseHistory.releaseGraph(base, id, n);
            if (restoredFrom == 0) {
                session.archive(CatalogBuilder.catalogGraph(base, id), ReleaseHistory.releaseCatalogGraph(base, id, n));
            }
            history = history.with(new ReleaseHistory.Entry(n, when, triples, diff.added(), diff.removed(), archived,
                    restoredFrom, List.of()));
            outcome = new Outcome(n, diff, false);
        }
        Graph g = history.toGraph(titles);
        session.replaceGraph(historyGraph, out -> StreamRDFOps.sendGraphToStream(g, out));
        return outcome;
    }

    /**
     * Brings the other datasets' linksets up to date with the datasets of {@code published} (those
     * whose things' types changed: links into a dataset count the things it types): a dataset
     * loaded before the datasets it links to found no linksets into them then. Only the
     * links into each published dataset are counted, from the things it types, by index lookups
     * (see {@link WriteSession#linksInto}); reading every other graph back to count all its
     * links again took a third of a load beside the bundled data. A catalogue whose linksets stay
     * the same is not written.
     */
    public void refreshLinksets(java.util.Set<String> published) {
        if (published.isEmpty()) {
            return;
        }
        BaseIri base = options.base();
        String prefix = base.catalogGraph("");
        store.write(session -> {
            List<String> others = new ArrayList<>();
            for (String catalog : session.graphNames()) {
                String id = catalog.startsWith(prefix) ? catalog.substring(prefix.length()) : "";
                if (!id.isEmpty() && !id.contains("/")) {
                    others.add(id);
                }
            }
            for (String target : published) {
                Map<String, Map<String, Long>> into = session.linksInto(base.graph(target));
                for (String id : others) {
                    if (!id.equals(target)) {
                        relink(session.graph(CatalogBuilder.catalogGraph(base, id)), id, base.graph(target),
                                into.getOrDefault(base.graph(id), Map.of()));
                    }
                }
            }
            return null;
        });
    }

    /** Puts {@code links} as a dataset's linksets into {@code target}, when they changed. */
    private void relink(Graph catalog, String id, String target, Map<String, Long> links) {
        BaseIri base = options.base();
        Map<String, Map<String, Long>> all = CatalogBuilder.readLinksets(base, id, catalog);
        if (all.getOrDefault(target, Map.of()).equals(links)) {
            return;
        }
        if (links.isEmpty()) {
            all.remove(target);
        } else {
            all.put(target, links);
        }
        catalog.find().toList().stream().filter(t -> CatalogBuilder.isLinkset(base, id, t)).forEach(catalog::delete);
        CatalogBuilder.linksets(base, id, all).find().forEach(catalog::add);
    }

    /** A dataset's releases, oldest first. */
    public List<ReleaseHistory.Entry> history(String id) {
        return store.read(d -> ReleaseHistory.read(options.base(), id,
                d.getGraph(NodeFactory.createURI(ReleaseHistory.historyGraph(options.base(), id)))).entries());
    }

    /**
     * Serves an older release again, with the catalogue description it had, as a new release
     * that says which one it restores and archives, like any release, what it changed.
     *
     * @throws IllegalArgumentException when the dataset has no such release
     */
    public Outcome restore(String id, int number) {
        BaseIri base = options.base();
        store.claimBase(base);
        return store.write(session -> {
            ReleaseHistory history = ReleaseHistory.read(base, id, session.copyOf(ReleaseHistory.historyGraph(base, id)));
            ReleaseHistory.Entry e = history.get(number).orElseThrow(() -> new IllegalArgumentException(
                    "dataset " + id + " has no release " + number + (history.entries().isEmpty() ? " (it has no releases)"
                            : " (its releases are 1 to " + history.last().get().number() + ")")));
            int source = e.restoredFrom() > 0 ? e.restoredFrom() : e.number();
            // the releases after it, newest first, are undone (or it was archived whole, in older stores)
            List<String> undo = new java.util.ArrayList<>();
            for (ReleaseHistory.Entry later : history.entries()) {
                if (later.number() > number) {
                    undo.add(0, later.graph());
                }
            }
            GraphChange change = session.restore(base.graph(id), e.graph(), undo,
                    ReleaseHistory.releaseGraph(base, id, history.next()));
            session.restore(ReleaseHistory.releaseCatalogGraph(base, id, source), CatalogBuilder.catalogGraph(base, id));
            Graph catalog = session.copyOf(CatalogBuilder.catalogGraph(base, id));
            Map<String, String> titles = new LinkedHashMap<>();
            catalog.find(NodeFactory.createURI(CatalogBuilder.datasetIri(base, id)),
                    NodeFactory.createURI(Vocab.DCT + "title"), Node.ANY)
                    .forEach(t -> titles.put(t.getObject().getLiteralLanguage(), t.getObject().getLiteralLexicalForm()));
            return record(session, id, titles, e.triples(), Instant.now(), source, change.diff());
        });
    }

    /** Loads Ashyq's vocabulary (from the classpath) into its graph, replacing what was there. */
    public void publishVocabulary() {
        store.claimBase(options.base());
        store.write(session -> session.replaceGraph(options.base().vocabGraph(), out -> {
            for (String file : VOCAB_FILES) {
                try (InputStream in = Publisher.class.getClassLoader().getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException("vocabulary file " + file + " is missing from the jar");
                    }
                    RDFParser.source(in).lang(Lang.TURTLE).base(options.base().value()).parse(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }));
    }

    /** Removes a dataset and its catalogue record. */
    public void unpublish(String datasetId) {
        store.write(session -> {
            session.removeGraph(options.base().graph(datasetId));
            session.removeGraph(CatalogBuilder.catalogGraph(options.base(), datasetId));
            session.removeGraph(ReleaseHistory.historyGraph(options.base(), datasetId));
            return null;
        });
    }

    /**
     * Adds the KATO oblast a node names, if it does: the first two digits of a KATO code IRI
     * ({@code prefix} + {@code NNxxxxxxx}) make the oblast {@code NN0000000}.
     */
    private static void oblast(Node n, String prefix, java.util.Set<String> out) {
        if (n.isURI() && n.getURI().startsWith(prefix) && n.getURI().length() == prefix.length() + 9
                && n.getURI().substring(prefix.length()).chars().allMatch(Character::isDigit)) {
            out.add(prefix + n.getURI().substring(prefix.length(), prefix.length() + 2) + "0000000");
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
