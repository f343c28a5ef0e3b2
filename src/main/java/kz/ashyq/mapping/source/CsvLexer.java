package kz.ashyq.mapping.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180, with a configurable delimiter, quote and escape
 * character): quoted cells may hold delimiters, doubled quotes and line breaks; empty lines are
 * skipped. It takes the text a decoded chunk at a time from a {@link CsvDecoder}, which reads
 * ahead on a thread of its own, and cuts each cell out of the chunk in one copy; that is what
 * keeps a million-row file fast. Bytes that are not in the charset are an error, and physical
 * lines are counted for error messages. {@link #close()} stops the decoding thread.
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

    private final Charset charset;
    private final char delimiter;
    private final char quote;
    private final int escape;
    /** The largest character a cell's scan stops at: most characters are above it, and pass on one test. */
    private final int stop;
    private final CsvDecoder decoder;
    /** The decoded chunk: scanned as an array, as String.charAt checks its coder at every call. */
    private char[] buf = new char[CHUNK];
    private int pos;
    private int limit;
    private long line = 1;
    private final StringBuilder cell = new StringBuilder(64);
    private final List<String> cells = new ArrayList<>();

    CsvLexer(InputStream in, Charset charset, char delimiter, char quote, Character escape) {
        this.charset = charset;
        this.decoder = new CsvDecoder(in, charset, CHUNK);
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape == null ? -1 : escape;
        this.stop = Math.max(Math.max(delimiter, quote), Math.max(this.escape, '\r'));
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
        if (cell.length() > 0) { // most cells never use it
            cell.setLength(0);
        }
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
                if (ch <= stop && (ch == delimiter || ch == '\n' || ch == '\r' || ch == escape)) {
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
            if (ch <= stop && (ch == quote || ch == escape || ch == '\n' || ch == '\r')) {
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

    /** Takes the next decoded chunk, handing the last one back to be filled again. */
    private boolean fill() throws IOException {
        CsvDecoder.Chunk next = decoder.take(buf);
        if (next == null) {
            pos = limit = 0;
            return false;
        }
        if (next.length() < 0) {
            throw new Malformed("near line " + line + ": bytes that are not " + charset.name()
                    + " (give the source's encoding)");
        }
        buf = next.chars();
        pos = 0;
        limit = next.length();
        return true;
    }

    /** Stops the decoding thread; the stream is the caller's to close. */
    void close() {
        decoder.close();
    }
}
