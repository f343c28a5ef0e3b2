package kz.ashyq.harvest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of datasets to harvest, one a line: {@code NAME [vN] [MAPPING]}, the mapping's path
 * relative to the list; {@code #} starts a comment. A line that does not read so is an error that
 * names the line.
 */
public final class HarvestList {

    private HarvestList() {}

    /**
     * One dataset of the list.
     *
     * @param dataset its name on the portal
     * @param version the version to harvest, or empty for the latest
     * @param mapping the mapping that publishes it, or empty for the drafted one
     */
    public record Entry(String dataset, Optional<String> version, Optional<Path> mapping) {}

    /** The entries of {@code file}, checked. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PortalException(file + ": " + e.getMessage(), true);
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String where = file + ", line " + (i + 1) + ": ";
            if (!words[0].matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
                throw new PortalException(where + "'" + words[0] + "' is not a data.egov.kz dataset name", true);
            }
            Optional<String> version = Optional.empty();
            Optional<Path> mapping = Optional.empty();
            for (int w = 1; w < words.length; w++) {
                if (words[w].matches("v\\d{1,6}") && version.isEmpty() && mapping.isEmpty()) {
                    version = Optional.of(words[w]);
                } else if (mapping.isEmpty() && (words[w].endsWith(".yml") || words[w].endsWith(".yaml")
                        || words[w].endsWith(".ttl"))) {
                    Path m = file.toAbsolutePath().getParent().resolve(words[w]).normalize();
                    if (!Files.isRegularFile(m)) {
                        throw new PortalException(where + "no mapping " + m, true);
                    }
                    mapping = Optional.of(m);
                } else {
                    throw new PortalException(where + "'" + words[w] + "' is neither a version (v1, v2, ...) nor a "
                            + "mapping (.yml, .ttl); a line is NAME [vN] [MAPPING]", true);
                }
            }
            out.add(new Entry(words[0], version, mapping));
        }
        if (out.isEmpty()) {
            throw new PortalException(file + " names no dataset to harvest", true);
        }
        return out;
    }
}
