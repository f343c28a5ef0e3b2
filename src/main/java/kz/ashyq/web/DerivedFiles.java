package kz.ashyq.web;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import kz.ashyq.store.DataVersion;
import kz.ashyq.store.Store;

/**
 * Answers that cost seconds to work out (whole-dataset dumps, sitemap pages), kept as files
 * beside the store for the data version they were made from: the first request after a release
 * makes one, every later one streams it from disk. A dump made for each request took 9 s of CPU
 * and 21 MB of memory (JSON-LD of KATO). Made once at a time per name; written to a temporary
 * file and moved into place, so a reader never sees half a file; files of older versions are
 * deleted when a newer one is made.
 */
final class DerivedFiles {

    /** What makes a file's content. */
    @FunctionalInterface
    interface Maker {
        void write(OutputStream out) throws IOException;
    }

    private final Store store;
    private final Path dir;
    private final Map<String, Object> making = new ConcurrentHashMap<>();

    DerivedFiles(Store store) {
        this.store = store;
        this.dir = store.dir().resolve("derived");
    }

    /** The file of {@code name} for the data served now, made by {@code maker} if there is none yet. */
    Path get(String name, Maker maker) {
        // taken before the content is made: a file is never tagged with newer data than it holds
        DataVersion v = DataVersion.now(store.datasetGraph());
        String tag = Integer.toHexString(v.storage().hashCode()) + "-" + v.number();
        Path file = dir.resolve(tag).resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        synchronized (making.computeIfAbsent(name, k -> new Object())) {
            if (Files.exists(file)) {
                return file;
            }
            try {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), name, ".part");
                try {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                        maker.write(out);
                    }
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                dropOlderThan(tag);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes the folders of other versions: a reader still streaming one keeps its open file. */
    private void dropOlderThan(String tag) throws IOException {
        try (Stream<Path> versions = Files.list(dir)) {
            for (Path v : versions.filter(p -> !p.getFileName().toString().equals(tag)).toList()) {
                try (Stream<Path> walk = Files.walk(v)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
