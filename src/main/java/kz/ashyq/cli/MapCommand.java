package kz.ashyq.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.engine.MappingReport;
import kz.ashyq.mapping.ntriples.NTriplesOutput;
import kz.ashyq.mapping.rml.RmlWriter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ashyq map MAPPING -o FILE}: runs a mapping and writes RDF. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Runs a mapping (YARRRML .yml or RML .ttl) over its CSV files and writes the RDF.",
            "The format follows the output's extension: .nt .nq .ttl .trig .jsonld; without -o, N-Quads go to standard output."})
final class MapCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MAPPING", description = "a mapping: YARRRML (.yml) or RML Turtle (.ttl)")
    Path mapping;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write; written whole or not at all")
    Path output;

    @Option(names = "--base", paramLabel = "IRI", defaultValue = "http://localhost:8080/",
            description = "base IRI for relative IRIs (default: ${DEFAULT-VALUE})")
    String base;

    @Option(names = "--lenient", description = "skip cells that do not fit their datatype, with a warning, instead of failing")
    boolean lenient;

    @Option(names = "--explain", description = "print the mapping as RML Turtle (what a YARRRML mapping means) and stop")
    boolean explain;

    @Option(names = "--check", description = "check the mapping against its sources (columns, templates, functions, "
            + "datatypes of the first --sample rows of each source) without writing output")
    boolean check;

    @Option(names = "--strict", description = "with --check: exit 2 on a warning too (a column always empty, a "
            + "template whose IRIs are all the same, a lookup that matched under half)")
    boolean strict;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000", description = "rows per source that --check reads (default: ${DEFAULT-VALUE})")
    long sample;

    @Option(names = "--provenance", description = "record, for every subject, the CSV file, its SHA-256 and the row "
            + "(PROV-O, in graph " + PROVENANCE_GRAPH + ")")
    boolean provenance;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "threads that map rows (default: ${DEFAULT-VALUE}); more map batches of rows in parallel, "
                    + "which was slower on two processors and is not yet measured on more")
    int threads;

    /** The graph that {@code --provenance} writes to. */
    static final String PROVENANCE_GRAPH = "urn:ashyq:provenance";

    @Override
    public Integer call() throws IOException {
        Mapping m = Mappings.read(mapping);
        if (explain) {
            System.out.print(RmlWriter.write(m));
            return Main.OK;
        }
        LoadOptions options = new LoadOptions(Mappings.base(base), lenient, 20);
        if (check) {
            return check(m, options);
        }
        if (threads < 1 || threads > 256) {
            throw new BadInputException("--threads " + threads + ": give 1 to 256");
        }
        MappingEngine.RunOptions run = new MappingEngine.RunOptions(0, provenance ? PROVENANCE_GRAPH : null)
                .withThreads(threads);
        if (output == null) {
            StreamRDF out = new NTriplesOutput(System.out, true);
            MappingReport report = run(m, options, run, out);
            Mappings.printReport(m.datasetId(), report, System.err, true);
            return Main.OK;
        }
        RDFFormat format = format(output);
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".ashyq-", ".part");
        try {
            MappingReport report;
            try (OutputStream os = Files.newOutputStream(tmp)) {
                report = write(m, options, run, format, os);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Mappings.printReport(m.datasetId(), report, System.err, true);
            System.err.printf("ashyq: %s: %,d rows, %,d triples -> %s%n", mapping.getFileName(), report.totalRows(),
                    report.triples(), output);
            return Main.OK;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Compiles every map against its source and maps a sample, reporting every problem found. */
    private int check(Mapping m, LoadOptions options) {
        MappingReport report;
        kz.ashyq.mapping.engine.MappingProfile profile = new kz.ashyq.mapping.engine.MappingProfile(m);
        try {
            report = MappingEngine.run(m, new LoadOptions(options.base(), true, options.maxReportedErrors()),
                    new MappingEngine.RunOptions(sample, null), profile.sink(), MappingEngine.Progress.NONE);
        } catch (kz.ashyq.mapping.MappingException | kz.ashyq.mapping.DataException e) {
            System.err.println("ashyq: " + mapping.getFileName() + " does not fit its sources: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Mappings.printReport(m.datasetId(), report, System.err, true);
        if (report.problemCount() > 0) {
            System.err.println("ashyq: " + mapping.getFileName() + ": " + report.problemSummary());
            return Main.BAD_INPUT;
        }
        profile.lines(report).forEach(System.err::println);
        List<String> warnings = profile.warnings(report);
        warnings.forEach(w -> System.err.println("ashyq: warning: " + mapping.getFileName() + ": " + w));
        if (strict && !warnings.isEmpty()) {
            System.err.println("ashyq: " + mapping.getFileName() + ": " + warnings.size() + " warning"
                    + (warnings.size() == 1 ? "" : "s") + " (--strict)");
            return Main.BAD_INPUT;
        }
        System.err.printf("ashyq: %s is fine: %d triples maps over %d sources, %,d rows sampled, %,d triples%n",
                mapping.getFileName(), m.triplesMaps().size(), m.sources().size(), report.totalRows(), report.triples());
        return Main.OK;
    }

    private static MappingReport run(Mapping m, LoadOptions options, MappingEngine.RunOptions run, StreamRDF out) {
        out.start();
        try {
            return MappingEngine.run(m, options, run, out, MappingEngine.Progress.NONE);
        } finally {
            out.finish();
        }
    }

    private static MappingReport write(Mapping m, LoadOptions options, MappingEngine.RunOptions run, RDFFormat format,
            OutputStream os) {
        if (format == RDFFormat.NTRIPLES || format == RDFFormat.NQUADS) {
            return run(m, options, run, new NTriplesOutput(os, format == RDFFormat.NQUADS));
        }
        if (StreamRDFWriter.registered(format)) {
            return run(m, options, run, StreamRDFWriter.getWriterStream(os, format));
        }
        // JSON-LD is written from memory: its writer needs the whole graph.
        DatasetGraph dsg = DatasetGraphFactory.create();
        MappingReport report = run(m, options, run, StreamRDFLib.dataset(dsg));
        try {
            RDFDataMgr.write(os, dsg, format);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot write " + format, e));
        }
        return report;
    }

    static RDFFormat format(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".nt")) {
            return RDFFormat.NTRIPLES;
        } else if (name.endsWith(".nq")) {
            return RDFFormat.NQUADS;
        } else if (name.endsWith(".ttl")) {
            return RDFFormat.TURTLE_BLOCKS;
        } else if (name.endsWith(".trig")) {
            return RDFFormat.TRIG_BLOCKS;
        } else if (name.endsWith(".jsonld")) {
            return RDFFormat.JSONLD;
        }
        throw new BadInputException("cannot tell the RDF format of " + file + ": use .nt .nq .ttl .trig or .jsonld");
    }

    static Lang lang(Path file) {
        return format(file).getLang();
    }
}
