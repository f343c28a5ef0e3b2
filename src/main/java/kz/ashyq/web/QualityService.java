package kz.ashyq.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.ashyq.config.Namespaces;
import kz.ashyq.quality.Mqa;
import kz.ashyq.store.Store;
import org.apache.jena.query.Query;

/**
 * The quality measurements the releases recorded (DQV, in each dataset's quality graph), read
 * back by dataset and release for the dataset pages' panel, {@code /quality} and {@code /api/quality}.
 */
final class QualityService {

    /**
     * One measurement as read back.
     *
     * @param dataset the dataset's IRI
     * @param release the release's IRI
     * @param at when the release was made (ISO)
     * @param metric the metric's name in Ashyq's vocabulary ({@code mqa-score})
     * @param value its value
     * @param column the column it is about, or null
     * @param property the property it is about, or null
     */
    record Measurement(String dataset, String release, String at, String metric, double value, String column,
            String property) {}

    /**
     * One release's measurements.
     *
     * @param release its IRI
     * @param at when it was made
     * @param values the dataset-wide metrics by name
     * @param columns the columns' completeness
     * @param properties the properties' completeness
     */
    record Release(String release, String at, Map<String, Double> values, Map<String, Double> columns,
            Map<String, Double> properties) {}

    private final Store store;

    QualityService(Store store) {
        this.store = store;
    }

    /** Every measurement, of one dataset when {@code datasetIri} is given. */
    List<Measurement> measurements(String datasetIri) {
        Query q = datasetIri == null ? Queries.with("quality", Map.of())
                : Queries.with("quality", Map.of("ds", new Queries.IriValue(datasetIri)));
        return store.read(d -> {
            List<Measurement> out = new ArrayList<>();
            EntityService.select(d, q, s -> out.add(new Measurement(
                    s.getResource("dataset").getURI(),
                    s.getResource("release").getURI(), s.getLiteral("at").getLexicalForm(),
                    s.getResource("metric").getURI().substring(Namespaces.ASHYQ.length()),
                    s.getLiteral("value").getDouble(),
                    s.contains("column") ? s.getLiteral("column").getString() : null,
                    s.contains("property") ? s.getResource("property").getURI() : null)));
            return out;
        });
    }

    /** The releases of each dataset, oldest first, by dataset IRI. */
    Map<String, List<Release>> releases(String datasetIri) {
        Map<String, Map<String, Release>> by = new TreeMap<>();
        for (Measurement m : measurements(datasetIri)) {
            Release r = by.computeIfAbsent(m.dataset(), k -> new LinkedHashMap<>()).computeIfAbsent(m.release(),
                    k -> new Release(m.release(), m.at(), new LinkedHashMap<>(), new TreeMap<>(), new TreeMap<>()));
            if (m.column() != null) {
                r.columns().put(m.column(), m.value());
            } else if (m.property() != null) {
                r.properties().put(m.property(), m.value());
            } else {
                r.values().put(m.metric(), m.value());
            }
        }
        Map<String, List<Release>> out = new TreeMap<>();
        by.forEach((ds, rs) -> out.put(ds, rs.values().stream()
                .sorted(java.util.Comparator.comparing(Release::at)).toList()));
        return out;
    }

    /** The panel of a dataset's page: its latest release's score, what costs points and how to mend it, its data's measures. */
    Map<String, Object> panel(String datasetIri) {
        List<Release> rs = releases(datasetIri).getOrDefault(datasetIri, List.of());
        if (rs.isEmpty()) {
            return null;
        }
        Release last = rs.get(rs.size() - 1);
        Map<String, Object> p = new LinkedHashMap<>(summary(last));
        List<Map<String, Object>> lost = new ArrayList<>();
        for (Mqa.Definition def : Mqa.DEFINITIONS) {
            double v = last.values().getOrDefault(def.key(), 0.0);
            if (v < def.weight() - 1e-9) {
                lost.add(Map.of("key", def.key(), "dimension", def.dimension(), "points", round(v), "weight", def.weight(),
                        "lost", round(def.weight() - v), "fix", Mqa.fix(def.key())));
            }
        }
        lost.sort((a, b) -> Double.compare((Double) b.get("lost"), (Double) a.get("lost")));
        p.put("lost", lost);
        List<Map<String, Object>> weakest = new ArrayList<>();
        last.columns().entrySet().stream().filter(e -> e.getValue() < 1).sorted(Map.Entry.comparingByValue()).limit(8)
                .forEach(e -> weakest.add(Map.of("column", e.getKey(), "percent", Math.round(e.getValue() * 1000) / 10.0)));
        p.put("weakColumns", weakest);
        p.put("series", Figures.json(series(rs)));
        return p;
    }

    /**
     * An agency's summary: the mean of its datasets' latest MQA points and completeness, and each
     * dataset's points, by dataset IRI; null when none of them has been measured.
     */
    Map<String, Object> agency(List<String> datasetIris) {
        Map<String, List<Release>> all = releases(null);
        Map<String, Double> scores = new LinkedHashMap<>();
        double completeness = 0;
        for (String ds : datasetIris) {
            List<Release> rs = all.get(ds);
            if (rs != null && !rs.isEmpty()) {
                Release last = rs.get(rs.size() - 1);
                scores.put(ds, round(last.values().getOrDefault("mqa-score", 0.0)));
                completeness += last.values().getOrDefault("completeness", 0.0);
            }
        }
        if (scores.isEmpty()) {
            return null;
        }
        double mean = scores.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("score", round(mean));
        out.put("max", Mqa.MAX);
        out.put("rating", Mqa.rating(mean));
        out.put("completeness", percent(completeness / scores.size()));
        out.put("measured", scores.size());
        out.put("scores", scores);
        return out;
    }

    /** The headline figures of a release. */
    static Map<String, Object> summary(Release r) {
        Map<String, Object> s = new LinkedHashMap<>();
        double score = r.values().getOrDefault("mqa-score", 0.0);
        s.put("score", round(score));
        s.put("max", Mqa.MAX);
        s.put("rating", Mqa.rating(score));
        s.put("at", r.at().length() >= 10 ? r.at().substring(0, 10) : r.at());
        s.put("completeness", percent(r.values().get("completeness")));
        s.put("katoLinks", percent(r.values().get("kato-links")));
        s.put("datasetLinks", percent(r.values().get("dataset-links")));
        s.put("invalid", Math.round(r.values().getOrDefault("invalid-values", 0.0)));
        s.put("duplicates", Math.round(r.values().getOrDefault("duplicate-keys", 0.0)));
        s.put("outside", Math.round(r.values().getOrDefault("coordinates-outside", 0.0)));
        s.put("stars", Math.round(r.values().getOrDefault("stars", 0.0)));
        s.put("days", r.values().containsKey("days-since-previous-release")
                ? Math.round(r.values().get("days-since-previous-release")) : null);
        // freshness against the declared frequency: the next release is due a period after this one
        Double period = r.values().get("update-period-days");
        if (period != null && period > 0) {
            java.time.Instant due = java.time.Instant.parse(r.at()).plus(java.time.Duration.ofDays(Math.round(period)));
            s.put("period", Math.round(period));
            s.put("due", due.toString().substring(0, 10));
            s.put("overdue", java.time.Instant.now().isAfter(due));
            s.put("onTime", r.values().getOrDefault("on-time", 1.0) >= 1);
        }
        return s;
    }

    /** MQA points and completeness (in percent) over releases, as the chart draws them. */
    static List<Figures.Series> series(List<Release> rs) {
        List<String> periods = periods(rs);
        return List.of(new Figures.Series("MQA", periods,
                rs.stream().map(r -> (Number) round(r.values().getOrDefault("mqa-score", 0.0))).toList()),
                new Figures.Series("completeness %", periods,
                        rs.stream().map(r -> (Number) percent(r.values().get("completeness"))).toList()));
    }

    /** The releases' times, to the second, as a chart's periods. */
    static List<String> periods(List<Release> rs) {
        return rs.stream().map(r -> r.at().substring(0, Math.min(19, r.at().length()))).toList();
    }

    static Double percent(Double share) {
        return share == null ? null : Math.round(share * 1000) / 10.0;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
