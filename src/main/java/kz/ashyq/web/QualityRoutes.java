package kz.ashyq.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.ashyq.store.Store;
import kz.ashyq.web.conneg.Format;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code /quality}: agencies and datasets ranked by their latest release's MQA points, with the
 * measures of their data and the points of every dataset over its releases; {@code /api/quality}:
 * every measurement of every release ({@code ?dataset=ID} for one), as JSON or CSV by {@code Accept}.
 */
final class QualityRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Paths paths;
    private final Templates templates;
    private final QualityService quality;
    private final DatasetService datasets;

    QualityRoutes(Store store, Paths paths, Templates templates, QualityService quality, DatasetService datasets) {
        this.store = store;
        this.paths = paths;
        this.templates = templates;
        this.quality = quality;
        this.datasets = datasets;
    }

    void page(Context ctx) {
        String lang = DocumentRoutes.language(ctx);
        Vary.formatAndLanguage(ctx);
        if (Caching.notModified(ctx, store.modified(), "quality-" + lang)) {
            return;
        }
        Map<String, Views.DatasetLine> lines = new LinkedHashMap<>();
        datasets.list(lang).forEach(l -> lines.put(paths.base().dataset(l.id()), l));
        Map<String, List<QualityService.Release>> releases = quality.releases(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, double[]> agencies = new TreeMap<>();
        List<Figures.Series> trend = new ArrayList<>();
        releases.forEach((ds, rs) -> {
            Views.DatasetLine line = lines.get(ds);
            if (line == null || rs.isEmpty()) {
                return; // a dataset removed since: its measurements stay in the store, not in the ranking
            }
            Map<String, Object> row = new LinkedHashMap<>(QualityService.summary(rs.get(rs.size() - 1)));
            row.put("title", line.title());
            row.put("href", line.href() + "#quality");
            row.put("agency", line.publisher());
            row.put("releases", rs.size());
            rows.add(row);
            double[] a = agencies.computeIfAbsent(line.publisher() == null ? "" : line.publisher(), k -> new double[3]);
            a[0]++;
            a[1] += (Double) row.get("score");
            a[2] += row.get("completeness") == null ? 0 : (Double) row.get("completeness");
            trend.add(new Figures.Series(line.title(), QualityService.periods(rs),
                    rs.stream().map(r -> (Number) QualityService.round(r.values().getOrDefault("mqa-score", 0.0))).toList()));
        });
        rows.sort((x, y) -> Double.compare((Double) y.get("score"), (Double) x.get("score")));
        List<Map<String, Object>> agencyRows = new ArrayList<>();
        agencies.forEach((name, a) -> agencyRows.add(Map.of("agency", name, "datasets", (long) a[0],
                "score", QualityService.round(a[1] / a[0]), "completeness", QualityService.round(a[2] / a[0]))));
        agencyRows.sort((x, y) -> Double.compare((Double) y.get("score"), (Double) x.get("score")));
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("datasets", rows);
        model.put("agencies", agencyRows);
        model.put("series", Figures.json(trend));
        ctx.html(templates.render("quality", lang, model));
    }

    /** {@code /api/quality}: every measurement, one row each. */
    void api(Context ctx) throws IOException {
        String id = ctx.queryParam("dataset");
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new HttpProblem(400, "Bad Request", "dataset '" + id + "' is not a dataset id");
        }
        Format format = DocumentRoutes.negotiate(ctx, List.of(Format.JSON, Format.CSV));
        Vary.format(ctx);
        ctx.header("Access-Control-Allow-Origin", "*");
        List<QualityService.Measurement> ms = quality.measurements(id == null ? null : paths.base().dataset(id));
        if (format == Format.CSV) {
            StringWriter out = new StringWriter();
            try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader("dataset", "release", "at", "metric", "column", "property", "value").get())) {
                for (QualityService.Measurement m : ms) {
                    csv.printRecord(m.dataset(), m.release(), m.at(), m.metric(), m.column(), m.property(), m.value());
                }
            }
            ctx.contentType("text/csv; charset=utf-8");
            ctx.result(out.toString());
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QualityService.Measurement m : ms) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("dataset", m.dataset());
            r.put("release", m.release());
            r.put("at", m.at());
            r.put("metric", m.metric());
            if (m.column() != null) {
                r.put("column", m.column());
            }
            if (m.property() != null) {
                r.put("property", m.property());
            }
            r.put("value", m.value());
            rows.add(r);
        }
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsString(Map.of("measurements", rows)));
    }
}
