package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ashyq draft}: a draft mapping for a CSV file runs as it is, and its guesses are the
 * ones a person would make, each with its comment.
 */
class DraftTest {

    @Test
    void everyBundledPortalFileDraftsToAMappingThatLoads(@TempDir Path tmp) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("data/egov"))) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        Path mappings = Files.createDirectories(tmp.resolve("mappings"));
        for (Path csv : files) {
            Path out = mappings.resolve(csv.getFileName().toString().replace(".csv", ".yml"));
            FailedReloadTest.Run r = FailedReloadTest.cli("draft", csv.toString(), "-o", out.toString());
            assertEquals(0, r.code(), csv + ": " + r.err());
            FailedReloadTest.Run load = FailedReloadTest.cli("load", "--store", tmp.resolve("store").toString(),
                    out.toString());
            assertEquals(0, load.code(), csv + " drafted as\n" + Files.readString(out) + "\n" + load.out() + load.err());
        }
        String centres = Files.readString(mappings.resolve("service-centres.yml"));
        assertTrue(centres.contains("s: id/service-centres/$(id)"), "the id column names the rows:\n" + centres);
        assertTrue(centres.contains("$(AddressKaz), kk~lang]") && centres.contains("$(AddressRus), ru~lang]"),
                "a Kazakh/Russian pair is one property:\n" + centres);
        assertTrue(centres.contains("geoposition holds latitude, longitude"), centres);
        assertTrue(centres.contains("source_url: the portal's own column"), centres);
        try (Store store = Store.open(tmp.resolve("store"))) {
            Node graph = NodeFactory.createURI("http://localhost:8080/graph/service-centres");
            long points = store.read(d -> d.stream(graph, Node.ANY,
                    NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#lat"), Node.ANY).count());
            assertEquals(BundledData.rows("egov/service-centres.csv").size(), points, "every centre has its latitude");
        }
    }

    @Test
    void typesDelimitersAndEncodingsAreGuessedFromTheValues(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("permits.csv");
        Files.writeString(csv, """
                nomer;data_vydachi;summa;bin;email;sait;naimenovanie_kaz;naimenovanie_rus
                1;26.11.2025;1 362,8;123456789012;info@example.kz;https://example.kz;Астана;Астана
                2;01.12.2025;15,0;210987654321;office@example.kz;https://gov.kz;Алматы;Алматы
                """, Charset.forName("windows-1251"));
        Path out = tmp.resolve("permits.yml");
        FailedReloadTest.Run r = FailedReloadTest.cli("draft", csv.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        String yaml = Files.readString(out);
        for (String expected : List.of("delimiter: \";\"", "encoding: windows-1251", "ashyqfn:date", "ashyqfn:decimal",
                "schema:taxID", "schema:email", "[schema:url, $(sait)~iri]", "[rdfs:label, $(naimenovanie_kaz), kk~lang]",
                "[rdfs:label, $(naimenovanie_rus), ru~lang]", "s: id/permits/$(nomer)")) {
            assertTrue(yaml.contains(expected), expected + " in\n" + yaml);
        }
        FailedReloadTest.Run load = FailedReloadTest.cli("load", "--store", tmp.resolve("store").toString(), out.toString());
        assertEquals(0, load.code(), yaml + load.out() + load.err());
        try (Store store = Store.open(tmp.resolve("store"))) {
            Node date = store.read(d -> d.stream(Node.ANY, NodeFactory.createURI("http://localhost:8080/id/permits/1"),
                    NodeFactory.createURI("http://localhost:8080/id/permits/property/data-vydachi"), Node.ANY)
                    .findFirst().orElseThrow().getObject());
            assertEquals("2025-11-26", date.getLiteralLexicalForm());
            assertEquals("http://www.w3.org/2001/XMLSchema#date", date.getLiteralDatatypeURI());
        }
        assertEquals(2, FailedReloadTest.cli("draft", csv.toString(), "-o", out.toString()).code(),
                "a draft never overwrites a mapping");
        assertEquals(2, FailedReloadTest.cli("draft", tmp.resolve("missing.csv").toString()).code());
    }

    @Test
    void columnsThatNamePlacesAreLinkedToKatoUnitsOfTheirKind(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("schools.csv");
        // regions by Kazakh name (Алматы is an oblast, a city and several villages: the kind most are wins),
        // districts by code, and a column of words that are also villages' names but say nothing of places
        Files.writeString(csv, """
                id,oblys,kato_audan,tur
                1,Ақмола облысы,103200000,Береке
                2,Алматы облысы,101000000,Достық
                3,Атырау облысы,101800000,Береке
                4,Жамбыл облысы,103200000,Достық
                """);
        Path out = tmp.resolve("schools.yml");
        FailedReloadTest.Run r = FailedReloadTest.cli("draft", csv.toString(), "-o", out.toString(), "--kato",
                "data/kato-2025/kato.csv");
        assertEquals(0, r.code(), r.err());
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("oblys names KATO units (4 of 4 different values are KATO names (name_kk) of a oblast)"), yaml);
        assertTrue(yaml.contains("[where, level=oblast]"), yaml);
        assertTrue(yaml.contains("o: id/kato/$(kato_audan)~iri"), yaml);
        assertTrue(!yaml.contains("tur names KATO units"), "village names in a column that is not about places:\n" + yaml);
        FailedReloadTest.Run load = FailedReloadTest.cli("load", "--store", tmp.resolve("store").toString(), out.toString());
        assertEquals(0, load.code(), yaml + load.out() + load.err());
        try (Store store = Store.open(tmp.resolve("store"))) {
            java.util.Set<String> places = store.read(d -> {
                java.util.Set<String> out2 = new java.util.TreeSet<>();
                d.stream(Node.ANY, NodeFactory.createURI("http://localhost:8080/id/schools/2"),
                        NodeFactory.createURI("https://schema.org/containedInPlace"), Node.ANY)
                        .forEach(q -> out2.add(q.getObject().getURI()));
                return out2;
            });
            assertEquals(java.util.Set.of("http://localhost:8080/id/kato/190000000", "http://localhost:8080/id/kato/101000000"),
                    places, "Алматы облысы is the oblast, 101000000 the district");
        }
    }

    @Test
    void aPortalExportIsDraftedFromItsRecordsWithItsMetadata(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("schools.csv");
        Files.writeString(csv, "\"meta\",\"data\",\"source_url\"\n"
                + "\"{'nameKk': 'Мектептер', 'nameRu': 'Школы', 'descriptionRu': 'Список школ'}\","
                + "\"[{'id': 1, 'nameKz': 'Жаңа мектеп', 'nameRu': 'Новая школа', 'pupils': 420},"
                + " {'id': 2, 'nameKz': 'Ескі мектеп', 'nameRu': 'Старая школа', 'pupils': 310}]\","
                + "\"https://data.egov.kz/api/v4/schools/v1?apiKey=SECRET\"\n");
        Path out = tmp.resolve("schools.yml");
        assertEquals(0, FailedReloadTest.cli("draft", csv.toString(), "-o", out.toString()).code());
        String yaml = Files.readString(out);
        for (String expected : List.of("referenceFormulation: egov", "meta: rows", "s: id/schools/$(id)",
                "[rdfs:label, $(nameKz), kk~lang]", "[rdfs:label, $(nameRu), ru~lang]", "$(pupils), xsd:integer]",
                "source: https://data.egov.kz/api/v4/schools/v1 ")) {
            assertTrue(yaml.contains(expected), expected + " in\n" + yaml);
        }
        assertTrue(!yaml.contains("SECRET"), "the API key is never copied");
        FailedReloadTest.Run load = FailedReloadTest.cli("load", "--store", tmp.resolve("store").toString(), out.toString());
        assertEquals(0, load.code(), yaml + load.out() + load.err());
        try (Store store = Store.open(tmp.resolve("store"))) {
            assertTrue((boolean) store.<Boolean>read(d -> d.contains(Node.ANY, NodeFactory.createURI(
                    "http://localhost:8080/id/dataset/schools"), NodeFactory.createURI("http://purl.org/dc/terms/title"),
                    NodeFactory.createLiteralLang("Школы", "ru"))), "the dataset's title from the export's meta");
        }
    }
}
