package kz.ashyq.mapping;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams the rows of one CSV source: one row in memory at a time. Reports the encoding it
 * used, and names the file and row of anything it cannot read.
 */
public final class CsvReader implements RowSource {

    /** Bytes looked at to tell UTF-8 from windows-1251. */
    private static final int SNIFF_BYTES = 1 << 16;
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final LogicalSource source;
    private final Charset charset;
    private final boolean detected;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
    private long rowNumber;
    /** The physical line the last record read ended on (the parser reads one record ahead). */
    private long lastLine;

    private CsvReader(LogicalSource source) throws IOException {
        this.source = source;
        CsvDialect d = source.dialect();
        this.detected = d.encoding() == null;
        this.charset = detected ? detect(source) : Charset.forName(d.encoding());
        InputStream in = new BufferedInputStream(Files.newInputStream(source.file()), 1 << 16);
        skipBom(in);
        Reader reader = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(d.delimiter())
                .setQuote(d.quote())
                .setEscape(d.escape())
                .setIgnoreSurroundingSpaces(false)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get();
        this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        this.records = parser.iterator();
        for (int i = 0; i < d.skipRows() && records.hasNext(); i++) {
            nextRecord();
        }
        if (d.header()) {
            if (!records.hasNext()) {
                throw new DataException(source.file(), 0, null, "has no header row");
            }
            List<String> names = new ArrayList<>();
            for (String h : nextRecord()) {
                names.add(h.strip());
            }
            this.header = List.copyOf(names);
        } else {
            this.header = List.of();
        }
        for (int i = header.size() - 1; i >= 0; i--) {
            index.put(header.get(i), i);
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
                + (header.isEmpty() ? " (no header: refer to columns by position)" : " (columns: " + header + ")"));
    }

    /** Opens a source; a missing or unreadable file is a {@link DataException}. */
    public static CsvReader open(LogicalSource source) {
        try {
            return new CsvReader(source);
        } catch (NoSuchFileException e) {
            throw new DataException(source.file(), 0, null, "file not found (named at " + source.where() + ")");
        } catch (IOException e) {
            throw new DataException(source.file(), 0, null, "cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DataException(source.file(), 0, null, "is not valid CSV: " + rootMessage(e));
        }
    }

    /** The column names, or empty when the source has no header row. */
    public List<String> header() {
        return header;
    }

    /** The encoding used to read the file. */
    @Override
    public Charset charset() {
        return charset;
    }

    /** Whether the encoding was detected rather than given. */
    @Override
    public boolean encodingDetected() {
        return detected;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw new DataException(source.file(), rowNumber + 1, null, "is not valid CSV: " + rootMessage(e));
        }
    }

    @Override
    public RowSource.Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long line = lastLine + 1;
        CSVRecord record = nextRecord();
        rowNumber++;
        String[] cells = record.values();
        if (!header.isEmpty() && cells.length != header.size()) {
            throw new DataException(source.file(), rowNumber, null, "is not valid CSV: row " + rowNumber + " (line "
                    + line + ") has " + cells.length + (cells.length == 1 ? " cell" : " cells") + ", the header has "
                    + header.size());
        }
        if (source.dialect().trim()) {
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
        }
        return new Row(rowNumber, line, cells, null);
    }

    private CSVRecord nextRecord() {
        try {
            CSVRecord r = records.next();
            lastLine = parser.getCurrentLineNumber();
            return r;
        } catch (UncheckedIOException e) {
            throw new DataException(source.file(), rowNumber + 1, null, "is not valid CSV: " + rootMessage(e));
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CharacterCodingException) {
            return "bytes that are not " + t.getClass().getSimpleName().replace("Exception", "")
                    + " in the file's encoding";
        }
        return t.getMessage();
    }

    /** UTF-8 when the file starts with a BOM or its first bytes decode as UTF-8, else windows-1251. */
    static Charset detect(LogicalSource source) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(source.file())) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        int end = head.length;
        // A multi-byte character may be cut at the end of the sample: drop up to 3 trailing bytes.
        if (head.length == SNIFF_BYTES) {
            while (end > head.length - 4 && (head[end - 1] & 0xC0) == 0x80) {
                end--;
            }
            if (end > 0 && (head[end - 1] & 0x80) != 0) {
                end--;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(head, end)));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return WINDOWS_1251;
        }
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
