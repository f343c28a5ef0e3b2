package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.server.FailedReloadTest.Run;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading a changed CSV makes a release in the dataset's series, with its added and removed
 * counts and an RDF Patch that turns the release before into it; an identical reload makes no
 * release; an older release stays queryable by graph name and can be restored.
 */
class ReleasesTest {

    private static final String BASE = "http://data.example.kz/";
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final String V1 = "code,name_ru,name_kk,population,opened,geo\n"
            + "1,Астана,Астана,1350228,26.11.2025,\"51.16, 71.40\"\n2,Алматы,Алматы,2228675,01.01.2024,\n";
    private static final String V2 = "code,name_ru,name_kk,population,opened,geo\n"
            + "1,Астана,Астана,1350228,26.11.2025,\"51.16, 71.40\"\n2,Алматы,Алматы,2230000,01.01.2024,\n"
            + "3,Шымкент,Шымкент,1222129,15.08.2024,\n";

    @TempDir
    Path dir;

    private Path mapping(String csv) throws Exception {
        for (String f : new String[] {"units.yml", "other.csv"}) {
            if (!Files.exists(dir.resolve(f))) {
                Files.copy(FIXTURES.resolve(f), dir.resolve(f));
            }
        }
        Files.writeString(dir.resolve("units.csv"), csv, StandardCharsets.UTF_8);
        return dir.resolve("units.yml");
    }

    /** What {@code ashyq map} makes of the mapping over a CSV, independently of any store. */
    private Set<Triple> mapped(String csv) throws Exception {
        Path out = dir.resolve("mapped.nt");
        Run r = FailedReloadTest.cli("map", mapping(csv).toString(), "--base", BASE, "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        return new HashSet<>(RDFDataMgr.loadGraph(out.toString()).find().toList());
    }

    private Run load(String csv) throws Exception {
        Run r = FailedReloadTest.cli("load", "--store", dir.resolve("store").toString(), "--base", BASE,
                mapping(csv).toString());
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void reloadsMakeReleasesWithPatchesAndOldReleasesStayQueryableAndRestorable() throws Exception {
        Set<Triple> v1 = mapped(V1);
        Set<Triple> v2 = mapped(V2);
        Set<Triple> added = new HashSet<>(v2);
        added.removeAll(v1);
        Set<Triple> removed = new HashSet<>(v1);
        removed.removeAll(v2);
        assertFalse(added.isEmpty() || removed.isEmpty(), "the two versions differ both ways");

        assertTrue(load(V1).out().contains("release 1: +" + v1.size() + " / -0 triples"));
        assertTrue(load(V1).out().contains("unchanged: same triples as release 1"), "an identical reload is no release");
        assertTrue(load(V2).out().contains("release 2: +" + added.size() + " / -" + removed.size() + " triples"));

        Run history = FailedReloadTest.cli("history", "--store", dir.resolve("store").toString(), "units");
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().contains("loaded again, unchanged"), history.out());
        assertTrue(history.out().contains(BASE + "graph/units/release/2"), history.out());
        assertEquals(2, FailedReloadTest.cli("history", "--store", dir.resolve("store").toString(), "nothing").code());

        Path storeDir = dir.resolve("store");
        try (Store store = Store.open(storeDir)) {
            AshyqServer server = AshyqServer.create(ServerConfig.builder(storeDir).port(0).build(), store).start();
            try {
                Http http = new Http(server.port());
                Set<Triple> release1 = ntGz(http, "/dump/units/release/1.nt.gz");
                assertEquals(v1, release1, "release 1 downloads as it was mapped");
                Set<Triple> patched = applyPatch(release1, http.get("/dump/units/release/2.rdfp"));
                assertEquals(v2, patched, "release 1 + the patch of release 2 = release 2");
                assertEquals(v2, ntGz(http, "/dump/units/release/2.nt.gz"));

                // the public endpoint serves release 2 only; the releases endpoint has what release 2 changed
                assertEquals(v2.size(), http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/units> { ?s ?p ?o } }"));
                assertEquals(0, http.count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER CONTAINS(STR(?g), '/release/') }"));
                assertEquals(added.size(), http.select("/releases", "SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE
                        + "graph/units/release/2/added> { ?s ?p ?o } }").get(0).getLiteral("n").getLong());
                assertEquals(removed.size(), http.select("/releases", "SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE
                        + "graph/units/release/2/removed> { ?s ?p ?o } }").get(0).getLiteral("n").getLong());
                assertEquals(0, http.select("/releases", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } "
                        + "FILTER (!CONTAINS(STR(?g), '/catalog') && !CONTAINS(STR(?g), '/release/2/')) }")
                        .get(0).getLiteral("n").getLong(), "nothing else is archived: release 1 is the served graph undone");

                // the catalogue: a series with two releases, the dataset at version 2
                Graph catalog = rdf(http.get("/catalog", "Accept", "application/n-triples"));
                assertEquals(2, catalog.find(null, node("http://www.w3.org/ns/dcat#inSeries"),
                        node(BASE + "id/dataset/units/releases")).toList().size() - 1, "two releases and the dataset");
                assertTrue(catalog.contains(node(BASE + "id/dataset/units/release/2"),
                        node("http://www.w3.org/ns/dcat#prev"), node(BASE + "id/dataset/units/release/1")));

                HttpResponse<String> page = http.get("/doc/dataset/units", "Accept", "text/html");
                assertTrue(page.body().contains("/dump/units/release/2.rdfp"), "the dataset page lists the releases");
                assertTrue(page.body().contains("/dump/units/release/1.nt.gz"));
                assertEquals(404, http.get("/dump/units/release/3.rdfp").statusCode());
                assertEquals(404, http.get("/dump/units/release/x.rdfp").statusCode());
            } finally {
                server.stop();
            }
        }

        Run restore = FailedReloadTest.cli("restore", "--store", storeDir.toString(), "units", "1");
        assertEquals(0, restore.code(), restore.err());
        assertTrue(restore.out().contains("release 3 restores release 1 (+" + removed.size() + " / -" + added.size()),
                restore.out());
        assertEquals(2, FailedReloadTest.cli("restore", "--store", storeDir.toString(), "units", "7").code());
        try (Store store = Store.open(storeDir)) {
            Set<Triple> served = store.read(d -> new HashSet<>(d.getGraph(node(BASE + "graph/units")).find().toList()));
            assertEquals(v1, served, "release 1 is served again");
        }
    }

    private static org.apache.jena.graph.Node node(String iri) {
        return org.apache.jena.graph.NodeFactory.createURI(iri);
    }

    private static Graph rdf(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.NTRIPLES).parse(g);
        return g;
    }

    private static Set<Triple> ntGz(Http http, String path) throws Exception {
        HttpResponse<byte[]> r = http.bytes(path);
        assertEquals(200, r.statusCode());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(r.body()))).lang(Lang.NTRIPLES).parse(g);
        return new HashSet<>(g.find().toList());
    }

    /** Applies an RDF Patch (A and D rows of one transaction) to a set of triples. */
    private static Set<Triple> applyPatch(Set<Triple> base, HttpResponse<String> patch) {
        assertEquals(200, patch.statusCode());
        assertTrue(patch.headers().firstValue("Content-Type").orElse("").startsWith("application/rdf-patch"));
        List<String> lines = patch.body().lines().toList();
        assertTrue(lines.contains("TX .") && lines.get(lines.size() - 1).equals("TC ."), patch.body());
        Set<Triple> out = new HashSet<>(base);
        for (String line : lines) {
            if (line.startsWith("A ") || line.startsWith("D ")) {
                Graph one = GraphFactory.createDefaultGraph();
                // RDF Patch writes terms as Turtle does (a number without its datatype)
                RDFParser.fromString(line.substring(2), Lang.TURTLE).parse(one);
                Triple t = one.find().next();
                if (line.startsWith("A ")) {
                    assertTrue(out.add(t), "an added triple was not there: " + line);
                } else {
                    assertTrue(out.remove(t), "a deleted triple was there: " + line);
                }
            }
        }
        // and Jena's own patch reader applies it to the same end
        org.apache.jena.sparql.core.DatasetGraph applied = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        org.apache.jena.system.Txn.executeWrite(applied, () -> base.forEach(t -> applied.getDefaultGraph().add(t)));
        org.apache.jena.rdfpatch.RDFPatchOps.applyChange(applied, org.apache.jena.rdfpatch.RDFPatchOps.read(
                new ByteArrayInputStream(patch.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        Set<Triple> byJena = org.apache.jena.system.Txn.calculateRead(applied,
                () -> new HashSet<>(applied.getDefaultGraph().find().toList()));
        assertEquals(out, byJena);
        return out;
    }
}
