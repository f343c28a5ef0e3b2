package kz.ashyq.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dataset of towns for tests of releases: {@code code,name,population} rows in
 * {@code DIR/data/towns.csv}, mapped by {@code DIR/mappings/towns.yml} to a schema:City with a
 * Kazakh label and a population each.
 */
final class Towns {

    private Towns() {}

    /** Writes the rows (without the header) and the mapping; returns the mapping. */
    static Path write(Path dir, CharSequence rows) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/towns.csv"), "code,name,population\n" + rows);
        Files.createDirectories(dir.resolve("mappings"));
        Path m = dir.resolve("mappings/towns.yml");
        Files.writeString(m, """
                dataset: {id: towns, title: {en: Towns}}
                sources:
                  towns:
                    access: ../data/towns.csv
                    referenceFormulation: csv
                mappings:
                  town:
                    sources: towns
                    s: id/town/$(code)
                    po:
                      - [a, schema:City]
                      - [rdfs:label, $(name), kk~lang]
                      - [schema:population, $(population), xsd:integer]
                """);
        return m;
    }
}
