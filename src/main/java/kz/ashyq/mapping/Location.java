package kz.ashyq.mapping;

import java.nio.file.Path;

/**
 * A place in a mapping file, for error messages.
 *
 * @param file the mapping file
 * @param line the 1-based line, or 0 when unknown
 */
public record Location(Path file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file.getFileName() + ":" + line : String.valueOf(file.getFileName());
    }
}
