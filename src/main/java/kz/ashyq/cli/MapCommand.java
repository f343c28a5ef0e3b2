package kz.ashyq.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingEngine;
import kz.ashyq.mapping.MappingReport;
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
        description = {"Runs a mapping over its CSV files and writes the RDF.",
            "The format follows the output's extension: .nt .nq .ttl .trig .jsonld; without -o, N-Quads go to standard output."})
final class MapCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MAPPING", description = "a YARRRML mapping (.yml)")
    Path mapping;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write; written whole or not at all")
    Path output;

    @Option(names = "--base", paramLabel = "IRI", defaultValue = "http://localhost:8080/",
            description = "base IRI for relative IRIs (default: ${DEFAULT-VALUE})")
    String base;

    @Option(names = "--lenient", description = "skip cells that do not fit their datatype, with a warning, instead of failing")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        Mapping m = Mappings.read(mapping);
        LoadOptions options = new LoadOptions(Mappings.base(base), lenient, 20);
        if (output == null) {
            StreamRDF out = StreamRDFWriter.getWriterStream(System.out, RDFFormat.NQUADS);
            MappingReport report = run(m, options, out);
            Mappings.printReport(m.datasetId(), report, System.err);
            return Main.OK;
        }
        RDFFormat format = format(output);
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".ashyq-", ".part");
        try {
            MappingReport report;
            try (OutputStream os = Files.newOutputStream(tmp)) {
                report = write(m, options, format, os);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Mappings.printReport(m.datasetId(), report, System.err);
            System.err.printf("ashyq: %s: %,d rows, %,d triples -> %s%n", mapping.getFileName(), report.totalRows(),
                    report.triples(), output);
            return Main.OK;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static MappingReport run(Mapping m, LoadOptions options, StreamRDF out) {
        out.start();
        try {
            return MappingEngine.run(m, options, out, MappingEngine.Progress.NONE);
        } finally {
            out.finish();
        }
    }

    private static MappingReport write(Mapping m, LoadOptions options, RDFFormat format, OutputStream os) {
        if (StreamRDFWriter.registered(format)) {
            return run(m, options, StreamRDFWriter.getWriterStream(os, format));
        }
        // JSON-LD is written from memory: its writer needs the whole graph.
        DatasetGraph dsg = DatasetGraphFactory.create();
        MappingReport report = run(m, options, StreamRDFLib.dataset(dsg));
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
