package kz.ashyq.mapping;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises Kazakh and Russian place names so that the ways agencies write one place compare
 * equal: {@code "Акмолинская область"}, {@code "Акмолинская"}, {@code "г. Астана"} and
 * {@code "г.Астана"}, {@code "Туркестанская 1"} (a footnote mark).
 */
public final class PlaceNames {

    /** Words that say what kind of unit a name is, not which one. */
    private static final Set<String> KIND_WORDS = Set.of(
            "область", "обл", "облысы", "г", "город", "қ", "қаласы", "район", "ауданы", "р-н",
            "г.а", "қ.ә", "с", "п", "ауылы", "кенті");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.,;:()\"«»'’\\-–—/]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** KATO's abbreviations of two letters (city administration, rural district, ...), dots and all. */
    private static final Pattern ABBREVIATIONS = Pattern.compile(
            "(?<!\\p{L})(г\\.\\s?а|қ\\.\\s?ә|с\\.\\s?о|а\\.\\s?о|п\\.\\s?а|к\\.\\s?ә)\\.?(?!\\p{L})");

    private PlaceNames() {}

    /** The normal form: lower case, ё as е, no kind words, digits or punctuation. */
    public static String normalize(String name) {
        String s = name.toLowerCase(Locale.ROOT).replace('ё', 'е');
        s = ABBREVIATIONS.matcher(s).replaceAll(" ");
        s = DIGITS.matcher(s).replaceAll(" ");
        StringBuilder out = new StringBuilder();
        for (String word : SEPARATORS.split(s)) {
            if (word.isEmpty() || KIND_WORDS.contains(word)) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }
}
