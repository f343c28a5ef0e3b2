package kz.ashyq.mapping;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180, with a configurable delimiter, quote and escape
 * character): quoted cells may hold delimiters, doubled quotes and line breaks; empty lines are
 * skipped. It reads through a char buffer and cuts cells out of it in one pass, which is what
 * keeps a million-row file fast; it counts physical lines for error messages.
 */
final class CsvLexer {

    /** A cell or record that is not CSV, with the line where the trouble is. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final int escape;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;
    private final StringBuilder cell = new StringBuilder(64);
    private final List<String> cells = new ArrayList<>();

    CsvLexer(Reader in, char delimiter, char quote, Character escape) {
        this.in = in;
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
        int c;
        // skip empty lines
        while (true) {
            c = peek();
            if (c == '\n' || c == '\r') {
                newline(c);
                continue;
            }
            if (c < 0) {
                return null;
            }
            break;
        }
        cells.clear();
        while (true) {
            boolean more = readCell();
            cells.add(cell.toString());
            if (!more) {
                return cells.toArray(new String[0]);
            }
        }
    }

    /** Reads one cell into {@link #cell}; true when a delimiter follows, false at the record's end. */
    private boolean readCell() throws IOException {
        cell.setLength(0);
        if (peek() == quote) {
            pos++;
            readQuoted();
        }
        while (true) {
            if (pos == limit && !fill()) {
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
            cell.append(buf, start, pos - start);
            if (pos == limit) {
                continue;
            }
            char ch = buf[pos];
            if (ch == delimiter) {
                pos++;
                return true;
            }
            if (ch == escape) {
                pos++;
                int next = read();
                if (next >= 0) {
                    cell.append((char) next);
                }
                continue;
            }
            newline(ch);
            return false;
        }
    }

    /** Reads a quoted cell's content up to its closing quote; doubled quotes are one quote. */
    private void readQuoted() throws IOException {
        long startLine = line;
        while (true) {
            if (pos == limit && !fill()) {
                throw new Malformed("a quoted cell opened on line " + startLine + " is never closed");
            }
            int start = pos;
            while (pos < limit && buf[pos] != quote && buf[pos] != escape && buf[pos] != '\n' && buf[pos] != '\r') {
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

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
