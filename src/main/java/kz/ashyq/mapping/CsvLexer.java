package kz.ashyq.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180, with a configurable delimiter, quote and escape
 * character): quoted cells may hold delimiters, doubled quotes and line breaks; empty lines are
 * skipped. It decodes the bytes a chunk at a time and cuts each cell out of the chunk in one
 * copy; that is what keeps a million-row file
 * fast. Bytes that are not in the charset are an error, and physical lines are counted for
 * error messages.
 */
final class CsvLexer {

    /** A cell or record that is not CSV, or bytes that are not in the charset. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final Charset charset;
    private final boolean utf8;
    private final char delimiter;
    private final char quote;
    private final int escape;
    private final byte[] bytes = new byte[CHUNK + 4];
    private int carried;
    /** The decoded chunk: scanned as an array, as String.charAt checks its coder at every call. */
    private char[] buf = new char[CHUNK];
    private int pos;
    private int limit;
    private long line = 1;
    private final StringBuilder cell = new StringBuilder(64);
    private final List<String> cells = new ArrayList<>();

    CsvLexer(InputStream in, Charset charset, char delimiter, char quote, Character escape) {
        this.in = in;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape == null ? -1 : escape;
    }

    /** The physical line the next record starts on (1-based). */
    long line() {
        return line;
    }

    /** The next record's cells, or null at the end. */
    String[] next() throws IOException {
        while (true) {
            int c = peek();
            if (c < 0) {
                return null;
            }
            if (c != '\n' && c != '\r') {
                break;
            }
            newline(c);
        }
        cells.clear();
        while (true) {
            boolean more = readCell();
            if (!more) {
                return cells.toArray(new String[0]);
            }
        }
    }

    /** Reads one cell and adds it; true when a delimiter follows, false at the record's end. */
    private boolean readCell() throws IOException {
        cell.setLength(0);
        boolean quoted = false;
        if (peek() == quote) {
            String whole = quotedInChunk();
            if (whole != null) {
                cells.add(whole);
                char ch = buf[pos];
                if (ch == delimiter) {
                    pos++;
                    return true;
                }
                newline(ch);
                return false;
            }
            pos++;
            readQuoted();
            quoted = true;
        }
        while (true) {
            if (pos == limit && !fill()) {
                cells.add(cell.toString());
                return false;
            }
            int start = pos;
            while (pos < limit) {
                char ch = buf[pos];
                if (ch == delimiter || ch == '\n' || ch == '\r' || ch == escape) {
                    break;
                }
                pos++;
            }
            if (pos == limit) {
                cell.append(buf, start, pos - start);
                continue;
            }
            // the common case: a whole unquoted cell inside this chunk, cut out in one copy
            String value = !quoted && cell.length() == 0 ? new String(buf, start, pos - start)
                    : cell.append(buf, start, pos - start).toString();
            char ch = buf[pos];
            if (ch == escape) {
                pos++;
                int next = read();
                if (next >= 0) {
                    if (!(quoted || cell.length() > 0)) {
                        cell.append(value);
                    }
                    cell.append((char) next);
                }
                quoted = true; // the cell is now built in the StringBuilder
                continue;
            }
            cells.add(value);
            if (ch == delimiter) {
                pos++;
                return true;
            }
            newline(ch);
            return false;
        }
    }

    /**
     * The common quoted cell, cut out of the chunk in one copy: it closes in this chunk, right
     * before a delimiter or a line break, with no quote, escape or line break inside. Null, with
     * nothing read, for any other, which {@link #readQuoted} then reads.
     */
    private String quotedInChunk() {
        int i = pos + 1;
        while (i < limit) {
            char ch = buf[i];
            if (ch == quote || ch == escape || ch == '\n' || ch == '\r') {
                break;
            }
            i++;
        }
        if (i + 1 >= limit || buf[i] != quote) {
            return null;
        }
        char after = buf[i + 1];
        if (after != delimiter && after != '\n' && after != '\r') {
            return null;
        }
        String value = new String(buf, pos + 1, i - pos - 1);
        pos = i + 1;
        return value;
    }

    /** Reads a quoted cell's content up to its closing quote; doubled quotes are one quote. */
    private void readQuoted() throws IOException {
        long startLine = line;
        while (true) {
            if (pos == limit && !fill()) {
                throw new Malformed("a quoted cell opened on line " + startLine + " is never closed");
            }
            int start = pos;
            while (pos < limit) {
                char ch = buf[pos];
                if (ch == quote || ch == escape || ch == '\n' || ch == '\r') {
                    break;
                }
                pos++;
            }
            cell.append(buf, start, pos - start);
            if (pos == limit) {
                continue;
            }
            char ch = buf[pos++];
            if (ch == '\n' || ch == '\r') {
                cell.append(ch);
                if (ch == '\n' || peek() != '\n') {
                    line++;
                }
            } else if (ch == escape && ch != quote) {
                int next = read();
                if (next >= 0) {
                    cell.append((char) next);
                }
            } else if (peek() == quote) {
                cell.append(quote);
                pos++;
            } else {
                int after = peek();
                if (after >= 0 && after != delimiter && after != '\n' && after != '\r') {
                    throw new Malformed("line " + line + ": '" + (char) after + "' after a closing quote; a quote "
                            + "inside a quoted cell must be doubled");
                }
                return;
            }
        }
    }

    private void newline(int c) throws IOException {
        pos++;
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            pos++;
        }
        return c;
    }

    /** Decodes the next chunk of bytes; a UTF-8 character cut at the chunk's end waits for the next. */
    private boolean fill() throws IOException {
        int n = carried + Math.max(0, in.readNBytes(bytes, carried, CHUNK - carried));
        if (n == 0) {
            pos = limit = 0;
            return false;
        }
        int end = n;
        if (utf8 && n == CHUNK) {
            end = boundary(n);
        }
        int decoded = utf8 ? decodeUtf8(end) : -1;
        if (decoded < 0) {
            // String's decoder; a replacement character sends the chunk to a strict one
            String text = new String(bytes, 0, end, charset);
            if (text.indexOf('\uFFFD') >= 0) {
                check(end);
            }
            if (text.length() > buf.length) {
                buf = new char[text.length()];
            }
            text.getChars(0, text.length(), buf, 0);
            decoded = text.length();
        }
        carried = n - end;
        System.arraycopy(bytes, end, bytes, 0, carried);
        pos = 0;
        limit = decoded;
        return limit > 0 || fill();
    }

    /**
     * Decodes well-formed UTF-8 straight into the chunk's chars: String's decoder writes a UTF-16
     * string that is then copied out, which took a third of a million-row run. Returns the number
     * of chars, or -1 at the first byte that is not well-formed, so that the strict decoder reports it.
     */
    private int decodeUtf8(int end) {
        byte[] b = bytes;
        char[] out = buf;
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
    private void check(int end) throws Malformed {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
        } catch (CharacterCodingException e) {
            throw new Malformed("near line " + line + ": bytes that are not " + charset.name()
                    + " (give the source's encoding)");
        }
    }
}
