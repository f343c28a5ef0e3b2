package kz.ashyq.web.conneg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a format for a request. The rule:
 * <ol>
 *   <li>{@code ?format=} wins over {@code Accept}; an unknown key is not acceptable.</li>
 *   <li>A missing or empty {@code Accept} means {@code *}{@code /*}.</li>
 *   <li>Each offered format gets the q-value of the most specific media range that matches it
 *       ({@code type/subtype} over {@code type/*} over {@code *}{@code /*}); {@code q=0} excludes.</li>
 *   <li>The highest q wins; at equal q, a format named exactly beats one matched by a wildcard,
 *       then the server's order decides: Turtle, HTML, JSON-LD, RDF/XML, N-Triples. So browsers,
 *       which name {@code text/html}, get HTML, and programs that send {@code *}{@code /*} (or
 *       nothing) get Turtle.</li>
 *   <li>When nothing matches, the answer is "not acceptable", with the list offered.</li>
 * </ol>
 */
public final class Negotiation {

    private Negotiation() {}

    /** The outcome: a format, or the list of what is offered. */
    public record Result(Optional<Format> format, List<Format> offered) {
        /** Whether a format was chosen. */
        public boolean acceptable() {
            return format.isPresent();
        }
    }

    private record Range(String type, String subtype, double q) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String mediaType) {
            int slash = mediaType.indexOf('/');
            String t = mediaType.substring(0, slash);
            String s = mediaType.substring(slash + 1);
            return (type.equals("*") || type.equals(t)) && (subtype.equals("*") || subtype.equals(s));
        }
    }

    /**
     * Chooses among {@code offered} (in the server's order of preference).
     *
     * @param accept the {@code Accept} header, or null
     * @param formatParam the {@code ?format=} value, or null
     * @param offered the formats this resource offers
     */
    public static Result negotiate(String accept, String formatParam, List<Format> offered) {
        if (formatParam != null && !formatParam.isBlank()) {
            Optional<Format> f = Format.allByKey(formatParam).stream().filter(offered::contains).findFirst();
            return new Result(f, offered);
        }
        List<Range> ranges = parse(accept == null || accept.isBlank() ? "*/*" : accept);
        Format best = null;
        double bestQ = 0;
        int bestSpec = -1;
        for (Format f : offered) {
            Range match = null;
            for (Range r : ranges) {
                if (r.matches(f.mediaType()) && (match == null || r.specificity() > match.specificity())) {
                    match = r;
                }
            }
            if (match == null || match.q() <= 0) {
                continue;
            }
            int spec = match.specificity() == 2 ? 1 : 0;
            if (match.q() > bestQ || (match.q() == bestQ && spec > bestSpec)) {
                best = f;
                bestQ = match.q();
                bestSpec = spec;
            }
        }
        return new Result(Optional.ofNullable(best), offered);
    }

    private static List<Range> parse(String accept) {
        List<Range> out = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String mt = params[0].strip().toLowerCase(Locale.ROOT);
            if (mt.equals("*")) {
                mt = "*/*";
            }
            int slash = mt.indexOf('/');
            if (slash <= 0 || slash == mt.length() - 1) {
                continue;
            }
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].strip();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(p.substring(2).strip())));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            out.add(new Range(mt.substring(0, slash), mt.substring(slash + 1), q));
        }
        return out;
    }
}
