package kz.ashyq.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.Mapping;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;

/**
 * Validates a dataset's mapped graph against the SHACL shapes its mapping names, and points each
 * violation back at the CSV: the file and row from the row-level provenance of the focus node,
 * the column from the mapping's object maps for the violated property.
 */
final class ShapeCheck {

    private static final Node DERIVED = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");
    private static final Node TITLE = NodeFactory.createURI("http://purl.org/dc/terms/title");

    /**
     * One violation, where it came from.
     *
     * @param file the CSV file, or null when the focus node is no subject of the mapping
     * @param row the row, or 0
     * @param columns the columns that made the property's values
     * @param focus the node that violates
     * @param path the property, or null
     * @param message what SHACL says
     */
    record Violation(String file, long row, List<String> columns, String focus, String path, String message) {
        @Override
        public String toString() {
            String where = file == null ? "(not a subject of the mapping)" : file + " row " + row
                    + (columns.isEmpty() ? "" : ", column" + (columns.size() == 1 ? " '" : "s '")
                            + String.join("', '", columns) + "'");
            return where + ": <" + focus + ">" + (path == null ? "" : " <" + path + ">") + ": " + message;
        }
    }

    private ShapeCheck() {}

    /** Violations (severity sh:Violation) of the mapping's shapes by {@code data}, in report order. */
    static List<Violation> check(Mapping mapping, Graph data, Graph provenance) {
        if (mapping.shapes().isEmpty()) {
            return List.of();
        }
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        for (Path p : mapping.shapes()) {
            RDFDataMgr.read(shapesGraph, p.toString());
        }
        ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapesGraph), data);
        Map<String, List<String>> columns = new HashMap<>();
        List<Violation> out = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            if (e.severity() != Severity.Violation) {
                continue;
            }
            String path = e.resultPath() instanceof P_Link link ? link.getNode().getURI() : null;
            String[] origin = origin(provenance, e.focusNode());
            out.add(new Violation(origin[0], origin[1] == null ? 0 : Long.parseLong(origin[1]),
                    path == null ? List.of() : columns.computeIfAbsent(path, mapping::columnsOf),
                    e.focusNode().isURI() ? e.focusNode().getURI() : e.focusNode().toString(), path, e.message()));
        }
        return out;
    }

    /** The file name and row a subject came from, from {@code <s> prov:wasDerivedFrom <urn:sha256:…#row=N>}. */
    private static String[] origin(Graph provenance, Node focus) {
        var it = provenance.find(focus, DERIVED, Node.ANY);
        try {
            if (!it.hasNext()) {
                return new String[2];
            }
            String iri = it.next().getObject().getURI();
            int hash = iri.lastIndexOf("#row=");
            Node file = NodeFactory.createURI(iri.substring(0, hash));
            List<Triple> title = provenance.find(file, TITLE, Node.ANY).toList();
            return new String[] {title.isEmpty() ? file.getURI() : title.get(0).getObject().getLiteralLexicalForm(),
                iri.substring(hash + 5)};
        } finally {
            it.close();
        }
    }
}
