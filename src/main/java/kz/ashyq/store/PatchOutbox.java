package kz.ashyq.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;

/**
 * Every change committed to a store that has one, as RDF Patch files in its {@value #DIR} folder,
 * for a sender to append to a topic in commit order (the transactional outbox). A transaction's
 * patch is written as it goes and flushed to disk, under its number, before the transaction commits;
 * so after a crash a patch numbered up to the store's last change was committed and is sent again
 * (a follower skips numbers it has), and one numbered past it was not and is deleted.
 */
public final class PatchOutbox {

    /** The folder under the store: its presence turns the outbox on, for every process that writes. */
    public static final String DIR = "outbox";

    private static final Pattern NAME = Pattern.compile("(data|archive)-(\\d{20})\\.rdfp");

    private final Path dir;
    private final java.util.function.Supplier<java.util.Optional<kz.ashyq.config.BaseIri>> base;
    private final LinkedBlockingDeque<Path> committed = new LinkedBlockingDeque<>();
    /**
     * Held by a part's writer from the numbering of its change to the queueing of its patch, across
     * the commit: TDB2 lets the next writer in as soon as one commits, and without it a quick second
     * change (an admin update) could be queued before the first, and sent before it. A replica skips a
     * number lower than one it has, so it would never apply the first.
     */
    private final Map<Part, java.util.concurrent.locks.ReentrantLock> order = Map.of(
            Part.DATA, new java.util.concurrent.locks.ReentrantLock(), Part.ARCHIVE, new java.util.concurrent.locks.ReentrantLock());

    private PatchOutbox(Path dir, java.util.function.Supplier<java.util.Optional<kz.ashyq.config.BaseIri>> base) {
        this.dir = dir;
        this.base = base;
    }

    /** The header that names the base IRI the data was minted with, so that a replica serves it the same. */
    public static final String BASE_HEADER = "base";

    /**
     * The outbox of a store, when it has one, reconciled with the numbers of the last changes each
     * part committed: the patches of those and earlier wait to be sent, later ones are deleted.
     */
    static java.util.Optional<PatchOutbox> open(Path storeDir, Map<Part, Long> lastSeq,
            java.util.function.Supplier<java.util.Optional<kz.ashyq.config.BaseIri>> base) {
        Path dir = storeDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        PatchOutbox box = new PatchOutbox(dir, base);
        List<Path> keep = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(2)) <= lastSeq.get(Part.of(m.group(1)))) {
                    keep.add(f);
                } else {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the outbox " + dir + ": " + e.getMessage(), e);
        }
        // the archive's patches first: a release commits its archive before the served graph
        keep.sort(java.util.Comparator.comparing((Path p) -> partOf(p) == Part.DATA).thenComparing(PatchOutbox::seqOf));
        box.committed.addAll(keep);
        return java.util.Optional.of(box);
    }

    /** Turns the outbox of a store on: from now on every write of any process is logged. */
    public static void enable(Path storeDir) {
        try {
            Files.createDirectories(storeDir.resolve(DIR));
        } catch (IOException e) {
            throw new StoreException("cannot create " + storeDir.resolve(DIR) + ": " + e.getMessage(), e);
        }
    }

    /** The folder of the outbox. */
    public Path dir() {
        return dir;
    }

    /** The part a patch file is of. */
    public static Part partOf(Path patch) {
        return Part.of(match(patch).group(1));
    }

    /** The number of the change a patch file holds. */
    public static long seqOf(Path patch) {
        return Long.parseLong(match(patch).group(2));
    }

    private static Matcher match(Path patch) {
        Matcher m = NAME.matcher(patch.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a patch of the outbox: " + patch);
        }
        return m;
    }

    /** The oldest committed patch not yet sent, waiting up to {@code millis} for one; null when none came. */
    public Path head(long millis) throws InterruptedException {
        Path p = committed.pollFirst(millis, TimeUnit.MILLISECONDS);
        if (p != null) {
            committed.addFirst(p);
        }
        return p;
    }

    /** The head was sent: it leaves the outbox. */
    public void sent(Path patch) {
        committed.remove(patch);
        try {
            Files.deleteIfExists(patch);
        } catch (IOException e) {
            throw new StoreException("cannot delete " + patch + ": " + e.getMessage(), e);
        }
    }

    /** Committed patches not yet sent. */
    public int pending() {
        return committed.size();
    }

    Tx begin(Part part) {
        return new Tx(part);
    }

    /** The patch of one transaction, written as it goes. */
    final class Tx {
        private final Part part;
        private Path tmp;
        private FileChannel channel;
        private RDFChangesWriterText out;
        private long changes;
        private boolean ordered;

        private Tx(Part part) {
            this.part = part;
        }

        void add(Node g, Node s, Node p, Node o) {
            writer().add(g, s, p, o);
            changes++;
        }

        void delete(Node g, Node s, Node p, Node o) {
            writer().delete(g, s, p, o);
            changes++;
        }

        long changes() {
            return changes;
        }

        private RDFChangesWriterText writer() {
            if (out == null) {
                try {
                    tmp = Files.createTempFile(dir, part.label() + "-", ".tmp");
                    channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream file = Channels.newOutputStream(channel);
                    // closing the patch writer flushes it; the channel stays open to be forced to disk
                    OutputStream os = new BufferedOutputStream(new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            file.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            file.write(b, off, len);
                        }
                    }, 1 << 16);
                    out = RDFPatchOps.textWriter(os);
                    base.get().ifPresent(b -> out.header(BASE_HEADER,
                            org.apache.jena.graph.NodeFactory.createURI(b.value())));
                } catch (IOException e) {
                    throw new StoreException("cannot write a patch in " + dir + ": " + e.getMessage(), e);
                }
            }
            return out;
        }

        /**
         * Flushes the patch to disk under its number; called inside the transaction, before it commits.
         * Holds the part's order until {@link #committed()} or {@link #aborted()}.
         */
        void prepare(long seq) {
            order.get(part).lock();
            ordered = true;
            writer();
            out.close();
            try {
                channel.force(true);
                channel.close();
                Path patch = dir.resolve(String.format("%s-%020d.rdfp", part.label(), seq));
                Files.move(tmp, patch, StandardCopyOption.ATOMIC_MOVE);
                tmp = patch;
            } catch (IOException e) {
                throw new StoreException("cannot write a patch in " + dir + ": " + e.getMessage(), e);
            }
        }

        /** The transaction committed: its patch may be sent. */
        void committed() {
            try {
                if (tmp != null) {
                    committed.addLast(tmp);
                }
            } finally {
                release();
            }
        }

        private void release() {
            if (ordered) {
                ordered = false;
                order.get(part).unlock();
            }
        }

        /** The transaction aborted: its patch never happened. */
        void aborted() {
            release();
            try {
                if (out != null) {
                    out.close();
                }
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException | RuntimeException e) {
                // the next start deletes it: its number is past the store's
            }
        }
    }
}
