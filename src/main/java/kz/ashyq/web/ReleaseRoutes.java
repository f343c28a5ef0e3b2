package kz.ashyq.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * A dataset's releases: the lines the dataset page lists, and the downloads of each release,
 * its triples ({@code /dump/{id}/release/{n}.nt.gz}) and its diff against the release before as
 * RDF Patch ({@code /dump/{id}/release/{n}.rdfp}), both read from the archive.
 */
final class ReleaseRoutes {

    /** RDF Patch has no registered media type; this is the one its specification uses. */
    static final String PATCH_TYPE = "application/rdf-patch";

    /**
     * One release as the dataset page lists it.
     *
     * @param number its number
     * @param issued when it was published (an ISO instant, to the second)
     * @param triples its size
     * @param added triples added against the release before
     * @param removed triples removed against the release before
     * @param graph its graph on the releases endpoint
     * @param restoredFrom the release it restores, or 0
     * @param unchangedLoads later loads that found the same triples
     * @param patch where its diff downloads
     * @param dump where its triples download
     */
    record Line(int number, String issued, long triples, long added, long removed, String graph, int restoredFrom,
            int unchangedLoads, String patch, String dump) {}

    private final Store store;
    private final Paths paths;

    ReleaseRoutes(Store store, Paths paths) {
        this.store = store;
        this.paths = paths;
    }

    /** A dataset's releases, newest first, read in the caller's transaction. */
    List<Line> lines(DatasetGraph d, String id) {
        List<Line> out = new ArrayList<>();
        for (ReleaseHistory.Entry e : history(d, id).entries()) {
            out.add(0, new Line(e.number(), e.issued().toString().substring(0, 19).replace('T', ' '), e.triples(),
                    e.added(), e.removed(), e.graph(), e.restoredFrom(), e.confirmed().size(),
                    paths.href(ReleaseHistory.patchUrl(paths.base(), id, e.number())),
                    paths.href(ReleaseHistory.dumpUrl(paths.base(), id, e.number()))));
        }
        return out;
    }

    private ReleaseHistory history(DatasetGraph d, String id) {
        return ReleaseHistory.read(paths.base(), id,
                d.getGraph(NodeFactory.createURI(ReleaseHistory.historyGraph(paths.base(), id))));
    }

    /** {@code GET /dump/{id}/release/{file}}: {@code N.rdfp} or {@code N.nt.gz}. */
    void download(Context ctx) {
        String id = ctx.pathParam("id");
        String file = ctx.pathParam("file");
        boolean patch = file.endsWith(".rdfp");
        String number = file.replaceFirst("\\.(rdfp|nt\\.gz)$", "");
        if (!id.matches("[a-z0-9-]+") || !number.matches("[1-9][0-9]{0,8}") || number.equals(file)) {
            throw HttpProblem.notFound(ctx.path());
        }
        int n = Integer.parseInt(number);
        ReleaseHistory history = store.read(d -> history(d, id));
        ReleaseHistory.Entry e = history.get(n).orElseThrow(() -> HttpProblem.notFound(ctx.path()));
        Optional<ReleaseHistory.Entry> before = history.get(n - 1);
        // a release never changes once made: its downloads may be cached for good
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-" + file + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (patch) {
            ctx.contentType(PATCH_TYPE + "; charset=utf-8");
            writePatch(out, before.map(ReleaseHistory.Entry::graph).orElse(null), e.graph(),
                    ReleaseHistory.releaseIri(paths.base(), id, n),
                    before.map(b -> ReleaseHistory.releaseIri(paths.base(), id, b.number())).orElse(null));
        } else {
            ctx.contentType("application/gzip");
            writeTriples(out, e.graph());
        }
        ctx.result(out.toByteArray());
    }

    private void writeTriples(OutputStream os, String graph) {
        store.readArchive(a -> {
            try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(os), StandardCharsets.UTF_8)) {
                a.find(NodeFactory.createURI(graph), Node.ANY, Node.ANY, Node.ANY)
                        .forEachRemaining(q -> line(w, "", q));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return null;
        });
    }

    /**
     * Writes the diff as one RDF Patch transaction: deletions, then additions; the patch's id is
     * the release and its {@code prev} the release before, so patches chain.
     */
    private void writePatch(OutputStream os, String fromGraph, String toGraph, String id, String prev) {
        store.readArchive(a -> {
            try (Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                w.write("H id <" + id + "> .\n");
                if (prev != null) {
                    w.write("H prev <" + prev + "> .\n");
                }
                w.write("H created \"" + Instant.now() + "\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n");
                w.write("TX .\n");
                Node to = NodeFactory.createURI(toGraph);
                if (fromGraph != null) {
                    Node from = NodeFactory.createURI(fromGraph);
                    a.find(from, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                        if (!a.contains(to, q.getSubject(), q.getPredicate(), q.getObject())) {
                            line(w, "D ", q);
                        }
                    });
                    a.find(to, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                        if (!a.contains(from, q.getSubject(), q.getPredicate(), q.getObject())) {
                            line(w, "A ", q);
                        }
                    });
                } else {
                    a.find(to, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> line(w, "A ", q));
                }
                w.write("TC .\n");
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return null;
        });
    }

    private static void line(Writer w, String op, Quad q) {
        try {
            w.write(op + NodeFmtLib.strNT(q.getSubject()) + " " + NodeFmtLib.strNT(q.getPredicate()) + " "
                    + NodeFmtLib.strNT(q.getObject()) + " .\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
