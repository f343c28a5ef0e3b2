package kz.ashyq.mapping.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GeoNames spellings against KATO names: certain matches, candidates for review, nothing. */
class PlaceIndexTest {

    private static PlaceIndex index() {
        PlaceIndex i = new PlaceIndex();
        i.add("113220100", "settlement", "г.Акколь", "Ақкөл қ.");
        i.add("113200000", "district", "Аккольский район", "Ақкөл ауданы");
        i.add("114620100", "settlement", "г.Ерейментау", "Ерейментау қ.");
        i.add("396430100", "settlement", "г.Житикара", "Жітіқара қ.");
        i.add("111030100", "settlement", "с.Аксу", "Ақсу а.");
        i.add("111050100", "settlement", "с.Аксу", "Ақсу а.");
        i.add("551610000", "district", "Аксу Г.А.", "Ақсу Қ.Ә.");
        i.add("551610100", "settlement", "г.Аксу", "Ақсу қ.");
        i.add("750000000", "oblast", "г.Алматы", "Алматы қ.");
        i.add("190000000", "oblast", "Алматинская область", "Алматы облысы");
        return i;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
        "Akkol’          | 11 | MATCH     | 113220100",   // the town, not the district named after it
        "Akkol           | 11 | MATCH     | 113220100",
        "Zhitikara       | 39 | MATCH     | 396430100",   // zh/j and i/y folded
        "Jitiqara        | 39 | MATCH     | 396430100",
        "Yermentau       | 11 | CANDIDATE | 114620100",   // Ye against Е: close, not certain
        "Aksu            | 11 | CANDIDATE | 111030100",   // two villages of one name: a person decides
        "Aksu            | 55 | MATCH     | 551610000",   // the city administration, not the town inside it
        "Almaty          | 75 | MATCH     | 750000000",   // a city of republican significance
        "Almaty          | 19 | NONE      | ",            // an oblast is no town
        "Akkol           | 39 | NONE      | ",            // not in that region
        "Qalasy Aūdany   | 11 | NONE      | ",            // only kind words
    })
    void matches(String name, String prefix, PlaceIndex.Kind kind, String code) {
        PlaceIndex.Result r = index().find(name, List.of(prefix));
        assertEquals(kind, r.kind(), r.toString());
        assertEquals(code, r.code());
    }

    @Test
    void placeLookupsKeepTheKindOfUnitAndFoldKazakhLetters(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("units.csv"), """
                kato,name_ru
                711110000,район Алматы
                750000000,г.Алматы
                351010000,г.Караганды
                351000000,Карагандинская область
                """);
        FunctionContext ctx = new FunctionContext(dir);
        LookupTable t = ctx.table("units.csv", "name_ru", "kato", true, List.of());
        assertEquals(new LookupTable.Hit("750000000"), t.find("г. Алматы"), "a city is never a district");
        assertEquals(new LookupTable.Hit("711110000"), t.find("Алматы ауданы"), "and a district never a city");
        assertTrue(t.find("Алматы") instanceof LookupTable.Ambiguous amb && amb.rows().size() == 2,
                "a name without its kind, matching both, is ambiguous");
        assertEquals(new LookupTable.Hit("351010000"), t.find("г. Қарағанды"), "Қ and К compare equal");
        assertTrue(t.find("г. Карганды") instanceof LookupTable.Miss miss && miss.nearest().contains("караганды"),
                "the nearest names of a miss");
        assertNull(PlaceNames.kind("Алматы"));
        assertEquals("city", PlaceNames.kind("Алматы қ.ә."));
    }
}
