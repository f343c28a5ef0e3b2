package kz.ashyq.mapping.functions;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.ashyq.mapping.Suggest;
import kz.ashyq.mapping.Transliteration;

/**
 * Finds the KATO unit that a place name written in Latin letters (as GeoNames writes it:
 * {@code "Derzhavīnsk"}, {@code "Egindiköl"}, {@code "Akkol’"}) stands for, within given oblasts.
 *
 * <p>Both sides are reduced to a skeleton: KATO's Russian and Kazakh names without their kind
 * words are transliterated ({@link Transliteration}), diacritics and punctuation are dropped,
 * and the spellings on which romanisations disagree are folded ({@code kh}/{@code h},
 * {@code zh}/{@code j}, {@code q}/{@code k}, {@code gh}/{@code g}, {@code y}/{@code i},
 * {@code ts}/{@code c}, doubled letters). Equal skeletons are a <em>match</em> when one unit
 * of the highest level has it; skeletons within an edit distance of 2 (or several units with
 * the same skeleton) are only <em>candidates</em>, for a person to review.
 */
public final class PlaceIndex {

    /** How a name matched. */
    public enum Kind { MATCH, CANDIDATE, NONE }

    /**
     * The answer for one name.
     *
     * @param kind match, candidate for review, or nothing
     * @param code the unit's KATO code (null for none)
     * @param label the unit's name, for the reviewer
     * @param score 1 for equal skeletons, less for looser matches
     */
    public record Result(Kind kind, String code, String label, double score) {}

    private record Unit(String code, String label, int rank, List<String> keys) {}

    private static final Map<String, Integer> RANK = Map.of("oblast", 0, "district", 0, "sub_district", 2, "settlement", 1);

    /** Kazakh kind words as Latin names carry them ("Abay Qalasy", "Aqtoghay Aūdany"). */
    private static final java.util.regex.Pattern LATIN_KIND_WORDS = java.util.regex.Pattern.compile(
            "(?i)\\b(qalasy|kalasy|aūdany|audany|aydany|oblysy|kenti|auyly|posëlok|poselok)\\b");

    private final List<Unit> units = new ArrayList<>();

    /**
     * Adds a KATO unit. A name is most likely a town: units named as towns ({@code г.},
     * {@code Г.А.}) come first, then settlements ({@code п.}), then other sub-districts and
     * villages; districts and oblasts, usually named after their centre, come last, and an
     * oblast only when it is a city (Astana, Almaty, Shymkent).
     */
    void add(String code, String level, String nameRu, String nameKk) {
        Integer rank = RANK.get(level);
        boolean town = nameRu.startsWith("г.") || nameRu.contains("Г.А.");
        if (rank == null || level.equals("oblast") && !town) {
            return;
        }
        rank = town ? 4 : nameRu.startsWith("п.") ? 3 : rank;
        List<String> keys = new ArrayList<>();
        for (String n : new String[] {nameRu, nameKk}) {
            String k = skeleton(Transliteration.slug(PlaceNames.normalize(n)));
            if (!k.isEmpty() && !keys.contains(k)) {
                keys.add(k);
            }
        }
        units.add(new Unit(code, nameRu + " / " + nameKk, rank, keys));
    }

    /** The unit a Latin name stands for among units whose codes start with one of {@code prefixes}. */
    public Result find(String latinName, List<String> prefixes) {
        String key = skeleton(LATIN_KIND_WORDS.matcher(latinName).replaceAll(" "));
        if (key.isEmpty()) {
            return new Result(Kind.NONE, null, null, 0);
        }
        Map<String, Unit> equal = new LinkedHashMap<>();
        Unit near = null;
        int nearDistance = Integer.MAX_VALUE;
        for (Unit u : units) {
            if (prefixes.stream().noneMatch(u.code()::startsWith)) {
                continue;
            }
            for (String k : u.keys()) {
                if (k.equals(key)) {
                    equal.put(u.code(), u);
                } else if (key.length() >= 5 && Math.abs(k.length() - key.length()) <= 2) {
                    int d = Suggest.distance(k, key);
                    if (d <= 2 && (d < nearDistance || d == nearDistance && u.rank() > near.rank())) {
                        near = u;
                        nearDistance = d;
                    }
                }
            }
        }
        if (!equal.isEmpty()) {
            int best = equal.values().stream().mapToInt(Unit::rank).max().orElseThrow();
            List<Unit> top = equal.values().stream().filter(u -> u.rank() == best)
                    .sorted(Comparator.comparing(Unit::code)).toList();
            // a city administration and the town inside it share the name: the administration
            // is the unit other datasets link to
            Unit ancestor = top.stream().filter(a -> top.stream().allMatch(
                    b -> b.code().startsWith(a.code().replaceFirst("0+$", "")))).findFirst().orElse(null);
            if (ancestor != null) {
                return new Result(Kind.MATCH, ancestor.code(), ancestor.label(), 1);
            }
            Unit u = top.get(0);
            // two units of the same level share the name: a person decides which
            return new Result(Kind.CANDIDATE, u.code(), u.label(), 1.0 / top.size());
        }
        if (near != null) {
            return new Result(Kind.CANDIDATE, near.code(), near.label(), 1 - nearDistance / (double) key.length());
        }
        return new Result(Kind.NONE, null, null, 0);
    }

    /** The romanisation-independent form of a Latin name. */
    static String skeleton(String latin) {
        String s = Normalizer.normalize(latin, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        s = s.replace("shch", "sh").replace("kh", "h").replace("zh", "j").replace("gh", "g").replace("ts", "c")
                .replace('q', 'k').replace('w', 'v').replace("ye", "e").replace("yo", "e").replace('y', 'i')
                .replace("ii", "i");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
