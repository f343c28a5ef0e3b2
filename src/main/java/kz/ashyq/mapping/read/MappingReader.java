package kz.ashyq.mapping.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.engine.RdfFiles;
import kz.ashyq.mapping.rml.RmlReader;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;

/**
 * Reads a mapping file of either syntax, by its extension: YARRRML ({@code .yml}) or RML Turtle
 * ({@code .ttl}); or takes an RDF data file as a dataset of its own ({@link RdfFiles}).
 */
public final class MappingReader {

    private MappingReader() {}

    /** Reads a mapping; problems are {@link MappingException}s naming file and line. */
    public static Mapping read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MappingException(new Location(file, 0), "mapping file not found");
        }
        if (RdfFiles.isData(file)) {
            return RdfFiles.mapping(file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return YarrrmlReader.read(file);
        }
        if (name.endsWith(".ttl") || name.endsWith(".rml")) {
            return RmlReader.read(file);
        }
        throw new MappingException(new Location(file, 0),
                "not a mapping file: use YARRRML (.yml, .yaml) or RML in Turtle (.ttl),"
                + " or RDF data to publish as it is (.nt, .nq, .ttl, .trig, .rdf, gzipped or not)");
    }
}
