package kz.ashyq.mapping.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.mapping.Suggest;

/**
 * The rows of a lookup's CSV that meet its conditions, found by a value: by the key cell as it
 * is first, then (for place names) by the name's normal form, folded as search folds Kazakh
 * letters, keeping the kind of unit it names: "г. Алматы" is a city and never matches the
 * district "район Алматы", whose normal form is the same. A value that several rows answer
 * differently is ambiguous and answered by none, and the candidates are told; a value that no
 * row answers is told with the nearest names.
 */
final class LookupTable {

    /** One row: its key as written, its answer, and the kind of place its key names (or null). */
    record Row(String key, String answer, String kind) {}

    /** What a value found. */
    sealed interface Found permits Hit, Ambiguous, Miss {}

    /** One answer. */
    record Hit(String answer) implements Found {}

    /** Several answers: the rows, for the report. */
    record Ambiguous(List<Row> rows) implements Found {}

    /** None: the nearest keys, for the report. */
    record Miss(List<String> nearest) implements Found {}

    private final Map<String, List<Row>> exact = new HashMap<>();
    private final Map<String, List<Row>> places;
    private final Map<String, List<String>> nearest = new HashMap<>();

    LookupTable(boolean normalizePlaces) {
        this.places = normalizePlaces ? new HashMap<>() : null;
    }

    void add(String key, String answer) {
        Row row = new Row(key, answer, places == null ? null : PlaceNames.kind(key));
        exact.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        if (places != null) {
            places.computeIfAbsent(PlaceNames.key(key), k -> new ArrayList<>()).add(row);
        }
    }

    Found find(String value) {
        Found byKey = answer(exact.getOrDefault(value, List.of()));
        if (!(byKey instanceof Miss) || places == null) {
            return byKey instanceof Miss ? new Miss(nearest(value, exact.keySet())) : byKey;
        }
        String kind = PlaceNames.kind(value);
        String name = PlaceNames.key(value);
        List<Row> rows = places.getOrDefault(name, List.of()).stream()
                .filter(r -> kind == null || r.kind() == null || r.kind().equals(kind)).toList();
        Found byName = answer(rows);
        return byName instanceof Miss ? new Miss(nearest(name, places.keySet())) : byName;
    }

    private static Found answer(List<Row> rows) {
        Set<String> answers = new LinkedHashSet<>();
        rows.forEach(r -> answers.add(r.answer()));
        if (answers.isEmpty()) {
            return new Miss(List.of());
        }
        return answers.size() == 1 ? new Hit(answers.iterator().next()) : new Ambiguous(rows);
    }

    /** Up to three keys within a few edits, nearest first; worked out once per value. */
    private List<String> nearest(String value, Set<String> keys) {
        return nearest.computeIfAbsent(value, v -> {
            int allowed = Math.max(1, Math.min(4, v.length() / 3));
            List<String> near = new ArrayList<>();
            for (String k : keys) {
                if (Math.abs(k.length() - v.length()) <= allowed && Suggest.distance(v, k) <= allowed) {
                    near.add(k);
                }
            }
            near.sort(Comparator.comparingInt((String k) -> Suggest.distance(v, k)).thenComparing(k -> k));
            return List.copyOf(near.subList(0, Math.min(3, near.size())));
        });
    }
}
