package kz.ashyq.mapping.functions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kz.ashyq.mapping.Transliteration;

/**
 * The standard library of functions that government CSVs need, in the namespace
 * {@value #NS}. Each takes its arguments by parameter name; a null result means "no value"
 * and the term is not generated.
 */
public final class Functions {

    /** The namespace of Ashyq's functions. */
    public static final String NS = "https://w3id.org/ashyq/function#";

    /** A function: how many arguments it takes by name, and what it does. */
    public interface Impl {
        /** Applies the function; a null result means no value. */
        String apply(Args args, FunctionContext ctx);
    }

    /** Arguments by parameter name; absent optional arguments are null. */
    public interface Args {
        /** The argument's value, or null. */
        String get(String parameter);

        /** The argument's value, or {@code fallback} when absent. */
        default String get(String parameter, String fallback) {
            String v = get(parameter);
            return v == null ? fallback : v;
        }
    }

    /** A function's definition: its local name, parameters, and implementation. */
    public record Def(String name, List<String> required, List<String> optional, Impl impl) {
        /** The parameters it accepts. */
        public Set<String> accepted() {
            return Stream.concat(required.stream(), optional.stream()).collect(Collectors.toSet());
        }
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NUMBER_NOISE = Pattern.compile("[\\s\u00A0\u202F]");
    private static final Map<String, Integer> MONTHS = months();

    private static final Map<String, Def> DEFS = Stream.of(
            def("trim", List.of("value"), List.of(), (a, c) -> a.get("value").strip()),
            def("collapseSpaces", List.of("value"), List.of(),
                    (a, c) -> SPACES.matcher(a.get("value").strip()).replaceAll(" ")),
            def("lower", List.of("value"), List.of(), (a, c) -> a.get("value").toLowerCase(Locale.ROOT)),
            def("upper", List.of("value"), List.of(), (a, c) -> a.get("value").toUpperCase(Locale.ROOT)),
            def("concat", List.of("value", "value2"), List.of("value3", "value4", "value5", "value6", "separator"),
                    Functions::concat),
            def("replace", List.of("value", "pattern", "replacement"), List.of(),
                    (a, c) -> regex(a.get("pattern")).matcher(a.get("value")).replaceAll(a.get("replacement"))),
            def("extract", List.of("value", "pattern"), List.of("group"), Functions::extract),
            def("split", List.of("value", "separator", "index"), List.of(), Functions::split),
            def("integer", List.of("value"), List.of(), (a, c) -> integer(a.get("value"))),
            def("decimal", List.of("value"), List.of(), (a, c) -> decimal(a.get("value")).toPlainString()),
            def("round", List.of("value"), List.of("digits"), (a, c) -> decimal(a.get("value"))
                    .setScale(Integer.parseInt(a.get("digits", "0")), java.math.RoundingMode.HALF_UP).toPlainString()),
            def("date", List.of("value"), List.of("pattern"), Functions::date),
            def("padLeft", List.of("value", "length"), List.of("char"), Functions::padLeft),
            def("translit", List.of("value"), List.of(), (a, c) -> Transliteration.slug(a.get("value"))),
            def("katoParent", List.of("value", "source", "column"), List.of(), Functions::katoParent),
            def("lookup", List.of("value", "source", "key", "return"), List.of("normalize", "where"),
                    Functions::lookup),
            def("placeMatch", List.of("value", "source", "within"), List.of("link"), Functions::placeMatch))
            .collect(Collectors.toUnmodifiableMap(Def::name, Function.identity()));

    private Functions() {}

    /** The definition of a function by IRI, or null when there is none. */
    public static Def byIri(String iri) {
        return iri.startsWith(NS) ? DEFS.get(iri.substring(NS.length())) : null;
    }

    /** The IRIs of all functions, for messages. */
    public static List<String> iris() {
        return DEFS.keySet().stream().sorted().map(n -> NS + n).toList();
    }

    private static Def def(String name, List<String> required, List<String> optional, Impl impl) {
        return new Def(name, required, optional, impl);
    }

    private static Pattern regex(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new FunctionException("bad regular expression '" + pattern + "': " + e.getDescription());
        }
    }

    private static String concat(Args a, FunctionContext c) {
        String sep = a.get("separator", "");
        StringBuilder sb = new StringBuilder(a.get("value")).append(sep).append(a.get("value2"));
        for (String p : List.of("value3", "value4", "value5", "value6")) {
            if (a.get(p) != null) {
                sb.append(sep).append(a.get(p));
            }
        }
        return sb.toString();
    }

    private static String extract(Args a, FunctionContext c) {
        Matcher m = regex(a.get("pattern")).matcher(a.get("value"));
        if (!m.find()) {
            return null;
        }
        int group = Integer.parseInt(a.get("group", m.groupCount() > 0 ? "1" : "0"));
        return m.group(group);
    }

    private static String split(Args a, FunctionContext c) {
        String[] parts = a.get("value").split(Pattern.quote(a.get("separator")), -1);
        int index = Integer.parseInt(a.get("index"));
        return index < parts.length ? parts[index].strip() : null;
    }

    /** Whole numbers as portals write them: {@code 178 268}, {@code 14901641.0}, {@code 1 362,0}. */
    static String integer(String value) {
        BigDecimal d = decimal(value);
        try {
            return d.stripTrailingZeros().toBigIntegerExact().toString();
        } catch (ArithmeticException e) {
            throw new FunctionException("'" + value + "' is not a whole number");
        }
    }

    /** Decimals with a decimal comma or spaces between thousands: {@code 1362,8}, {@code 29,9}. */
    static BigDecimal decimal(String value) {
        String s = NUMBER_NOISE.matcher(value).replaceAll("");
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new FunctionException("'" + value + "' is not a number");
        }
    }

    /** Dates as {@code 26.11.2025}, {@code 2025-11-26}, {@code 1 января 2025г}, {@code 1 қаңтар 2025ж}. */
    private static String date(Args a, FunctionContext c) {
        String value = a.get("value").strip();
        String pattern = a.get("pattern");
        try {
            if (pattern != null) {
                return LocalDate.parse(value, DateTimeFormatter.ofPattern(pattern, Locale.ROOT)).toString();
            }
            if (value.matches("\\d{1,2}\\.\\d{1,2}\\.\\d{4}")) {
                return LocalDate.parse(value, DateTimeFormatter.ofPattern("d.M.uuuu")).toString();
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).toString();
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new FunctionException("'" + value + "' is not a date" + (pattern == null ? "" : " of pattern " + pattern));
        }
        Matcher m = Pattern.compile("(\\d{1,2})\\s+(\\p{L}+)\\s+(\\d{4})\\s*(?:г|ж|жыл|год|года)?\\.?")
                .matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches() && MONTHS.containsKey(m.group(2))) {
            return LocalDate.of(Integer.parseInt(m.group(3)), MONTHS.get(m.group(2)), Integer.parseInt(m.group(1)))
                    .toString();
        }
        throw new FunctionException("'" + value + "' is not a date this function knows");
    }

    private static Map<String, Integer> months() {
        String[][] names = {
            {"января", "январь", "қаңтар", "қаңтардағы"}, {"февраля", "февраль", "ақпан"},
            {"марта", "март", "наурыз"}, {"апреля", "апрель", "сәуір"}, {"мая", "май", "мамыр"},
            {"июня", "июнь", "маусым"}, {"июля", "июль", "шілде"}, {"августа", "август", "тамыз"},
            {"сентября", "сентябрь", "қыркүйек"}, {"октября", "октябрь", "қазан"},
            {"ноября", "ноябрь", "қараша"}, {"декабря", "декабрь", "желтоқсан"}};
        java.util.HashMap<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String n : names[i]) {
                m.put(n, i + 1);
            }
        }
        return Map.copyOf(m);
    }

    private static String padLeft(Args a, FunctionContext c) {
        String value = a.get("value");
        int length = Integer.parseInt(a.get("length"));
        String pad = a.get("char", "0");
        StringBuilder sb = new StringBuilder();
        while (sb.length() + value.length() < length) {
            sb.append(pad);
        }
        return sb.append(value).toString();
    }

    /**
     * The nearest existing ancestor of a 9-digit KATO code (AA BB CC DDD): the code with its last
     * non-zero group zeroed, repeated until a code of the source exists. Oblasts have none.
     */
    private static String katoParent(Args a, FunctionContext c) {
        String code = a.get("value");
        if (!code.matches("\\d{9}")) {
            throw new FunctionException("'" + code + "' is not a 9-digit KATO code");
        }
        Set<String> known = c.codes(a.get("source"), a.get("column"));
        String p = code;
        while (true) {
            if (!p.endsWith("000")) {
                p = p.substring(0, 6) + "000";
            } else if (!p.substring(4, 6).equals("00")) {
                p = p.substring(0, 4) + "00000";
            } else if (!p.substring(2, 4).equals("00")) {
                p = p.substring(0, 2) + "0000000";
            } else {
                return null;
            }
            if (known.contains(p)) {
                return p;
            }
        }
    }

    /**
     * The value of column {@code return} in the row of {@code source} whose column {@code key}
     * equals the value: as written first, then, with {@code normalize: place}, by the place
     * name's normal form, keeping its kind (see {@link LookupTable}); among the rows that meet
     * {@code where} ({@code column=value} or {@code column^=prefix}, several joined by {@code ;}),
     * and when several sets of conditions are given, joined by {@code |}, each in turn until one
     * answers. Values that match no row, or several rows with different answers, give no value
     * and are reported with the candidates or the nearest names.
     */
    private static String lookup(Args a, FunctionContext c) {
        String where = a.get("where");
        boolean places = "place".equals(a.get("normalize"));
        String value = a.get("value");
        LookupTable.Found first = null;
        for (List<String> conditions : conditions(where)) {
            LookupTable.Found found = c.table(a.get("source"), a.get("key"), a.get("return"), places, conditions)
                    .find(value);
            if (found instanceof LookupTable.Hit hit) {
                // a row that answers with an empty cell says on purpose that there is no answer
                return hit.answer().isEmpty() ? null : hit.answer();
            }
            first = first == null || first instanceof LookupTable.Miss && found instanceof LookupTable.Ambiguous
                    ? found : first;
        }
        String lookup = a.get("source") + " " + a.get("key") + (where == null ? "" : " where " + where);
        if (first instanceof LookupTable.Ambiguous amb) {
            c.miss(lookup, value + " (ambiguous: " + String.join(", ", amb.rows().stream().limit(5)
                    .map(r -> r.answer() + " " + r.key()).toList()) + ")");
        } else if (first instanceof LookupTable.Miss miss && !miss.nearest().isEmpty()) {
            c.miss(lookup, value + " (nearest: " + String.join(", ", miss.nearest()) + ")");
        } else {
            c.miss(lookup, value);
        }
        return null;
    }

    /** The sets of conditions of {@code where}, in the order they are tried. */
    static List<List<String>> conditions(String where) {
        if (where == null) {
            return List.of(List.of());
        }
        return java.util.Arrays.stream(where.split("\\|")).map(set -> java.util.Arrays.stream(set.split(";"))
                .map(String::strip).filter(w -> !w.isEmpty()).toList()).toList();
    }

    /**
     * The KATO code of the unit that a Latin place name stands for, among the units of
     * {@code source} whose codes start with one of the space-separated prefixes {@code within}
     * (the oblasts the place may be in). A close but not certain match gives no value and, when
     * the function makes an object, is proposed for review as a link to {@code link} + code.
     */
    private static String placeMatch(Args a, FunctionContext c) {
        String value = a.get("value");
        List<String> within = java.util.Arrays.stream(a.get("within").split("[\\s,;]+")).filter(p -> !p.isEmpty()).toList();
        PlaceIndex.Result r = c.places(a.get("source")).find(value, within);
        String lookup = "places of " + a.get("source");
        if (r.kind() == PlaceIndex.Kind.MATCH && !c.claim(lookup, r.code(), value + " in " + within)) {
            // another row has that unit already: a person tells which one is right
            r = new PlaceIndex.Result(PlaceIndex.Kind.CANDIDATE, r.code(), r.label() + ", already matched by another row", 0.5);
        }
        switch (r.kind()) {
            case MATCH -> {
                c.count(lookup, 0);
                return r.code();
            }
            case CANDIDATE -> {
                c.count(lookup, 1);
                c.candidate(a.get("link", "") + r.code(), value, r.label(), r.score());
                c.miss(lookup, value + " (for review: " + r.label() + ")");
            }
            default -> {
                c.count(lookup, 2);
                c.miss(lookup, value);
            }
        }
        return null;
    }
}
