package kz.ashyq.mapping.yarrrml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.functions.PlaceNames;
import kz.ashyq.mapping.ntriples.IriSafe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100000000         | 100000000",
        "Абай облысы       | Абай%20облысы",
        "a/b?c#d           | a%2Fb%3Fc%23d",
        "say \"hi\"        | say%20%22hi%22",
        "Ә-Қ_Ұ.Ү~Һ         | Ә-Қ_Ұ.Ү~Һ",
        "<x> {y}           | %3Cx%3E%20%7By%7D",
    })
    void percentEncodesWhatIsNotIriSafe(String value, String expected) {
        assertEquals(expected, IriSafe.encode(value));
    }

    @Test
    void templatesSplitIntoTextAndColumns() {
        Location at = new Location(Path.of("m.yml"), 3);
        assertEquals(new Expr.Constant("plain"), YarrrmlTemplates.parse("plain", at));
        assertEquals(new Expr.Column("kato"), YarrrmlTemplates.parse("$(kato)", at));
        assertEquals(new Expr.Template(List.of(Expr.Part.text("id/kato/"), Expr.Part.column("kato"))),
                YarrrmlTemplates.parse("id/kato/$(kato)", at));
        assertEquals(new Expr.Column("number_(mln._pax)"), YarrrmlTemplates.parse("$(number_(mln._pax))", at),
                "balanced parentheses inside a column name");
        assertEquals(new Expr.Constant("^(\\d{9})"), YarrrmlTemplates.parse("^(\\d{9})", at),
                "a regular expression keeps its backslashes");
        assertEquals(new Expr.Constant("costs $(5)"), YarrrmlTemplates.parse("costs \\$(5)", at));
        MappingException e = assertThrows(MappingException.class, () -> YarrrmlTemplates.parse("id/$(kato", at));
        assertTrue(e.getMessage().startsWith("m.yml:3: "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Акмолинская область  | акмолинская",
        "Акмолинская          | акмолинская",
        "Туркестанская 1      | туркестанская",
        "г. Астана            | астана",
        "г.Астана             | астана",
        "область Абай         | абай",
        "Абай облысы          | абай",
        "Восточно-Казахстанская область | восточно казахстанская",
        "Ақжар ауданы         | ақжар",
    })
    void normalisesPlaceNames(String name, String expected) {
        assertEquals(expected, PlaceNames.normalize(name));
    }
}
