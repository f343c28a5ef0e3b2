package kz.ashyq.store;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The store's own metadata beside TDB2's files ({@value #FILE}): the base IRI its data was
 * minted with, when it last changed, and the counts that decide compaction.
 */
final class StoreMeta {

    static final String FILE = "ashyq-store.properties";

    private final Path dir;

    StoreMeta(Path dir) {
        this.dir = dir;
    }

    Properties read() {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    /**
     * Writes to a file beside it, flushed to disk, then moves that into place in one step: a
     * crash leaves the old file or the new one, never half of one (which would lose the base IRI).
     */
    void write(Properties p) {
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    Writer w = new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8)) {
                p.store(w, "Ashyq store metadata");
                w.flush();
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("cannot write store metadata in " + dir + ": " + e.getMessage(), e);
        }
    }
}
