package kz.ashyq.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.ashyq.config.BaseIri;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.engine.MappingReport;
import kz.ashyq.mapping.read.MappingReader;

/** Helpers the commands share: reading mappings, parsing bases, reporting progress. */
final class Mappings {

    /** Unmatched values printed one by one; the rest are counted. */

    private Mappings() {}

    static Mapping read(Path file) {
        return MappingReader.read(file);
    }

    /** The mapping files of a folder, sorted so KATO (which others link to) comes first. */
    static List<Path> inFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("mappings folder " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")
                            || p.toString().endsWith(".ttl"))
                    .sorted(java.util.Comparator.comparing((Path p) -> !p.getFileName().toString().equals("kato.yml"))
                            .thenComparing(Path::getFileName))
                    .toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    static BaseIri base(String text) {
        try {
            return BaseIri.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Progress on one line of standard error, rewritten in place on a terminal. */
    static MappingEngine.Progress progress(String dataset, PrintStream err) {
        boolean tty = System.console() != null;
        return (file, rows, triples) -> {
            String line = String.format("  %-18s %,10d rows %,12d triples  (%s)", dataset, rows, triples,
                    file.getFileName());
            if (tty) {
                err.print("\r" + line);
            } else if (rows % 100_000 == 0) {
                err.println(line);
            }
        };
    }

    /**
     * Prints what a run reported that a person must act on (see {@link MappingReport#describe}).
     */
    static void printReport(String dataset, MappingReport report, PrintStream out, boolean allEncodings) {
        report.describe(dataset, allEncodings).forEach(out::println);
    }
}
