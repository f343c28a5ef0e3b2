package kz.ashyq.mapping.draft;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a column's values look like, guessed from every value read: its kind, how many values
 * fit it, and so how sure the guess is. A kind fits only when every non-empty value fits it, so a
 * draft that runs on the sample does not fail on the column's type later on the same file.
 *
 * @param name the column's name
 * @param kind what its values are
 * @param filled non-empty values read
 * @param total values read
 * @param unique whether every value is present and distinct
 * @param language the language of its text: {@code kk} when it has letters only Kazakh has,
 *     {@code ru} for other Cyrillic, null otherwise
 */
record ColumnGuess(String name, Kind kind, int filled, int total, boolean unique, String language) {

    /** The kinds of values a draft tells apart, in the order they are tried. */
    enum Kind {
        EMPTY, BOOLEAN, YEAR, INTEGER, DECIMAL, DECIMAL_COMMA, DATE_ISO, DATE_DOTTED, DATETIME_DOTTED,
        COORDINATE_PAIR, EMAIL, URL, PHONE, TEXT
    }

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d{1,3}( ?\\d{3})*,\\d+");
    private static final Pattern DATE_ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_DOTTED = Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{4}");
    private static final Pattern DATETIME_DOTTED = Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern PAIR = Pattern.compile("-?\\d{1,2}\\.\\d+\\s*,\\s*-?\\d{1,3}\\.\\d+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-]{8,}[0-9]");
    private static final Pattern KAZAKH = Pattern.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]");
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");

    /** Guesses from a column's values. */
    static ColumnGuess of(String name, List<String> values) {
        List<String> filled = values.stream().filter(v -> !v.isBlank()).toList();
        return new ColumnGuess(name, kind(filled), filled.size(), values.size(), Drafter.unique(values),
                language(filled));
    }

    private static Kind kind(List<String> v) {
        if (v.isEmpty()) {
            return Kind.EMPTY;
        }
        if (all(v, s -> s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Kind.BOOLEAN;
        }
        if (all(v, s -> s.matches("(19|20)\\d{2}"))) {
            return Kind.YEAR;
        }
        // a code with a leading zero (a KATO code, a postcode) is text: an integer would lose it
        if (all(v, s -> INTEGER.matcher(s).matches())) {
            return Kind.INTEGER;
        }
        Kind[] patterned = {Kind.DECIMAL, Kind.DECIMAL_COMMA, Kind.DATE_ISO, Kind.DATE_DOTTED, Kind.DATETIME_DOTTED,
            Kind.COORDINATE_PAIR, Kind.EMAIL, Kind.URL, Kind.PHONE};
        Pattern[] patterns = {DECIMAL, DECIMAL_COMMA, DATE_ISO, DATE_DOTTED, DATETIME_DOTTED, PAIR, EMAIL, URL, PHONE};
        for (int i = 0; i < patterns.length; i++) {
            Pattern p = patterns[i];
            if (all(v, s -> p.matcher(s).matches())) {
                return patterned[i];
            }
        }
        return Kind.TEXT;
    }

    private static boolean all(List<String> values, Predicate<String> test) {
        return values.stream().allMatch(test);
    }

    private static String language(List<String> values) {
        boolean cyrillic = false;
        for (String v : values) {
            if (KAZAKH.matcher(v).find()) {
                return "kk";
            }
            cyrillic |= CYRILLIC.matcher(v).find();
        }
        return cyrillic ? "ru" : null;
    }

    /** Whether the name says it identifies rows. */
    boolean idLike() {
        return idRank() > 1;
    }

    /**
     * How strongly the name says it identifies rows: {@code id} most, then a number or a code,
     * then a BIN or IIN (one organisation may have several rows), then any other name.
     */
    int idRank() {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("id")) {
            return 4;
        }
        if (n.matches("(nomer|number|no|num|kod|code|kato|nn|n)") || n.endsWith("_id")) {
            return 3;
        }
        return n.matches("(bin|iin)") ? 2 : 1;
    }

    /** How sure the guess is, for the comment: every value fits, out of how many. */
    String evidence() {
        if (kind == Kind.EMPTY) {
            return "empty in all " + total + " rows read";
        }
        return "all " + filled + " values" + (filled < total ? " (" + (total - filled) + " empty)" : "")
                + (filled >= 20 ? ": sure" : filled >= 5 ? ": fairly sure" : ": few values, check");
    }
}
