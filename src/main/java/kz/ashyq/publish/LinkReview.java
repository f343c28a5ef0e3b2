package kz.ashyq.publish;

import java.time.Instant;
import java.util.List;
import kz.ashyq.catalog.Vocab;
import kz.ashyq.config.BaseIri;
import kz.ashyq.mapping.functions.FunctionContext;
import kz.ashyq.store.ReviewQueue;
import kz.ashyq.store.Store;
import kz.ashyq.store.WriteSession;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.vocabulary.RDF;

/**
 * The review of links that looser matching proposed: a load queues them, a person accepts or
 * rejects them, and accepted links go into the links graph ({@value #LINKS_ID}) with who
 * accepted each and when, as PROV on the link's RDF reification.
 */
public final class LinkReview {

    /** The id of the graph of accepted links: {@code graph/links}. */
    public static final String LINKS_ID = "links";

    private static final String GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#";

    private final Store store;
    private final BaseIri base;

    /** The review over one store, whose IRIs are under {@code base}. */
    public LinkReview(Store store, BaseIri base) {
        this.store = store;
        this.base = base;
    }

    /** Queues what a dataset's load proposed, replacing what its earlier loads proposed and nobody decided. */
    public void offer(String dataset, List<FunctionContext.Candidate> candidates) {
        store.reviewQueue().offer(dataset, candidates.stream()
                .map(c -> ReviewQueue.Entry.pending(dataset, c.subject(), c.predicate(), base.resolve(c.object()),
                        c.value(), c.label(), c.score()))
                .toList());
    }

    /** The links waiting for a decision. */
    public List<ReviewQueue.Entry> pending() {
        return store.reviewQueue().entries().stream().filter(e -> e.status() == ReviewQueue.Status.PENDING).toList();
    }

    /**
     * Accepts links: each goes into the links graph with its provenance; when its subject has
     * WGS84 coordinates and its object none, the object gets them too (a place matched to a
     * KATO unit gives the unit its position).
     *
     * @throws IllegalArgumentException for an id that is unknown or decided already
     */
    public List<ReviewQueue.Entry> accept(List<String> ids, String by) {
        Instant now = Instant.now();
        return store.write(session -> {
            List<ReviewQueue.Entry> accepted = store.reviewQueue().decide(ids, ReviewQueue.Status.ACCEPTED, by, now);
            String graph = base.graph(LINKS_ID);
            Graph links = session.copyOf(graph);
            for (ReviewQueue.Entry e : accepted) {
                add(links, e, by, now);
                copyCoordinates(session, links, e);
            }
            session.replaceGraph(graph, out -> StreamRDFOps.sendGraphToStream(links, out));
            return accepted;
        });
    }

    /** Rejects links: they stay out of the data and are not proposed again. */
    public List<ReviewQueue.Entry> reject(List<String> ids, String by) {
        return store.reviewQueue().decide(ids, ReviewQueue.Status.REJECTED, by, Instant.now());
    }

    private void add(Graph g, ReviewQueue.Entry e, String by, Instant when) {
        Node s = iri(e.subject());
        Node p = iri(e.predicate());
        Node o = iri(e.object());
        g.add(s, p, o);
        Node statement = iri(base.thing("link/" + e.id()));
        Node agent = iri(base.thing("reviewer/" + by.toLowerCase().replaceAll("[^a-z0-9]+", "-")));
        g.add(statement, RDF.type.asNode(), RDF.Statement.asNode());
        g.add(statement, RDF.type.asNode(), iri(Vocab.PROV + "Entity"));
        g.add(statement, RDF.subject.asNode(), s);
        g.add(statement, RDF.predicate.asNode(), p);
        g.add(statement, RDF.object.asNode(), o);
        g.add(statement, iri(Vocab.PROV + "wasAttributedTo"), agent);
        g.add(statement, iri(Vocab.PROV + "generatedAtTime"), NodeFactory.createLiteralDT(when.toString(), XSDDatatype.XSDdateTime));
        g.add(statement, iri(Vocab.DCT + "source"), iri(base.dataset(e.dataset())));
        g.add(statement, org.apache.jena.vocabulary.RDFS.comment.asNode(), NodeFactory.createLiteralString(
                "'" + e.value() + "' matched " + e.label() + " (score " + e.score() + "), accepted on review"));
        g.add(agent, RDF.type.asNode(), iri(Vocab.PROV + "Agent"));
        g.add(agent, iri(Vocab.FOAF + "name"), NodeFactory.createLiteralString(by));
    }

    private static void copyCoordinates(WriteSession session, Graph links, ReviewQueue.Entry e) {
        Node lat = iri(GEO + "lat");
        Node lon = iri(GEO + "long");
        Node o = iri(e.object());
        if (session.has(o, lat) || links.contains(o, lat, Node.ANY)) {
            return;
        }
        List<Triple> from = session.find(iri(e.subject()), lat);
        List<Triple> fromLong = session.find(iri(e.subject()), lon);
        if (!from.isEmpty() && !fromLong.isEmpty()) {
            links.add(o, lat, from.get(0).getObject());
            links.add(o, lon, fromLong.get(0).getObject());
        }
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
