package kz.ashyq.mapping.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionsTest {

    private final FunctionContext ctx = new FunctionContext(Path.of("src/test/resources/fixtures"));

    private String call(String name, Map<String, String> args) {
        return Functions.byIri(Functions.NS + name).impl().apply(args::get, ctx);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "178 268       | 178268",
        "14901641.0    | 14901641",
        "1 362,0       | 1362",
        "42            | 42",
    })
    void wholeNumbersAsPortalsWriteThem(String in, String out) {
        assertEquals(out, call("integer", Map.of("value", in)));
    }

    @Test
    void fractionsAreNotWholeNumbers() {
        FunctionException e = assertThrows(FunctionException.class, () -> call("integer", Map.of("value", "1362,8")));
        assertEquals("'1362,8' is not a whole number", e.getMessage());
        assertEquals("1362.8", call("decimal", Map.of("value", "1362,8")));
        assertEquals("1265413", call("round", Map.of("value", "1265413.1739130467")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "26.11.2025       | 2025-11-26",
        "2025-11-26       | 2025-11-26",
        "1 января 2025г   | 2025-01-01",
        "1 қаңтар 2025ж   | 2025-01-01",
        "15 августа 2024 года | 2024-08-15",
    })
    void datesInKazakhAndRussian(String in, String out) {
        assertEquals(out, call("date", Map.of("value", in)));
    }

    @Test
    void splitsAGeopositionCell() {
        assertEquals("51.160252", call("split", Map.of("value", "51.160252, 71.409022", "separator", ",", "index", "0")));
        assertEquals("71.409022", call("split", Map.of("value", "51.160252, 71.409022", "separator", ",", "index", "1")));
        assertNull(call("split", Map.of("value", "51.16", "separator", ",", "index", "1")));
    }

    @Test
    void katoParentIsTheNearestUnitThatExists() {
        Map<String, String> base = Map.of("source", "kato-mini.csv", "column", "kato");
        assertEquals("110000000", call("katoParent", with(base, "113800000")));
        assertEquals("113820000", call("katoParent", with(base, "113820100")));
        // 113830100's sub-district 113830000 is not in the file: its parent is the district
        assertEquals("113800000", call("katoParent", with(base, "113830100")));
        assertNull(call("katoParent", with(base, "110000000")));
    }

    private static Map<String, String> with(Map<String, String> base, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put("value", value);
        return m;
    }

    @Test
    void lookupMatchesPlaceNamesAndReportsMissesAndAmbiguity() {
        Map<String, String> args = Map.of("source", "kato-mini.csv", "key", "name_ru", "return", "kato",
                "normalize", "place", "where", "level=oblast");
        assertEquals("110000000", call("lookup", with(args, "Акмолинская")));
        assertNull(call("lookup", with(args, "Республика Казахстан")));
        Map<String, String> districts = Map.of("source", "kato-mini.csv", "key", "name_ru", "return", "kato",
                "normalize", "place", "where", "level=district");
        assertNull(call("lookup", with(districts, "Жамбылский район")), "two districts share the name");
        assertEquals("593500000", call("lookup", with(Map.of("source", "kato-mini.csv", "key", "name_ru",
                "return", "kato", "normalize", "place", "where", "level=district; kato^=59"), "Жамбылский район")));
        Map<String, Map<String, Integer>> misses = ctx.misses();
        assertEquals(Map.of("Республика Казахстан", 1),
                misses.get("kato-mini.csv name_ru where level=oblast"));
        Map<String, Integer> ambiguous = misses.get("kato-mini.csv name_ru where level=district");
        assertEquals(1, ambiguous.size(), ambiguous.toString());
        String reported = ambiguous.keySet().iterator().next();
        assertTrue(reported.startsWith("Жамбылский район (ambiguous: ") && reported.contains("593500000")
                && reported.contains("194200000"), "the candidates, code and name: " + reported);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Алматы қ.                       | almaty-k",
        "Қызылорда облысы                | kyzylorda-oblysy",
        "Өскемен                         | oskemen",
        "Шымкент                         | shymkent",
        "Ұлытау облысы                   | ulytau-oblysy",
        "Щучинск                         | shchuchinsk",
        "Южно-Казахстанская область      | iuzhno-kazakhstanskaia-oblast",
        "«Кто сказал МЯУ» ертегі         | kto-skazal-miau-ertegi",
        "Район №1 (2024)                 | raion-1-2024",
    })
    void transliteratesKazakhAndRussianToAsciiKeys(String in, String out) {
        assertEquals(out, call("translit", Map.of("value", in)));
    }

    @Test
    void regexReplaceExtractConcatPad() {
        assertEquals("116430100", call("extract", Map.of("value", "116430100; С.БАЛКАШИНО", "pattern", "^(\\d{9})")));
        assertEquals("100102 Семей", call("replace", Map.of("value", "100102, г. Семей", "pattern", ",\\s*г\\.\\s*",
                "replacement", " ")));
        assertEquals("POINT(71.4 51.1)", call("concat", Map.of("value", "POINT(", "value2", "71.4", "value3", " ",
                "value4", "51.1", "value5", ")")));
        assertEquals("011010000", call("padLeft", Map.of("value", "11010000", "length", "9")));
        assertEquals("a b c", call("collapseSpaces", Map.of("value", "  a   b\tc ")));
        assertEquals("АЛМАТЫ", call("upper", Map.of("value", "Алматы")));
    }
}
