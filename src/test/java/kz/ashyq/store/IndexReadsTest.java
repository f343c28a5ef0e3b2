package kz.ashyq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexReadsTest {

    @TempDir
    Path dir;

    /**
     * TDB2's NodeId equality leaves the type out: the inline integer 0 equals the node at offset 0
     * of the node table, here the graph's name, written first. A thing's neighbourhood gives each
     * its own node.
     */
    @Test
    void inlineValuesAreNotMistakenForTheNodeAtTheSameOffset() {
        Node g = NodeFactory.createURI("http://example.org/graph");
        Node s = NodeFactory.createURI("http://example.org/thing");
        Node p = NodeFactory.createURI("http://example.org/count");
        Node zero = NodeFactory.createLiteralDT("0", XSDDatatype.XSDinteger);
        try (Store store = Store.open(dir.resolve("store"))) {
            DatasetGraph d = store.datasetGraph();
            Txn.executeWrite(d, () -> d.add(g, s, p, zero));
            IndexReads.Neighbourhood n = store.read(x -> IndexReads.neighbourhood(x, s));
            assertEquals(Set.of(g), n.graphs());
            assertEquals(Set.of(Triple.create(s, p, zero)), n.triples());
        }
    }
}
