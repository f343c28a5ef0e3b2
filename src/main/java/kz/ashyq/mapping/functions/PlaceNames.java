package kz.ashyq.mapping.functions;

import java.util.Locale;
import java.util.Map;
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

    /** What the kind words say a unit is. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("область", "region"), Map.entry("обл", "region"), Map.entry("облысы", "region"),
            Map.entry("г", "city"), Map.entry("город", "city"), Map.entry("қ", "city"), Map.entry("қаласы", "city"),
            Map.entry("район", "district"), Map.entry("ауданы", "district"),
            Map.entry("с", "village"), Map.entry("п", "village"), Map.entry("ауылы", "village"),
            Map.entry("кенті", "village"));
    /** Kazakh letters and the Russian ones people type for them, as search folds them. */
    private static final String KAZAKH = "әғқңөұүһі";
    private static final String FOLDED = "агкноуухи";

    private PlaceNames() {}

    /**
     * The kind of unit a name says it is ({@code region}, {@code district}, {@code city},
     * {@code village}), or null when it says none: "г. Алматы" is a city, "район Алматы" a
     * district, "Алматы" either.
     */
    public static String kind(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        java.util.regex.Matcher abbreviation = ABBREVIATIONS.matcher(s);
        if (abbreviation.find()) {
            // г.а., қ.ә.: a city's administration; с.о., а.о., п.а., к.ә.: rural ones
            char first = abbreviation.group(1).charAt(0);
            return first == 'г' || first == 'қ' ? "city" : "village";
        }
        if (s.contains("р-н")) {
            return "district";
        }
        for (String word : SEPARATORS.split(s)) {
            String k = KINDS.get(word);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** The normal form with the Kazakh letters folded: how lookups compare names. */
    public static String key(String name) {
        String n = normalize(name);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            int k = KAZAKH.indexOf(c);
            sb.append(k < 0 ? c : FOLDED.charAt(k));
        }
        return sb.toString();
    }

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
