package kz.ashyq.mapping.engine;

import java.util.HashMap;
import java.util.Map;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.RowSource;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Records where each subject came from, in its own graph: one quad per subject and row,
 * {@code <s> prov:wasDerivedFrom <urn:sha256:HEX#row=N>}, and once per file
 * {@code <urn:sha256:HEX> a prov:Entity} with its name and the mapping. The file is named by its
 * content, so the record stays true if the file moves, and the row IRI says the row. When
 * provenance is off, no object of this class exists and rows pay nothing.
 */
final class Provenance {

    private static final Node DERIVED = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");
    private static final Node ENTITY = NodeFactory.createURI("http://www.w3.org/ns/prov#Entity");
    private static final Node TITLE = NodeFactory.createURI("http://purl.org/dc/terms/title");
    private static final Node MAPPING = NodeFactory.createURI(kz.ashyq.config.Namespaces.ASHYQ + "mapping");

    private final Node graph;
    private final Mapping mapping;
    private final StreamRDF out;
    private final Map<LogicalSource, String> fileIris = new HashMap<>();

    Provenance(String graph, Mapping mapping, StreamRDF out) {
        this.graph = NodeFactory.createURI(graph);
        this.mapping = mapping;
        this.out = out;
    }

    void derived(Node subject, LogicalSource source, RowSource.Row row) {
        String file = fileIris.computeIfAbsent(source, this::describe);
        out.quad(Quad.create(graph, subject, DERIVED, NodeFactory.createURI(file + "#row=" + row.number())));
    }

    private String describe(LogicalSource source) {
        String iri = "urn:sha256:" + Checksums.sha256(source.file());
        Node f = NodeFactory.createURI(iri);
        out.quad(Quad.create(graph, f, RDF.Nodes.type, ENTITY));
        out.quad(Quad.create(graph, f, TITLE, NodeFactory.createLiteralString(source.file().getFileName().toString())));
        out.quad(Quad.create(graph, f, MAPPING, NodeFactory.createLiteralString(mapping.file().getFileName().toString())));
        return iri;
    }
}
