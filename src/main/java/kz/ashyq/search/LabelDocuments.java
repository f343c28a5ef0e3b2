package kz.ashyq.search;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.mapping.Transliteration;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * Label documents, read in the caller's transaction: one per entity, label and graph (a label
 * under two predicates is one), with the entity's types from any graph.
 */
final class LabelDocuments {
    /** The predicates whose literal objects are labels, best first. */
    private static final List<Node> LABELS = kz.ashyq.config.Namespaces.LABELS.stream()
            .map(NodeFactory::createURI).toList();

    private final DatasetGraph d;
    private final String vocab;
    private final String graphs;
    private final DocumentSink sink;
    private final Map<Node, List<String>> typesOf = new HashMap<>();
    private final Set<List<Node>> seen = new HashSet<>();

    LabelDocuments(DatasetGraph d, String vocab, String graphs, DocumentSink sink) {
        this.d = d;
        this.vocab = vocab;
        this.graphs = graphs;
        this.sink = sink;
    }

    /** The labels of {@code subject} (or of every subject: {@code Node.ANY}) in {@code graph}. */
    void of(Node graph, Node subject) {
        for (Node p : LABELS) {
            d.find(graph, subject, p, Node.ANY).forEachRemaining(q -> {
                Node g = q.getGraph();
                if (q.isDefaultGraph() || !q.getSubject().isURI() || !q.getObject().isLiteral()
                        || g.getURI().equals(vocab) || !seen.add(List.of(q.getSubject(), q.getObject(), g))) {
                    return;
                }
                List<String> types = typesOf.computeIfAbsent(q.getSubject(), e -> types(d, e));
                String dataset = g.getURI().startsWith(graphs) ? g.getURI().substring(graphs.length()) : g.getURI();
                sink.add(document(q.getSubject().getURI(), q.getObject(), types, dataset));
            });
        }
    }


    private static List<String> types(DatasetGraph d, Node entity) {
        Set<String> out = new LinkedHashSet<>();
        Node any = Node.ANY;
        d.find(any, entity, RDF.Nodes.type, any).forEachRemaining(q -> {
            if (q.getObject().isURI()) {
                out.add(q.getObject().getURI());
            }
        });
        return List.copyOf(out);
    }

    private static Document document(String iri, Node label, List<String> types, String dataset) {
        Document doc = new Document();
        doc.add(new StringField("iri", iri, Field.Store.YES));
        String text = label.getLiteralLexicalForm();
        doc.add(new TextField("label", text, Field.Store.YES));
        // the label in Latin letters too, not stored: "kyzylorda" finds Қызылорда
        doc.add(new TextField("label", Transliteration.slug(text).replace('-', ' '), Field.Store.NO));
        doc.add(new StoredField("lang", label.getLiteralLanguage()));
        doc.add(new StringField("dataset", dataset, Field.Store.YES));
        for (String t : types) {
            doc.add(new StringField("type", t, Field.Store.YES));
        }
        return doc;
    }
}
