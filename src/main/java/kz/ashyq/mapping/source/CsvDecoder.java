package kz.ashyq.mapping.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and decodes a CSV file a chunk at a time on a thread of its own, a few chunks ahead of the
 * {@link CsvLexer} that cuts them into cells: decoding was half the lexer's work, and the thread
 * that maps rows sets the pace of a run. Chunks are large (64K chars), so handing one over costs
 * next to nothing per row. A UTF-8 character cut at a chunk's end waits for the next chunk.
 */
final class CsvDecoder {

    /** Decoded chars; a negative length means bytes that are not in the charset. */
    record Chunk(char[] chars, int length) {}

    private static final Object END = new Object();
    private static final Chunk NOT_IN_CHARSET = new Chunk(null, -1);
    private static final int AHEAD = 3;

    private final InputStream in;
    private final Charset charset;
    private final boolean utf8;
    private final int size;
    private final byte[] bytes;
    private int carried;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    /** Arrays the lexer is done with, to decode into again: room for all there can be. */
    private final BlockingQueue<char[]> free = new ArrayBlockingQueue<>(AHEAD + 3);
    private Thread thread;
    private boolean ended;

    CsvDecoder(InputStream in, Charset charset, int size) {
        this.in = in;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.size = size;
        this.bytes = new byte[size + 4];
    }

    /**
     * The next chunk, or null at the end of the file; {@code done}, the chunk the lexer has
     * finished with, is decoded into again.
     */
    Chunk take(char[] done) throws IOException {
        if (ended) {
            return null;
        }
        if (thread == null) { // started at the first chunk, so that a reader never read from costs no thread
            thread = new Thread(this::run, "ashyq-decoder");
            thread.setDaemon(true);
            thread.start();
        }
        if (done != null) {
            free.offer(done);
        }
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
        return (Chunk) item;
    }

    /** Stops the thread, if the file was not read to its end. */
    void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Object item = next();
                ready.put(item);
                if (item == END || item == NOT_IN_CHARSET) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed before the end of the file
        } catch (IOException | RuntimeException | Error e) {
            try {
                ready.put(e);
            } catch (InterruptedException closed) {
                // nobody reads any more
            }
        }
    }

    /** Reads and decodes the next chunk. */
    private Object next() throws IOException {
        while (true) {
            int n = carried + Math.max(0, in.readNBytes(bytes, carried, size - carried));
            if (n == 0) {
                return END;
            }
            int end = n;
            if (utf8 && n == size) {
                end = boundary(n);
            }
            char[] out = free.poll();
            if (out == null) {
                out = new char[size];
            }
            int decoded = utf8 ? decodeUtf8(end, out) : -1;
            if (decoded < 0) {
                // String's decoder; a replacement character sends the chunk to a strict one
                String text = new String(bytes, 0, end, charset);
                if (text.indexOf('\uFFFD') >= 0 && !inCharset(end)) {
                    return NOT_IN_CHARSET;
                }
                if (text.length() > out.length) {
                    out = new char[text.length()];
                }
                text.getChars(0, text.length(), out, 0);
                decoded = text.length();
            }
            carried = n - end;
            System.arraycopy(bytes, end, bytes, 0, carried);
            if (decoded > 0) {
                return new Chunk(out, decoded);
            }
            free.offer(out);
        }
    }

    /**
     * Decodes well-formed UTF-8 straight into the chunk's chars: String's decoder writes a UTF-16
     * string that is then copied out, which took a third of a million-row run. Returns the number
     * of chars, or -1 at the first byte that is not well-formed, so that the strict decoder reports it.
     */
    private int decodeUtf8(int end, char[] out) {
        byte[] b = bytes;
        int i = 0;
        int k = 0;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                out[k++] = (char) c;
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF && i + 1 < end && (b[i + 1] & 0xC0) == 0x80) {
                out[k++] = (char) ((c & 0x1F) << 6 | b[i + 1] & 0x3F);
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF && i + 2 < end && continues3(c, b[i + 1]) && (b[i + 2] & 0xC0) == 0x80) {
                out[k++] = (char) ((c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F);
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4 && i + 3 < end && continues4(c, b[i + 1])
                    && (b[i + 2] & 0xC0) == 0x80 && (b[i + 3] & 0xC0) == 0x80) {
                int cp = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | b[i + 3] & 0x3F;
                out[k++] = Character.highSurrogate(cp);
                out[k++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return -1;
            }
        }
        return k;
    }

    /** The second byte of a three-byte sequence: no overlong form, no surrogate. */
    private static boolean continues3(int lead, byte second) {
        int s = second & 0xFF;
        return lead == 0xE0 ? s >= 0xA0 && s <= 0xBF : lead == 0xED ? s >= 0x80 && s <= 0x9F : (s & 0xC0) == 0x80;
    }

    /** The second byte of a four-byte sequence: no overlong form, nothing above U+10FFFF. */
    private static boolean continues4(int lead, byte second) {
        int s = second & 0xFF;
        return lead == 0xF0 ? s >= 0x90 && s <= 0xBF : lead == 0xF4 ? s >= 0x80 && s <= 0x8F : (s & 0xC0) == 0x80;
    }

    /** The end of the last whole UTF-8 character among the first {@code n} bytes. */
    private int boundary(int n) {
        int i = n - 1;
        int back = 0;
        while (i >= 0 && back < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) {
            return n;
        }
        int lead = bytes[i] & 0xFF;
        int len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return i + len <= n ? n : i;
    }

    /** A replacement character after decoding: real, or bytes that are not in the charset? */
    private boolean inCharset(int end) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
