package kz.ashyq.mapping.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Python literals of data.egov.kz exports read as the JSON they stand for. */
class PortalExportTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'a': 1, 'b': [True, False, None]}          | {\"a\":1,\"b\":[true,false,null]}",
        "[{'x': 'it\\'s'}, {\"y\": \"q\"}]            | [{\"x\":\"it's\"},{\"y\":\"q\"}]",
        "{'n': -1.25, 't': (1, 2,), 'e': {}}        | {\"n\":-1.25,\"t\":[1,2],\"e\":{}}",
        "{'u': 'Ақмола\\nоблысы', 'h': '\\x41\\u0416'} | {\"u\":\"Ақмола\\nоблысы\",\"h\":\"AЖ\"}",
        "  [ ]                                        | []",
    })
    void literalsReadAsJson(String python, String json) throws Exception {
        JsonNode expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertEquals(expected.toString(), PortalExport.parse(python).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'a': 1                 | the value ends early",
        "{'a' 1}                 | expected ':' at character 6",
        "['a', nan_value]        | 'nan_value' is not a Python literal at character 7",
        "'open                   | a string is not closed",
        "[1] 2                   | unexpected text after the value at character 5",
    })
    void badLiteralsSayWhere(String python, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortalExport.parse(python));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void untaggedWordsGetTheLanguageTheirLettersShow() {
        assertEquals("kk", PortalExport.script("медициналық қалдықтар", "ru"));
        assertEquals("ru", PortalExport.script("медицинские отходы", "ru"));
        assertEquals("en", PortalExport.script("medical waste", "ru"));
        assertEquals("kk", PortalExport.script("Астана", "kk"), "a Kazakh text without Kazakh-only letters stays kk");
    }
}
