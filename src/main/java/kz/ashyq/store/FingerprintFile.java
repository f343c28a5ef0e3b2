package kz.ashyq.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The file of a fingerprint ({@link Fingerprints}): a header (a magic number, how many triples,
 * the sum of their ids mixed), then per triple its key's two halves and its subject, predicate
 * and object ids, eight bytes each. Read in order, by position, or written.
 */
final class FingerprintFile {

    static final long MAGIC = 0x4153485951465032L; // "ASHYQFP2"
    static final int HEADER = 24;
    static final int RECORD = 40;

    private FingerprintFile() {}

    /** A mix of a triple's ids whose sum over a graph does not depend on the order of its triples. */
    static long mix(long s, long p, long o) {
        long h = s * 0x9E3779B97F4A7C15L + Long.rotateLeft(p, 21) * 0xC2B2AE3D27D4EB4FL
                + Long.rotateLeft(o, 42) * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Records read by position, through a window of the file: positions asked mostly in order
     * read the file once.
     */
    static final class Positions implements AutoCloseable {
        private static final int WINDOW = 8192;
        private final FileChannel in;
        private final ByteBuffer buffer = ByteBuffer.allocate(RECORD * WINDOW);
        private long first = -1;
        long s;
        long p;
        long o;
        long k1;
        long k2;

        Positions(FileChannel in) {
            this.in = in;
        }

        void read(int i) {
            if (first < 0 || i < first || i >= first + buffer.limit() / RECORD) {
                fill(i);
            }
            int at = (int) (i - first) * RECORD;
            k1 = buffer.getLong(at);
            k2 = buffer.getLong(at + 8);
            s = buffer.getLong(at + 16);
            p = buffer.getLong(at + 24);
            o = buffer.getLong(at + 32);
        }

        private void fill(int i) {
            buffer.clear();
            try {
                long pos = HEADER + (long) i * RECORD;
                while (buffer.hasRemaining()) {
                    int n = in.read(buffer, pos + buffer.position());
                    if (n < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.flip();
            if (buffer.limit() < RECORD) {
                throw new IllegalStateException("fingerprint file ends before record " + i);
            }
            first = i;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Records read in order from a channel; the caller knows how many there are. */
    static final class Records implements AutoCloseable {
        private final FileChannel in;
        private final ByteBuffer buffer = ByteBuffer.allocate(RECORD * 8192);
        long k1;
        long k2;
        long s;
        long p;
        long o;

        Records(FileChannel in) {
            this.in = in;
            buffer.limit(0);
        }

        void next() throws IOException {
            if (buffer.remaining() < RECORD) {
                buffer.compact();
                while (buffer.position() < RECORD && in.read(buffer) >= 0) {
                    // fills at least one record
                }
                buffer.flip();
                if (buffer.remaining() < RECORD) {
                    throw new IOException("fingerprint file ends early");
                }
            }
            k1 = buffer.getLong();
            k2 = buffer.getLong();
            s = buffer.getLong();
            p = buffer.getLong();
            o = buffer.getLong();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes a fingerprint: its header is written last, when its count and sum are known. */
    static final class Writer implements AutoCloseable {
        private final FileChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocate(RECORD * 8192);
        private long count;
        private long sum;
        private boolean closed;

        Writer(FileChannel out) throws IOException {
            this.out = out;
            out.position(HEADER);
        }

        void add(long k1, long k2, long s, long p, long o) {
            if (buffer.remaining() < RECORD) {
                flush();
            }
            buffer.putLong(k1).putLong(k2).putLong(s).putLong(p).putLong(o);
            count++;
            sum += mix(s, p, o);
        }

        private void flush() {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.clear();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            flush();
            buffer.putLong(MAGIC).putLong(count).putLong(sum).flip();
            try (out) {
                out.write(buffer, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
