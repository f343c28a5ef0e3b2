package kz.ashyq.mapping.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lexer's own UTF-8 decoding: the same text as the JDK's, and the same refusals. */
class CsvLexerTest {

    private static List<String[]> lex(byte[] bytes) throws IOException {
        CsvLexer lexer = new CsvLexer(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, ',', '"', null);
        List<String[]> records = new ArrayList<>();
        try {
            for (String[] r = lexer.next(); r != null; r = lexer.next()) {
                records.add(r);
            }
        } finally {
            lexer.close(); // stops its decoding thread, if an error came before the end
        }
        return records;
    }

    @Test
    void decodesEveryLengthOfCharacterAcrossChunkBoundaries() throws IOException {
        // Latin, Kazakh Cyrillic (2 bytes), the tenge sign and CJK (3), emoji and musical symbols (4)
        int[] alphabet = "aZ09 ӘәҒғҚқҢңӨөҰұҮүҺһІі₸中😀𝄞".codePoints().toArray();
        Random random = new Random(42);
        List<String[]> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 3_000; row++) {
            String[] cells = new String[3];
            for (int c = 0; c < cells.length; c++) {
                StringBuilder cell = new StringBuilder();
                for (int k = random.nextInt(40); k > 0; k--) {
                    cell.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
                }
                cells[c] = cell.toString();
            }
            expected.add(cells);
            text.append(String.join(",", cells)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 4 * (1 << 16), "the text spans several chunks");
        List<String[]> read = lex(bytes);
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), read.get(i), "record " + (i + 1));
        }
    }

    @Test
    void quotedCellsReadAsCommonsCsvReadsThem() throws IOException {
        // quoted cells plain and with doubled quotes, delimiters and line breaks inside, unquoted and
        // empty ones, rows ending in \n or \r\n: enough of them that every kind crosses a chunk boundary
        String[] pieces = {"Айгөлек", "a \"b\"", "x, y", "line\nbreak", "crlf\r\nin", "", "51.16, 71.40", "\"", "№1"};
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 20_000; row++) {
            for (int c = 0; c < 4; c++) {
                String v = pieces[random.nextInt(pieces.length)] + random.nextInt(1000);
                boolean needsQuotes = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
                text.append(c > 0 ? "," : "").append(needsQuotes || random.nextBoolean()
                        ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            text.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 8 * (1 << 16), "the text spans several chunks");
        List<String[]> expected = new ArrayList<>();
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(
                new java.io.StringReader(text.toString()))) {
            parser.forEach(r -> expected.add(r.values()));
        }
        List<String[]> read = lex(bytes);
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), read.get(i), "record " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c080",         // overlong NUL
        "e080af",       // overlong '/'
        "eda080",       // a surrogate written as UTF-8
        "f4908080",     // above U+10FFFF
        "ff",           // never in UTF-8
        "d0",           // a lead byte at the end of the file
        "80",           // a continuation byte alone
        "e282"})        // a sequence cut short
    void bytesThatAreNotUtf8AreRefused(String hex) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a,b\n1,Астана".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(HexFormat.of().parseHex(hex));
        CsvLexer.Malformed e = assertThrows(CsvLexer.Malformed.class, () -> lex(bytes.toByteArray()));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aRealReplacementCharacterIsKept() throws IOException {
        List<String[]> read = lex("a\n\uFFFDx\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("\uFFFDx", read.get(1)[0]);
    }
}
