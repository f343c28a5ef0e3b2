package kz.ashyq.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import kz.ashyq.config.BaseIri;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub's page is read once per version of the data: kept between requests, and never past a reload. */
class HubPagesTest {

    private static final String EX = "http://data.example.kz/id/";
    private static final Node IN = NodeFactory.createURI("https://schema.org/containedInPlace");
    private static final Node LABEL = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");

    @Test
    void aHubsPageIsKeptUntilTheDataChanges(@TempDir Path dir) {
        try (Store store = Store.open(dir)) {
            load(store, 700, "Балабақша");
            EntityService pages = new EntityService(store, new Paths(new BaseIri("http://data.example.kz/")));
            String hub = EX + "unit/hub";
            Views.EntityPage first = pages.page(hub, "ru", null, 0);
            assertSame(first, pages.page(hub, "ru", null, 0), "the same data: the page read before");
            assertNotSame(first, pages.page(hub, "kk", null, 0), "another language is another page");
            assertEquals(700, incoming(first).total());
            assertEquals(50, incoming(first).values().size());
            assertEquals("Балабақша 0", incoming(first).values().get(0).link().label());

            // a small unit's page is read afresh each time: it is cheap
            String small = EX + "unit/small";
            assertNotSame(pages.page(small, "ru", null, 0), pages.page(small, "ru", null, 0));

            load(store, 300, "Мектеп");
            Views.EntityPage after = pages.page(hub, "ru", null, 0);
            assertNotSame(first, after);
            assertEquals(300, incoming(after).total(), "the reload is seen at once");
            assertEquals("Мектеп 0", incoming(after).values().get(0).link().label());
        }
    }

    private static Views.Group incoming(Views.EntityPage page) {
        return page.incoming().stream().filter(g -> g.predicate().iri().equals(IN.getURI())).findFirst().orElseThrow();
    }

    private static void load(Store store, int things, String name) {
        Node hub = NodeFactory.createURI(EX + "unit/hub");
        Node small = NodeFactory.createURI(EX + "unit/small");
        store.write(w -> w.replaceGraph(EX + "graph/a", out -> {
            out.triple(Triple.create(hub, LABEL, NodeFactory.createLiteralLang("Хаб", "ru")));
            out.triple(Triple.create(small, LABEL, NodeFactory.createLiteralLang("Аз", "ru")));
            for (int i = 0; i < things; i++) {
                Node thing = NodeFactory.createURI(EX + "thing/" + String.format("%04d", i));
                out.triple(Triple.create(thing, IN, hub));
                out.triple(Triple.create(thing, LABEL, NodeFactory.createLiteralLang(name + " " + i, "ru")));
            }
            for (int i = 0; i < 3; i++) {
                out.triple(Triple.create(NodeFactory.createURI(EX + "thing/" + i), IN, small));
            }
        }));
    }
}
