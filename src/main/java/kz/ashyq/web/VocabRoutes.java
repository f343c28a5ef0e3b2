package kz.ashyq.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.store.Store;
import kz.ashyq.web.conneg.Format;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * {@code /vocab}: Ashyq's vocabulary ({@code https://w3id.org/ashyq/vocab#}), negotiated like an
 * entity: a page that lists each term with its definition and how often the data uses it, or
 * the vocabulary as RDF. Links to the vocabulary's terms on every page lead here.
 */
final class VocabRoutes {

    /** The namespace of Ashyq's terms. */
    static final String NS = kz.ashyq.config.Namespaces.ASHYQ;

    private final Store store;
    private final Paths paths;
    private final Templates templates;

    VocabRoutes(Store store, Paths paths, Templates templates) {
        this.store = store;
        this.paths = paths;
        this.templates = templates;
    }

    /** One term on the page. */
    record Term(String iri, String name, String kind, String label, String comment, long asProperty, long asClass) {}

    void vocab(Context ctx) {
        Vary.formatAndLanguage(ctx);
        Format f = DocumentRoutes.negotiate(ctx, DocumentRoutes.OFFERED);
        String lang = f == Format.HTML ? DocumentRoutes.language(ctx) : "";
        if (Caching.notModified(ctx, store.modified(), "vocab-" + f.key() + lang)) {
            return;
        }
        String graph = paths.base().vocabGraph();
        if (f != Format.HTML) {
            Graph g = store.read(d -> {
                Graph out = GraphFactory.createDefaultGraph();
                d.getGraph(NodeFactory.createURI(graph)).find().forEach(t -> {
                    if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(NS)) {
                        out.add(t);
                    }
                });
                return out;
            });
            DocumentRoutes.rdf(ctx, g, f);
            return;
        }
        ctx.html(templates.render("vocab", lang, Map.of("terms", terms(graph, lang))));
    }

    private List<Term> terms(String graph, String lang) {
        Map<String, Term> byIri = new LinkedHashMap<>();
        store.read(d -> {
            EntityService.select(d, Queries.with("vocab-terms", Map.of("vocabGraph", new Queries.IriValue(graph),
                    "lang", lang)), s -> {
                        String iri = s.getResource("term").getURI();
                        String kind = s.getResource("kind").getURI();
                        byIri.merge(iri, new Term(iri, iri.substring(NS.length()), kind.substring(kind.lastIndexOf('#') + 1),
                                s.contains("label") ? s.getLiteral("label").getString() : "",
                                s.contains("comment") ? s.getLiteral("comment").getString() : "",
                                s.contains("asProperty") ? s.getLiteral("asProperty").getLong() : 0,
                                s.contains("asClass") ? s.getLiteral("asClass").getLong() : 0),
                                (first, more) -> first);
                    });
            return null;
        });
        return new ArrayList<>(byIri.values());
    }
}
