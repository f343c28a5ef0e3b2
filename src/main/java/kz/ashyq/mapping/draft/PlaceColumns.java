package kz.ashyq.mapping.draft;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.ashyq.mapping.CsvDialect;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.functions.PlaceNames;
import kz.ashyq.mapping.source.CsvReader;

/**
 * Which columns of a draft name KATO units, by code or by name, and of which kind: a column whose
 * distinct values are mostly KATO codes links to them as they are; one whose values are mostly the
 * Russian or Kazakh names of units (compared as lookups compare them, {@link PlaceNames#key}) links
 * through a lookup that keeps to the kind most of them are (an oblast's name is often a district's
 * too), so that a region's name never lands on a village of that name.
 */
final class PlaceColumns {

    /** The share of a column's distinct values that must be units for the draft to link it. */
    static final double ENOUGH = 0.6;

    /**
     * A column that names units.
     *
     * @param by {@code kato} (codes), {@code name_ru} or {@code name_kk}
     * @param level the kind of unit most values are, for a lookup by name; null for codes
     * @param matched distinct values that are units
     * @param distinct distinct values
     */
    record Link(String by, String level, int matched, int distinct) {

        /** How sure the guess is, in words, for its comment. */
        String evidence() {
            return matched + " of " + distinct + " different values are KATO " + (by.equals("kato") ? "codes"
                    : "names (" + by + ") of a " + level.replace('_', ' '));
        }
    }

    private final Set<String> codes = new HashSet<>();
    /** By column ({@code name_ru}, {@code name_kk}): a name's key, and the levels of the units of that name. */
    private final Map<String, Map<String, Set<String>>> names = new java.util.LinkedHashMap<>(Map.of("name_ru",
            new HashMap<>(), "name_kk", new HashMap<>()));

    private PlaceColumns() {}

    /** Reads a KATO table with the columns {@code kato}, {@code level}, {@code name_ru} and {@code name_kk}. */
    static PlaceColumns read(Path katoCsv) {
        PlaceColumns p = new PlaceColumns();
        CsvDialect dialect = new CsvDialect(null, ',', '"', null, true, 0, true, Set.of(""));
        try (CsvReader reader = CsvReader.open(new LogicalSource(katoCsv, dialect, new Location(katoCsv, 0)))) {
            List<String> header = reader.header();
            int code = header.indexOf("kato");
            int level = header.indexOf("level");
            while (reader.hasNext()) {
                String[] cells = reader.next().cells();
                p.codes.add(cells[code]);
                for (String column : p.names.keySet()) {
                    String name = cells[header.indexOf(column)];
                    if (name != null && !name.isBlank()) {
                        p.names.get(column).computeIfAbsent(PlaceNames.key(name), k -> new LinkedHashSet<>()).add(cells[level]);
                    }
                }
            }
        }
        return p;
    }

    /** Words in a column's name that say it names places (in Latin letters, Russian or Kazakh). */
    private static final java.util.regex.Pattern PLACE_WORDS = java.util.regex.Pattern.compile(
            "(?iu).*(region|oblast|obl|rayon|raion|district|city|gorod|qala|kala|aul|selo|village|place|settl|naselen|"
                    + "kato|регион|област|облыс|район|аудан|город|қала|ауыл|село|населен|елді|өңір|като|мекен).*");

    /**
     * The link a column's values make, when enough of them are units. Village names are common words
     * too (Береке, Достық), and one value proves little: a column whose values are villages' or
     * districts' parts, or that has fewer than three different values, is linked only when its name
     * says it names places.
     */
    Optional<Link> link(String column, List<String> values) {
        Optional<Link> l = link(values);
        boolean named = PLACE_WORDS.matcher(column).matches();
        return l.filter(x -> named || x.by().equals("kato") && x.distinct() >= 3
                || x.distinct() >= 3 && (x.level().equals("oblast") || x.level().equals("district")));
    }

    /** The link a column's values make, when enough of them are units, whatever the column is called. */
    Optional<Link> link(List<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(distinct::add);
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        int byCode = (int) distinct.stream().filter(codes::contains).count();
        if (byCode >= ENOUGH * distinct.size()) {
            return Optional.of(new Link("kato", null, byCode, distinct.size()));
        }
        Link best = null;
        for (Map.Entry<String, Map<String, Set<String>>> column : names.entrySet()) {
            Map<String, Integer> levels = new HashMap<>();
            int matched = 0;
            for (String v : distinct) {
                Set<String> of = column.getValue().get(PlaceNames.key(v));
                if (of != null && !v.matches(".*\\d.*")) {
                    matched++;
                    of.forEach(l -> levels.merge(l, 1, Integer::sum));
                }
            }
            if (matched >= ENOUGH * distinct.size()) {
                // the kind most of them can be; of equals, the larger (an oblast before a district)
                String level = levels.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(e -> -rank(e.getKey()))).orElseThrow().getKey();
                Link l = new Link(column.getKey(), level, matched, distinct.size());
                // of two languages, the one that matches more; of equals, the one that finds larger units
                // (Ақмола облысы is the oblast in Kazakh, while Акмола is only a village's Russian name)
                if (best == null || l.matched() > best.matched()
                        || l.matched() == best.matched() && rank(l.level()) < rank(best.level())) {
                    best = l;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int rank(String level) {
        return List.of("oblast", "district", "sub_district", "settlement").indexOf(level);
    }
}
