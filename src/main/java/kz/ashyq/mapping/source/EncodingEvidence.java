package kz.ashyq.mapping.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.mapping.DataException;

/**
 * The encoding of a CSV file that does not declare one, decided on the whole file: UTF-8 when
 * every byte outside ASCII forms a valid UTF-8 sequence, windows-1251 when none does, and
 * neither when both kinds occur. A sample of the head would mistake a UTF-8 file with one stray
 * windows-1251 byte for a windows-1251 file and publish every Cyrillic letter garbled
 * ({@code Алма} as {@code РђР»РјР°}); a file that fits no single encoding is refused, naming the
 * first line that breaks UTF-8. One pass over the bytes, most of them ASCII on one test each.
 */
final class EncodingEvidence {

    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private long line = 1;
    private long utf8Sequences;
    private long firstUtf8Line;
    private long invalid;
    private long firstInvalidLine;
    /** Continuation bytes the current sequence still needs, and the range its next byte must be in. */
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;
    private long sequenceLine;

    private EncodingEvidence() {}

    /** The file's encoding; a {@link DataException} when its bytes fit no single one. */
    static Charset decide(Path file) throws IOException {
        EncodingEvidence e = new EncodingEvidence();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            boolean first = true;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (first && n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                    return StandardCharsets.UTF_8; // a BOM says so; a bad byte later is reported at its row
                }
                first = false;
                e.scan(buf, n);
            }
        }
        e.end();
        if (e.invalid == 0) {
            return StandardCharsets.UTF_8;
        }
        if (e.utf8Sequences == 0) {
            return WINDOWS_1251;
        }
        throw new DataException(file, 0, null, "mixes encodings: line " + e.firstInvalidLine + " has bytes that are "
                + "not UTF-8, while " + e.utf8Sequences + " characters elsewhere (the first on line " + e.firstUtf8Line
                + ") are UTF-8: convert the file to one encoding, or declare the source's encoding in the mapping");
    }

    private void scan(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            int b = buf[i];
            if (b >= 0 && pending == 0) {
                if (b == '\n') {
                    line++;
                }
                continue;
            }
            next(b & 0xFF);
        }
    }

    /** A byte outside ASCII, or any byte inside a sequence. */
    private void next(int b) {
        if (pending > 0) {
            if (b >= low && b <= high) {
                low = 0x80;
                high = 0xBF;
                if (--pending == 0) {
                    if (utf8Sequences++ == 0) {
                        firstUtf8Line = sequenceLine;
                    }
                }
                return;
            }
            bad(sequenceLine);
            pending = 0;
            low = 0x80;
            high = 0xBF;
            if (b < 0x80) {
                if (b == '\n') {
                    line++;
                }
                return;
            }
        }
        sequenceLine = line;
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            bad(line);
        }
    }

    private void bad(long where) {
        if (invalid++ == 0) {
            firstInvalidLine = where;
        }
    }

    private void end() {
        if (pending > 0) {
            bad(sequenceLine); // the file ends inside a sequence
        }
    }
}
