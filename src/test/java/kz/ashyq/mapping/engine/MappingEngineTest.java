package kz.ashyq.mapping.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingEngineTest {

    private static final BaseIri BASE = new BaseIri("http://data.example.kz/");
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static DatasetGraph run(Path mapping, LoadOptions options) {
        DatasetGraph dsg = DatasetGraphFactory.create();
        MappingEngine.run(YarrrmlReader.read(mapping), options, StreamRDFLib.dataset(dsg), MappingEngine.Progress.NONE);
        return dsg;
    }

    private static long count(DatasetGraph dsg, String s, String p) {
        return dsg.getDefaultGraph().find(NodeFactory.createURI(s), NodeFactory.createURI(p), Node.ANY).toList().size();
    }

    @Test
    void mapsRowsToTriplesWithLanguagesDatatypesFunctionsAndJoins() {
        DatasetGraph dsg = run(FIXTURES.resolve("units.yml"), LoadOptions.strict(BASE));
        String astana = "http://data.example.kz/id/unit/1";
        assertEquals(2, count(dsg, astana, "http://example.org/name"));
        Node pop = dsg.getDefaultGraph().find(NodeFactory.createURI(astana), NodeFactory.createURI("http://example.org/population"), Node.ANY)
                .next().getObject();
        assertEquals("1350228", pop.getLiteralLexicalForm());
        assertEquals("http://www.w3.org/2001/XMLSchema#integer", pop.getLiteralDatatypeURI());
        assertEquals(1, count(dsg, astana, "http://example.org/lat"));
        assertEquals(0, count(dsg, "http://data.example.kz/id/unit/3", "http://example.org/lat"), "empty cell, no triple");
        // the join: 1 has no partner, 2 has one, 3 has one (listed twice in other.csv)
        assertEquals(0, count(dsg, astana, "http://example.org/sameCity"));
        assertEquals(1, count(dsg, "http://data.example.kz/id/unit/2", "http://example.org/sameCity"));
        assertEquals(1, count(dsg, "http://data.example.kz/id/unit/3", "http://example.org/sameCity"));
    }

    @Test
    void badCellsAreAllReportedWithFileRowColumnAndMappingLine(@TempDir Path dir) throws Exception {
        Path mapping = copyFixtures(dir);
        Files.writeString(dir.resolve("units.csv"), """
                code,name_ru,name_kk,population,opened,geo
                1,Астана,Астана,many,26.11.2025,
                2,Алматы,Алматы,2228675,yesterday,
                3,Шымкент,Шымкент,1222129,15.08.2024,
                """, StandardCharsets.UTF_8);
        BadDataException e = assertThrows(BadDataException.class,
                () -> run(mapping, LoadOptions.strict(BASE)));
        assertEquals(2, e.report().problemCount());
        String first = e.report().problems().get(0);
        assertTrue(first.contains("units.csv, row 1, column 'population' (line 2)"), first);
        assertTrue(first.contains("'many' is not a number"), first);
        assertTrue(first.contains("[mapping units.yml:"), first);
        assertTrue(e.report().problems().get(1).contains("row 2, column 'opened'"), e.report().problems().get(1));

        DatasetGraph lenient = run(mapping, new LoadOptions(BASE, true, 20));
        assertEquals(0, count(lenient, "http://data.example.kz/id/unit/1", "http://example.org/population"));
        assertEquals(1, count(lenient, "http://data.example.kz/id/unit/1", "http://example.org/opened"));
    }

    @Test
    void rowsMappedInParallelGiveTheSequentialOutputAndReport(@TempDir Path dir) throws Exception {
        String yml = Files.readString(FIXTURES.resolve("units.yml"), StandardCharsets.UTF_8);
        // no join: the parallel path is for sources whose rows do not depend on one another
        yml = yml.substring(0, yml.indexOf("      - p: ex:sameCity"));
        Files.writeString(dir.resolve("units.yml"), yml, StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("code,name_ru,name_kk,population,opened,geo\n");
        for (int i = 1; i <= 5_500; i++) {
            csv.append(i).append(",Город ").append(i).append(",Қала ").append(i).append(',')
                    .append(i % 997 == 0 ? "many" : String.valueOf(i * 7)).append(',')
                    .append(i % 1_201 == 0 ? "yesterday" : "26.11.2025").append(",\"51.").append(i).append(", 71.4\"\n");
        }
        Files.writeString(dir.resolve("units.csv"), csv, StandardCharsets.UTF_8);
        Mapping mapping = YarrrmlReader.read(dir.resolve("units.yml"));
        LoadOptions lenient = new LoadOptions(BASE, true, 3);
        java.util.List<Object> sequential = new java.util.ArrayList<>();
        java.util.List<Object> parallel = new java.util.ArrayList<>();
        MappingReport one = MappingEngine.run(mapping, lenient, MappingEngine.RunOptions.ALL.withThreads(1), collect(sequential),
                MappingEngine.Progress.NONE);
        MappingReport many = MappingEngine.run(mapping, lenient, MappingEngine.RunOptions.ALL.withThreads(3), collect(parallel),
                MappingEngine.Progress.NONE);
        assertEquals(5_500 * 6 - 5 - 4, sequential.size(), "6 triples a row, less the bad cells' ones");
        assertEquals(sequential, parallel, "the same triples in the same order");
        assertEquals(one.warnings(), many.warnings());
        assertEquals(one.warningCount(), many.warningCount());
        assertEquals(9, one.warningCount() + one.problemCount());
        assertEquals(one.problems(), many.problems());
        BadDataException strict = assertThrows(BadDataException.class, () -> MappingEngine.run(mapping,
                LoadOptions.strict(BASE), MappingEngine.RunOptions.ALL.withThreads(3), collect(new java.util.ArrayList<>()),
                MappingEngine.Progress.NONE));
        assertEquals(9, strict.report().problemCount());
        assertTrue(strict.report().problems().get(0).contains("row 997, column 'population'"), strict.report().problems().get(0));
    }

    private static org.apache.jena.riot.system.StreamRDF collect(java.util.List<Object> into) {
        return new org.apache.jena.riot.system.StreamRDFBase() {
            @Override
            public void triple(org.apache.jena.graph.Triple t) {
                into.add(t);
            }
        };
    }



    @Test
    void aMissingColumnNamesTheMappingLineAndTheColumns(@TempDir Path dir) throws Exception {
        Path mapping = copyFixtures(dir);
        Files.writeString(dir.resolve("units.csv"), "kod,name_ru,name_kk,population,opened,geo\n1,a,b,1,26.11.2025,\n",
                StandardCharsets.UTF_8);
        MappingException e = assertThrows(MappingException.class, () -> run(mapping, LoadOptions.strict(BASE)));
        assertTrue(e.getMessage().startsWith("units.yml:13: column 'code' is not in"), e.getMessage());
        assertTrue(e.getMessage().contains("kod"), e.getMessage());
    }

    @Test
    void yamlErrorsAndUnknownFunctionsNameTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "mappings:\n  x:\n    sources: [a.csv~csv]\n    s: id/$(a)\n    po:\n"
                + "      - p: schema:p\n        o:\n          function: ashyqfn:nope\n", StandardCharsets.UTF_8);
        MappingException e = assertThrows(MappingException.class, () -> YarrrmlReader.read(bad));
        assertTrue(e.getMessage().startsWith("bad.yml:8: unknown function"), e.getMessage());

        Files.writeString(bad, "mappings:\n  x: [unclosed\n", StandardCharsets.UTF_8);
        e = assertThrows(MappingException.class, () -> YarrrmlReader.read(bad));
        assertTrue(e.getMessage().startsWith("bad.yml:3: not valid YAML"), e.getMessage());
    }

    @Test
    void dialectsOfRealFiles() {
        DatasetGraph dsg = run(FIXTURES.resolve("dialects.yml"), LoadOptions.strict(BASE));
        // BOM, ';' and repeated header names, by position
        assertEquals(1, count(dsg, "http://example.org/kato/111010000", "http://example.org/name"));
        assertEquals("Кокшетау", dsg.getDefaultGraph().find(NodeFactory.createURI("http://example.org/kato/111010000"),
                NodeFactory.createURI("http://example.org/name"), Node.ANY).next().getObject().getLiteralLexicalForm());
        // windows-1251, no header row
        Node title = dsg.getDefaultGraph().find(NodeFactory.createURI("http://example.org/okved/01.1"),
                NodeFactory.createURI("http://example.org/title"), Node.ANY).next().getObject();
        assertEquals("Выращивание однолетних культур", title.getLiteralLexicalForm());
        // tab-separated, a title line skipped, '-' and NULL (and the empty cell) are no value
        assertEquals(1, count(dsg, "http://example.org/row/1", "http://example.org/value"));
        for (String code : new String[] {"2", "3", "4"}) {
            assertEquals(0, count(dsg, "http://example.org/row/" + code, "http://example.org/value"), code);
        }
    }

    @Test
    void joinsHoldTheSmallerFileInMemoryEitherWay(@TempDir Path dir) throws Exception {
        // rates (small) joined to units (large), then the same join with the sizes swapped
        StringBuilder units = new StringBuilder("code,name\n");
        for (int i = 0; i < 2000; i++) {
            units.append(100000 + i).append(",unit ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("units.csv"), units.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rates.csv"), "code,rate\n100007,0.02\n100042,0.03\n999999,0.04\n",
                StandardCharsets.UTF_8);
        String mapping = """
                prefixes:
                  ex: http://example.org/
                mappings:
                  rate:
                    sources: [%s~csv]
                    s: ex:rate/$(code)
                    po:
                      - p: ex:unit
                        o:
                          mapping: unit
                          condition:
                            function: equal
                            parameters: [[str1, $(code)], [str2, $(code)]]
                  unit:
                    sources: [%s~csv]
                    s: ex:unit/$(code)
                """;
        Files.writeString(dir.resolve("small-child.yml"), mapping.formatted("rates.csv", "units.csv"), StandardCharsets.UTF_8);
        DatasetGraph a = run(dir.resolve("small-child.yml"), LoadOptions.strict(BASE));
        assertEquals(1, count(a, "http://example.org/rate/100007", "http://example.org/unit"));
        assertEquals(1, count(a, "http://example.org/rate/100042", "http://example.org/unit"));
        assertEquals(0, count(a, "http://example.org/rate/999999", "http://example.org/unit"));
        assertTrue(a.getDefaultGraph().contains(NodeFactory.createURI("http://example.org/rate/100042"),
                NodeFactory.createURI("http://example.org/unit"), NodeFactory.createURI("http://example.org/unit/100042")));

        // now the child is the large file: the small parent is indexed
        Files.writeString(dir.resolve("small-parent.yml"), mapping.formatted("units.csv", "rates.csv"), StandardCharsets.UTF_8);
        DatasetGraph b = run(dir.resolve("small-parent.yml"), LoadOptions.strict(BASE));
        assertEquals(1, count(b, "http://example.org/rate/100007", "http://example.org/unit"));
        assertEquals(0, count(b, "http://example.org/rate/100008", "http://example.org/unit"));
        assertTrue(b.getDefaultGraph().contains(NodeFactory.createURI("http://example.org/rate/100042"),
                NodeFactory.createURI("http://example.org/unit"), NodeFactory.createURI("http://example.org/unit/100042")));
    }

    @Test
    void aRepeatedCodeMakesTheIriOfItsOwnCell(@TempDir Path dir) throws Exception {
        // a one-column IRI template finds repeated cells among its recent terms, kept by cell: a
        // cell that reads like an IRI made before must still be percent-encoded as its own value
        String made = "http://example.org/kato/3";
        StringBuilder csv = new StringBuilder("id,kato\n");
        for (int i = 1; i <= 3000; i++) {
            String kato = i % 7 == 0 ? made : i % 11 == 0 ? "" : i % 3 == 0 ? String.valueOf(i) : String.valueOf(i % 5);
            csv.append(i).append(',').append(kato).append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rows.yml"), """
                prefixes:
                  ex: http://example.org/
                mappings:
                  row:
                    sources: [rows.csv~csv]
                    s: ex:row/$(id)
                    po:
                      - [ex:place, ex:kato/$(kato)~iri]
                """, StandardCharsets.UTF_8);
        DatasetGraph dsg = run(dir.resolve("rows.yml"), LoadOptions.strict(BASE));
        Node place = NodeFactory.createURI("http://example.org/place");
        for (int i = 1; i <= 3000; i++) {
            String kato = i % 7 == 0 ? "http%3A%2F%2Fexample.org%2Fkato%2F3" : i % 11 == 0 ? null
                    : i % 3 == 0 ? String.valueOf(i) : String.valueOf(i % 5);
            List<Node> objects = dsg.getDefaultGraph().find(NodeFactory.createURI("http://example.org/row/" + i), place,
                    Node.ANY).mapWith(t -> t.getObject()).toList();
            assertEquals(kato == null ? List.of() : List.of(NodeFactory.createURI("http://example.org/kato/" + kato)),
                    objects, "row " + i);
        }
    }

    private static Path copyFixtures(Path dir) throws Exception {
        for (String f : new String[] {"units.yml", "units.csv", "other.csv"}) {
            Files.copy(FIXTURES.resolve(f), dir.resolve(f));
        }
        return dir.resolve("units.yml");
    }
}
