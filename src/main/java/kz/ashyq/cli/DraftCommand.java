package kz.ashyq.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kz.ashyq.mapping.draft.Drafter;
import kz.ashyq.mapping.read.MappingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ashyq draft FILE [-o MAPPING.yml]}: drafts a YARRRML mapping for a CSV file. */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = {"Drafts a YARRRML mapping for a CSV file (a data.egov.kz export too): the dialect and encoding,",
            "the column that names the rows, datatypes, Kazakh/Russian column pairs, coordinates, contacts;",
            "every guess with a comment. The draft runs as it is: check it, then ashyq load it."})
final class DraftCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the CSV file")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "MAPPING.yml",
            description = "where to write the draft (its source is written relative to it); standard output without")
    Path output;

    @Option(names = "--kato", paramLabel = "FILE",
            description = "a KATO table (kato, level, name_ru, name_kk) to link the columns that name places to "
                    + "(default: data/kato-2025/kato.csv when there is one here; without one, places are not linked)")
    Path kato;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        Path dir = output == null ? Path.of("") : output.toAbsolutePath().getParent();
        Path units = kato != null ? kato : Drafter.BUNDLED_KATO;
        if (kato != null && !Files.isRegularFile(kato)) {
            throw new BadInputException("--kato " + kato + ": no such file");
        }
        String yaml = Drafter.draft(file, dir, Files.isRegularFile(units) ? java.util.Optional.of(units)
                : java.util.Optional.empty());
        if (output == null) {
            System.out.print(yaml);
            return Main.OK;
        }
        if (Files.exists(output)) {
            throw new BadInputException(output + " exists: a draft never overwrites a mapping");
        }
        try {
            Files.writeString(output, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // what is written reads as a mapping, or the draft is at fault: nothing is left of it
        try {
            MappingReader.read(output);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // the message below says what happened
            }
            throw new IllegalStateException("the draft for " + file + " does not read as a mapping: " + e.getMessage(), e);
        }
        System.err.println("ashyq: drafted " + output + " for " + file.getFileName() + "; check the guesses, then: ashyq load "
                + output);
        return Main.OK;
    }
}
