package kz.ashyq.mapping.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.Mapping;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;

/**
 * RDF files published as datasets of their own, beside mappings: N-Triples, N-Quads, Turtle,
 * TriG and RDF/XML, gzipped or not. Such a "mapping" has no triples maps; running it streams the
 * file's triples (a quad's graph name is dropped: the file is one dataset, one graph) into the
 * release, so that Ashyq can publish, and be measured on, the same bytes as other stores.
 *
 * <p>A {@code .ttl} file is RML when its first megabyte mentions {@code logicalSource} (every
 * RML triples map has one); otherwise it is data. Syntax errors stop the release with the
 * file, line and column.
 */
public final class RdfFiles {

    /** How much of a {@code .ttl} file is read to tell an RML mapping from data. */
    private static final int SNIFF = 1 << 20;

    private RdfFiles() {}

    /** The RDF syntax of a data file by its name (with or without {@code .gz}), or null. */
    static Lang lang(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        Lang lang = RDFLanguages.filenameToLang(name);
        return lang == null || !RDFLanguages.isTriples(lang) && !RDFLanguages.isQuads(lang) ? null : lang;
    }

    /** Whether {@code file} is RDF data rather than a mapping. */
    public static boolean isData(Path file) {
        Lang lang = lang(file);
        if (lang == null) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !lang.equals(Lang.TURTLE) || name.endsWith(".gz") || !mentionsLogicalSource(file);
    }

    private static boolean mentionsLogicalSource(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(SNIFF), StandardCharsets.UTF_8).contains("logicalSource");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapping that publishes an RDF file: no triples maps, its dataset named after the file. */
    public static Mapping mapping(Path file) {
        return new Mapping(file, Optional.empty(), Map.of());
    }

    /** Whether a mapping is an RDF file's. */
    static boolean isData(Mapping mapping) {
        return mapping.triplesMaps().isEmpty() && lang(mapping.file()) != null && isData(mapping.file());
    }

    /** Streams the file's triples into {@code out}; a syntax error is a {@link DataException} at its line. */
    static MappingReport stream(Mapping mapping, StreamRDF out, MappingEngine.Progress progress) {
        Path file = mapping.file();
        MappingReport report = new MappingReport(1);
        long[] triples = {0};
        StreamRDF counting = new StreamRDFWrapper(out) {
            @Override
            public void triple(Triple t) {
                super.triple(t);
                if (++triples[0] % MappingEngine.PROGRESS_EVERY == 0) {
                    progress.update(file, triples[0], triples[0]);
                }
            }

            @Override
            public void quad(Quad q) {
                triple(q.asTriple());
            }

            @Override
            public void prefix(String prefix, String iri) {
                // the release's prefixes are Ashyq's own
            }

            @Override
            public void start() {}

            @Override
            public void finish() {}
        };
        try (InputStream in = open(file)) {
            RDFParser.source(in).lang(lang(file)).errorHandler(new Strict(file)).parse(counting);
        } catch (RiotException e) {
            throw new DataException(file, 0, null, e.getMessage());
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage());
        }
        report.rows(file, triples[0]);
        report.encoding(file, StandardCharsets.UTF_8, false);
        report.triples(triples[0]);
        return report;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new java.util.zip.GZIPInputStream(in, 1 << 16) : in;
    }

    /** Stops at the first error or warning-worthy term, naming the file, line and column. */
    private record Strict(Path file) implements ErrorHandler {
        @Override
        public void warning(String message, long line, long col) {
            // RIOT's warnings (a relative IRI, an unusual language tag) do not stop a load
        }

        @Override
        public void error(String message, long line, long col) {
            throw fail(message, line, col);
        }

        @Override
        public void fatal(String message, long line, long col) {
            throw fail(message, line, col);
        }

        private DataException fail(String message, long line, long col) {
            return new DataException(file, 0, null, (line > 0 ? "line " + line + (col > 0 ? ", column " + col : "")
                    + ": " : "") + message);
        }
    }
}
