package kz.ashyq.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a new user made that once published wrong or missing data without a word: each
 * is now found when the mapping is compiled, with its line, or reported with what to do.
 */
class MappingMistakesTest {

    private static final BaseIri BASE = new BaseIri("http://data.example.kz/");

    private static Path write(Path dir, String yaml, String csv) throws Exception {
        Files.writeString(dir.resolve("branches.csv"), csv);
        Path m = dir.resolve("branches.yml");
        Files.writeString(m, yaml);
        return m;
    }

    private static DatasetGraph run(Path mapping) {
        DatasetGraph d = DatasetGraphFactory.create();
        MappingEngine.run(YarrrmlReader.read(mapping), LoadOptions.strict(BASE), StreamRDFLib.dataset(d),
                MappingEngine.Progress.NONE);
        return d;
    }

    private static final String CSV = "id,name,city\n1,Филиал №1,г. Алматы\n2,Филиал №2,Караганды\n";

    @Test
    void anUndeclaredPrefixIsAnErrorWithItsLine(@TempDir Path dir) throws Exception {
        Path m = write(dir, """
                sources:
                  branches: {access: branches.csv, referenceFormulation: csv}
                mappings:
                  branch:
                    sources: branches
                    s: id/branch/$(id)
                    po:
                      - [a, sdo:BankOrCreditUnion]
                """, CSV);
        MappingException e = assertThrows(MappingException.class, () -> YarrrmlReader.read(m));
        assertTrue(e.getMessage().contains("branches.yml:8") && e.getMessage().contains("'sdo'")
                && e.getMessage().contains("did you mean 'schema:'"), e.getMessage());

        Files.writeString(m, Files.readString(m).replace("[a, sdo:BankOrCreditUnion]", "[sdo:address, $(city)]"));
        e = assertThrows(MappingException.class, () -> YarrrmlReader.read(m));
        assertTrue(e.getMessage().contains("sdo:address") && e.getMessage().contains("not declared"), e.getMessage());

        Files.writeString(m, Files.readString(m).replace("[sdo:address, $(city)]", "[a, BankOrCreditUnion]"));
        e = assertThrows(MappingException.class, () -> YarrrmlReader.read(m));
        assertTrue(e.getMessage().contains("class 'BankOrCreditUnion' is not an IRI"), e.getMessage());

        Files.writeString(m, Files.readString(m).replace("[a, BankOrCreditUnion]", "[name, $(name)]"));
        e = assertThrows(MappingException.class, () -> YarrrmlReader.read(m));
        assertTrue(e.getMessage().contains("predicate 'name' is not an IRI"), e.getMessage());

        Files.writeString(m, Files.readString(m).replace("[name, $(name)]", "[schema:name, $(name), string]"));
        e = assertThrows(MappingException.class, () -> YarrrmlReader.read(m));
        assertTrue(e.getMessage().contains("did you mean 'xsd:string'"), e.getMessage());

        // declared, it maps: and a class stays an IRI
        Files.writeString(m, "prefixes:\n  sdo: https://schema.org/\n" + Files.readString(m)
                .replace("[schema:name, $(name), string]", "[a, sdo:BankOrCreditUnion]"));
        DatasetGraph d = run(m);
        assertEquals(2, d.getDefaultGraph().find(Node.ANY, Node.ANY,
                NodeFactory.createURI("https://schema.org/BankOrCreditUnion")).toList().size());
    }

    @Test
    void mistakesInFunctionsAndSourcesAreFoundWhenCompiled(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("src/test/resources/fixtures/kato-mini.csv"), dir.resolve("kato-mini.csv"));
        String yaml = """
                sources:
                  branches: {access: branches.csv, referenceFormulation: csv}
                mappings:
                  branch:
                    sources: branches
                    s: id/branch/$(id)
                    po:
                      - p: schema:containedInPlace
                        o:
                          function: ashyqfn:lookup
                          parameters:
                            - [value, $(city)]
                            - [source, kato-mini.csv]
                            - [key, name_rus]
                            - [return, kato]
                          type: iri
                """;
        Path m = write(dir, yaml, CSV);
        MappingException e = assertThrows(MappingException.class, () -> run(m));
        assertTrue(e.getMessage().contains("column 'name_rus' is not in kato-mini.csv")
                && e.getMessage().contains("did you mean 'name_ru'") && e.getMessage().contains("branches.yml:"),
                e.getMessage());

        Files.writeString(m, """
                sources:
                  branches: {access: branches.csv, referenceFormulation: csv}
                mappings:
                  branch:
                    sources: branches
                    s: id/branch/$(id)
                    po:
                      - p: schema:address
                        o:
                          function: ashyqfn:replace
                          parameters:
                            - [value, $(city)]
                            - [pattern, "г[."]
                            - [replacement, ""]
                """);
        e = assertThrows(MappingException.class, () -> run(m));
        assertTrue(e.getMessage().contains("bad regular expression"), e.getMessage());

        Files.writeString(m, yaml.replace("    sources: branches", "    sources: brnaches"));
        e = assertThrows(MappingException.class, () -> YarrrmlReader.read(m));
        assertTrue(e.getMessage().contains("no source is named 'brnaches'")
                && e.getMessage().contains("did you mean 'branches'"), e.getMessage());
    }

    @Test
    void portalExportsFindTheirRecordsAndAMissingKeyIsAnEmptyCell(@TempDir Path dir) throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            records.append(i > 1 ? ", " : "").append("{'id': ").append(i).append(", 'name': 'Банк ").append(i).append("'")
                    .append(i % 4 == 0 ? "" : ", 'phone': '+7 700 000 00 0" + (i % 10) + "'").append("}");
        }
        Files.writeString(dir.resolve("export.csv"), "meta,data\n\"{}\",\"{'result': [" + records + "], 'count': 20}\"\n");
        Path m = dir.resolve("export.yml");
        Files.writeString(m, """
                sources:
                  banks: {access: export.csv, referenceFormulation: egov}
                mappings:
                  bank:
                    sources: banks
                    s: id/bank/$(id)
                    po:
                      - [schema:name, $(name), ru~lang]
                      - [schema:telephone, $(phone)]
                """);
        DatasetGraph d = run(m);
        Node name = NodeFactory.createURI("https://schema.org/name");
        Node phone = NodeFactory.createURI("https://schema.org/telephone");
        assertEquals(20, d.getDefaultGraph().find(Node.ANY, name, Node.ANY).toList().size(), "every record");
        assertEquals(15, d.getDefaultGraph().find(Node.ANY, phone, Node.ANY).toList().size(),
                "a record without the key has no value, and no error");

        Files.writeString(dir.resolve("export.csv"), "meta,data\n\"{}\",\"{'items': [], 'count': 0}\"\n");
        DataException e = assertThrows(DataException.class, () -> run(m));
        assertTrue(e.getMessage().contains("yields no record") && e.getMessage().contains("mayBeEmpty"), e.getMessage());
        Files.writeString(m, Files.readString(m).replace("referenceFormulation: egov}",
                "referenceFormulation: egov, mayBeEmpty: true}"));
        assertEquals(0, run(m).getDefaultGraph().size(), "said to be possibly empty: no error");
    }
}
