package kz.ashyq.mapping.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.RowSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name);
    }

    private static List<RowSource.Row> rows(LogicalSource s) {
        List<RowSource.Row> out = new ArrayList<>();
        try (CsvReader r = CsvReader.open(s)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * A file is decoded on a thread of its own, a few chunks ahead: closing the reader before the
     * end, or a header that fails, must not leave that thread waiting for ever.
     */
    @Test
    void theDecodingThreadStopsWhenTheReaderCloses(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.csv");
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(",Қала ").append(i).append('\n');
        }
        java.nio.file.Files.writeString(big, csv);
        Path empty = dir.resolve("empty.csv");
        java.nio.file.Files.writeString(empty, "");
        for (int round = 0; round < 20; round++) {
            try (CsvReader r = CsvReader.open(new LogicalSource(big, CsvDialect.defaults(), null))) {
                assertEquals("0", r.next().cells()[0]); // the decoder now runs chunks ahead, then waits
            }
            assertThrows(DataException.class, () -> CsvReader.open(new LogicalSource(empty, CsvDialect.defaults(), null)));
        }
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ashyq-decoder") && t.isAlive()).count(), "decoding threads left");
    }

    @Test
    void detectsWindows1251AndReadsWithoutHeader() {
        CsvDialect d = new CsvDialect(null, ';', '"', null, false, 0, true, Set.of(""));
        LogicalSource s = new LogicalSource(fixture("okved-cp1251.csv"), d, null);
        try (CsvReader r = CsvReader.open(s)) {
            assertEquals("windows-1251", r.charset().name());
            assertTrue(r.encodingDetected());
            assertEquals(List.of(), r.header());
            RowSource.Row first = r.next();
            assertEquals(1, first.number());
            assertEquals("A", first.cells()[0]);
            assertEquals("СЕЛЬСКОЕ, ЛЕСНОЕ ХОЗЯЙСТВО, ОХОТА, РЫБОЛОВСТВО И РЫБОВОДСТВО", first.cells()[2]);
        }
    }

    @Test
    void skipsBomAndReadsSemicolons() {
        CsvDialect d = new CsvDialect(null, ';', '"', null, true, 0, true, Set.of(""));
        try (CsvReader r = CsvReader.open(new LogicalSource(fixture("kato-2022-ru.csv"), d, null))) {
            assertEquals("UTF-8", r.charset().name());
            assertEquals(List.of("id", "parent_id", "code", "name"), r.header());
            assertArrayEquals(new String[] {"1", "0", "100000000", "область Абай"}, r.next().cells());
        }
    }

    @Test
    void keepsRepeatedHeaderNames() {
        CsvDialect d = new CsvDialect(null, ';', '"', null, true, 0, true, Set.of(""));
        try (CsvReader r = CsvReader.open(new LogicalSource(fixture("kato-2022-solva.csv"), d, null))) {
            assertEquals(35, r.header().size());
            assertEquals("id", r.header().get(0));
            assertEquals("id", r.header().get(7));
            assertEquals("Кокшетау", r.next().cells()[4]);
        }
    }

    @Test
    void readsLineBreaksInsideQuotedCellsAndCountsRowsNotLines() {
        List<RowSource.Row> rows = rows(new LogicalSource(fixture("egov-multiline.csv"), CsvDialect.defaults(), null));
        assertEquals(10, rows.size());
        assertEquals(10, rows.get(9).number());
        assertTrue(rows.get(7).cells()[10].contains("\n"), "a cell keeps its line break");
        assertTrue(rows.get(9).line() > 11, "the last row starts after the line breaks of earlier cells");
    }

    @Test
    void skipsRowsAndTrimsOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "a title line\nname,count\n  Астана  ,1\n", StandardCharsets.UTF_8);
        CsvDialect keep = new CsvDialect("UTF-8", ',', '"', null, true, 1, false, Set.of(""));
        List<RowSource.Row> rows = rows(new LogicalSource(f, keep, null));
        assertEquals("  Астана  ", rows.get(0).cells()[0]);
        CsvDialect trim = new CsvDialect("UTF-8", ',', '"', null, true, 1, true, Set.of(""));
        assertEquals("Астана", rows(new LogicalSource(f, trim, null)).get(0).cells()[0]);
    }

    @Test
    void aFileThatIsNotCsvNamesFileAndRow(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.csv");
        Files.writeString(f, "a,b\n1,\"unclosed\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> rows(new LogicalSource(f, CsvDialect.defaults(), null)));
        assertTrue(e.getMessage().contains("broken.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid CSV"), e.getMessage());
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path dir) {
        DataException e = assertThrows(DataException.class,
                () -> rows(new LogicalSource(dir.resolve("none.csv"), CsvDialect.defaults(), null)));
        assertTrue(e.getMessage().contains("none.csv"));
        assertFalse(e.getMessage().isBlank());
    }
}
