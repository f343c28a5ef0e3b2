package kz.ashyq.mapping;

import java.util.Locale;
import java.util.Map;

/**
 * Kazakh and Russian Cyrillic in Latin letters, for readable IRI keys. Russian letters follow
 * ICAO Doc 9303 (Machine Readable Travel Documents, 7th edition, part 3, the Cyrillic table),
 * which Kazakhstan's passports use; the Kazakh letters are written as those passports write them
 * (Ә a, Ғ g, Қ k, Ң n, Ө o, Ұ u, Ү u, Һ h, І i). The result is lower case ASCII, with every run
 * of other characters turned into one {@code -}: {@code "Алматы қ."} becomes {@code almaty-k}.
 */
public final class Transliteration {

    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
            Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"),
            Map.entry('й', "i"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"),
            Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"),
            Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', "ie"), Map.entry('ы', "y"), Map.entry('ь', ""),
            Map.entry('э', "e"), Map.entry('ю', "iu"), Map.entry('я', "ia"),
            Map.entry('ә', "a"), Map.entry('ғ', "g"), Map.entry('қ', "k"), Map.entry('ң', "n"), Map.entry('ө', "o"),
            Map.entry('ұ', "u"), Map.entry('ү', "u"), Map.entry('һ', "h"), Map.entry('і', "i"));

    private Transliteration() {}

    /** The lower-case ASCII slug of a text. */
    public static String slug(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean dash = false;
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            String latin = LETTERS.get(c);
            if (latin == null && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                latin = String.valueOf(c);
            }
            if (latin == null) {
                dash = sb.length() > 0;
                continue;
            }
            if (latin.isEmpty()) {
                continue;
            }
            if (dash) {
                sb.append('-');
                dash = false;
            }
            sb.append(latin);
        }
        return sb.toString();
    }
}
