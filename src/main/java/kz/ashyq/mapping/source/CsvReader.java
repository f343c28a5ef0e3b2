package kz.ashyq.mapping.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.Suggest;

/**
 * Streams the rows of one CSV source: one row in memory at a time. Detects the encoding when
 * none is given, skips a BOM, applies the dialect, and names the file, row and line of anything
 * it cannot read: bytes that are not in the encoding, an unclosed quote, a row whose number of
 * cells differs from the header's.
 */
public final class CsvReader implements RowSource {


    private final LogicalSource source;
    private final Charset charset;
    private final boolean detected;
    private final InputStream input;
    private final CsvLexer lexer;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private long rowNumber;
    private String[] pending;
    private long pendingLine;

    private CsvReader(LogicalSource source) throws IOException {
        this.source = source;
        CsvDialect d = source.dialect();
        this.detected = d.encoding() == null;
        this.charset = detected ? detect(source) : Charset.forName(d.encoding());
        InputStream in = new BufferedInputStream(Files.newInputStream(source.file()), 1 << 16);
        skipBom(in);
        this.input = in;
        this.lexer = new CsvLexer(in, charset, d.delimiter(), d.quote(), d.escape());
        try {
            this.header = header(d);
        } catch (IOException | RuntimeException e) {
            close(); // the lexer's thread and the file, which no caller will close
            throw e;
        }
        for (int i = header.size() - 1; i >= 0; i--) {
            index.put(header.get(i), i);
        }
    }

    /** Skips the rows before the header, and reads it, if the source has one. */
    private List<String> header(CsvDialect d) throws IOException {
        for (int i = 0; i < d.skipRows() && lexer.next() != null; i++) {
            // rows before the header or the data: titles, notes
        }
        if (!d.header()) {
            return List.of();
        }
        String[] names = lexer.next();
        if (names == null) {
            throw new DataException(source.file(), 0, null, "has no header row");
        }
        return Arrays.stream(names).map(String::strip).toList();
    }

    /** Opens a source; a missing or unreadable file is a {@link DataException}. */
    public static CsvReader open(LogicalSource source) {
        try {
            return new CsvReader(source);
        } catch (NoSuchFileException e) {
            throw new DataException(source.file(), 0, null, "file not found (named at " + source.where() + ")");
        } catch (CsvLexer.Malformed | CharacterCodingException e) {
            throw new DataException(source.file(), 0, null, "is not valid CSV: " + message(e));
        } catch (IOException e) {
            throw new DataException(source.file(), 0, null, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * A column by header name; by 1-based position when the source has no header or the name
     * repeats in the header.
     */
    @Override
    public int column(String name, Location where) {
        Integer i = index.get(name);
        if (i != null && header.indexOf(name) == header.lastIndexOf(name)) {
            return i;
        }
        if (name.matches("\\d+")) {
            int pos = Integer.parseInt(name);
            if (pos >= 1 && (header.isEmpty() || pos <= header.size())) {
                return pos - 1;
            }
        }
        if (i != null) {
            throw new MappingException(where, "column '" + name + "' appears more than once in the header of "
                    + source.file() + "; refer to it by position (1.." + header.size() + ")");
        }
        throw new MappingException(where, "column '" + name + "' is not in " + source.file()
                + (header.isEmpty() ? " (no header: refer to columns by position)"
                        : Suggest.didYouMean(name, header) + " (columns: " + header + ")"));
    }

    /** The column names, or empty when the source has no header row. */
    public List<String> header() {
        return header;
    }

    @Override
    public Charset charset() {
        return charset;
    }

    @Override
    public boolean encodingDetected() {
        return detected;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            try {
                pendingLine = lexer.line();
                pending = lexer.next();
            } catch (CsvLexer.Malformed | CharacterCodingException e) {
                throw new DataException(source.file(), rowNumber + 1, null, "is not valid CSV: " + message(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pending != null;
    }

    @Override
    public RowSource.Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String[] cells = pending;
        pending = null;
        rowNumber++;
        if (!header.isEmpty() && cells.length != header.size()) {
            throw new DataException(source.file(), rowNumber, null, "is not valid CSV: row " + rowNumber + " (line "
                    + pendingLine + ") has " + cells.length + (cells.length == 1 ? " cell" : " cells")
                    + ", the header has " + header.size());
        }
        if (source.dialect().trim()) {
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
        }
        return new RowSource.Row(rowNumber, pendingLine, cells, null);
    }

    @Override
    public void close() {
        lexer.close();
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String message(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "bytes that are not valid in its encoding (give the source's encoding)";
        }
        return e.getMessage();
    }

    /** The encoding the whole file's bytes show (see {@link EncodingEvidence}). */
    static Charset detect(LogicalSource source) throws IOException {
        return EncodingEvidence.decide(source.file());
    }

    private void skipBom(InputStream in) throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return;
        }
        in.mark(3);
        byte[] b = in.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

}
