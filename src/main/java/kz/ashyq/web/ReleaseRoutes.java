package kz.ashyq.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * A dataset's releases: the lines the dataset page lists, and the downloads of each release,
 * its triples ({@code /dump/{id}/release/{n}.nt.gz}: the served graph with the changes of later
 * releases undone) and its diff against the release before as RDF Patch
 * ({@code /dump/{id}/release/{n}.rdfp}: the changes it archived).
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
        // the history and the served graph a release is rebuilt from are read in one transaction
        byte[] body = store.read(d -> {
            ReleaseHistory history = history(d, id);
            ReleaseHistory.Entry e = history.get(n).orElseThrow(() -> HttpProblem.notFound(ctx.path()));
            List<String> undo = new ArrayList<>();
            for (ReleaseHistory.Entry later : history.entries()) {
                if (later.number() > n) {
                    undo.add(0, later.graph());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (patch) {
                writePatch(d, out, id, e, history.get(n - 1).orElse(null), undo);
            } else {
                try (OutputStream gz = new GZIPOutputStream(out)) {
                    org.apache.jena.riot.system.StreamRDF nt = org.apache.jena.riot.system.StreamRDFWriter
                            .getWriterStream(gz, org.apache.jena.riot.RDFFormat.NTRIPLES);
                    nt.start();
                    store.release(d, paths.base().graph(id), e.graph(), undo, nt);
                    nt.finish();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            return out.toByteArray();
        });
        ctx.contentType(patch ? PATCH_TYPE + "; charset=utf-8" : "application/gzip");
        // a release never changes once made: its downloads may be cached for good
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-" + file + "\"");
        ctx.result(body);
    }

    /**
     * Writes the diff as one RDF Patch transaction with Jena's patch writer: deletions, then
     * additions; the patch's id is the release and its {@code prev} the release before, so patches
     * chain. A release archived as its changes has them ready; the first release adds all its
     * triples; a release archived whole (older stores) is compared with the one before.
     */
    private void writePatch(DatasetGraph d, OutputStream os, String id, ReleaseHistory.Entry e,
            ReleaseHistory.Entry before, List<String> undo) {
        RDFChangesWriterText w = RDFPatchOps.textWriter(os);
        w.start();
        w.header("id", NodeFactory.createURI(ReleaseHistory.releaseIri(paths.base(), id, e.number())));
        if (before != null) {
            w.header("prev", NodeFactory.createURI(ReleaseHistory.releaseIri(paths.base(), id, before.number())));
        }
        w.header("created", NodeFactory.createLiteralDT(Instant.now().toString(),
                org.apache.jena.datatypes.xsd.XSDDatatype.XSDdateTime));
        w.txnBegin();
        if (before == null) {
            store.release(d, paths.base().graph(id), e.graph(), undo, additions(w));
        } else if (store.archiveHolds(e.graph())) {
            compareSnapshots(w, before.graph(), e.graph());
        } else {
            store.readArchive(a -> {
                a.find(NodeFactory.createURI(Store.removedGraph(e.graph())), Node.ANY, Node.ANY, Node.ANY)
                        .forEachRemaining(q -> w.delete(null, q.getSubject(), q.getPredicate(), q.getObject()));
                a.find(NodeFactory.createURI(Store.addedGraph(e.graph())), Node.ANY, Node.ANY, Node.ANY)
                        .forEachRemaining(q -> w.add(null, q.getSubject(), q.getPredicate(), q.getObject()));
                return null;
            });
        }
        w.txnCommit();
        w.finish();
        w.close();
    }

    /** The diff of two releases archived whole, as stores made before releases were archived as changes hold them. */
    private void compareSnapshots(RDFChangesWriterText w, String fromGraph, String toGraph) {
        store.readArchive(a -> {
            Node from = NodeFactory.createURI(fromGraph);
            Node to = NodeFactory.createURI(toGraph);
            a.find(from, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!a.contains(to, q.getSubject(), q.getPredicate(), q.getObject())) {
                    w.delete(null, q.getSubject(), q.getPredicate(), q.getObject());
                }
            });
            a.find(to, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!a.contains(from, q.getSubject(), q.getPredicate(), q.getObject())) {
                    w.add(null, q.getSubject(), q.getPredicate(), q.getObject());
                }
            });
            return null;
        });
    }

    /** Sends each triple streamed to it to the patch as an addition. */
    private static org.apache.jena.riot.system.StreamRDF additions(RDFChangesWriterText w) {
        return new org.apache.jena.riot.system.StreamRDFBase() {
            @Override
            public void triple(org.apache.jena.graph.Triple t) {
                w.add(null, t.getSubject(), t.getPredicate(), t.getObject());
            }
        };
    }
}
