package kz.ashyq.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.ashyq.store.Store;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * {@code /showcase}: the questions the portal's apps answer (Kindergartens of Astana, Post Offices,
 * Cultural Astana, Statistics of Regions), each answered by a saved API with a map or a chart: what
 * is near a point ({@code /api/near}), an organisation's address ({@code /api/address}), a region's
 * statistics over time ({@code /api/population} and the region's observations). Every answer links
 * to the API call that gives it, so that an app can ask the same.
 */
final class ShowcaseRoutes {

    /** Astana's centre: where the apps' maps open. */
    private static final String LAT = "51.1282";
    private static final String LON = "71.4304";
    private static final int ROWS = 50;
    /** What the showcase asks before a visitor does: a name the bundled polyclinics carry, and Astana. */
    private static final String NAME = "поликлиника";
    private static final String REGION = "710000000";
    /** GeoSPARQL's classes, which every thing with coordinates has: no kind a person asks for. */
    private static final String GEOSPARQL = "http://www.opengis.net/ont/geosparql#";

    private final Store store;
    private final Paths paths;
    private final Templates templates;
    private final ApiRoutes api;
    private final EntityService entities;

    ShowcaseRoutes(Store store, Paths paths, Templates templates, ApiRoutes api, EntityService entities) {
        this.store = store;
        this.paths = paths;
        this.templates = templates;
        this.api = api;
        this.entities = entities;
    }

    void page(Context ctx) {
        String lang = DocumentRoutes.language(ctx);
        Vary.formatAndLanguage(ctx);
        if (Caching.notModified(ctx, store.modified(), "showcase-" + lang + "-" + ctx.queryString())) {
            return;
        }
        Map<String, String> near = params(ctx, "lat", LAT, "lon", LON, "radius", "10");
        Map<String, String> address = params(ctx, "q", NAME, "lang", lang);
        Map<String, String> region = params(ctx, "code", REGION);
        Map<String, Object> model = new LinkedHashMap<>();
        store.read(d -> {
            near(d, near, ctx.queryParam("kind"), lang, model);
            address(d, address, lang, model);
            region(d, region, lang, model);
            return null;
        });
        model.put("near", near);
        model.put("address", address);
        model.put("region", region);
        ctx.html(templates.render("showcase", lang, model));
    }

    /** What is near the point, of the kind asked for, with the kinds there are. */
    private void near(DatasetGraph d, Map<String, String> p, String kind, String lang, Map<String, Object> model) {
        Map<String, String> typeOf = new LinkedHashMap<>();
        Map<String, String> km = new LinkedHashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        try {
            EntityService.select(d, api.bound("near", p, 5_000), s -> {
                String place = s.getResource("place").getURI();
                String type = s.contains("type") && s.get("type").isURIResource() ? s.getResource("type").getURI() : null;
                if (type != null && !type.startsWith(GEOSPARQL)) {
                    kinds.merge(type, typeOf.containsKey(place + " " + type) ? 0 : 1, Integer::sum);
                    typeOf.put(place + " " + type, type);
                }
                if (kind == null || kind.isBlank() || kind.equals(type)) {
                    km.putIfAbsent(place, String.format(java.util.Locale.ROOT, "%.2f", s.getLiteral("km").getDouble()));
                }
            });
        } catch (QueryExecException e) {
            throw new HttpProblem(400, "Bad Request", "no places near that point: " + e.getMessage());
        }
        List<String> places = km.keySet().stream().limit(ROWS).toList();
        List<String> iris = new ArrayList<>(places);
        iris.addAll(kinds.keySet());
        Map<String, Map<String, String>> labels = entities.labels(d, iris);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String place : places) {
            rows.add(Map.of("link", entities.link(place, labels, lang), "km", km.get(place)));
        }
        List<Map<String, Object>> kindList = new ArrayList<>();
        kinds.forEach((type, n) -> kindList.add(Map.of("iri", type, "label", entities.link(type, labels, lang).label(),
                "count", n, "selected", type.equals(kind))));
        kindList.sort((a, b) -> Integer.compare((Integer) b.get("count"), (Integer) a.get("count")));
        model.put("places", rows);
        model.put("placesFound", km.size());
        model.put("kinds", kindList);
        model.put("points", Figures.json(Figures.points(d, places, entities, lang)));
        model.put("nearApi", "/api/near?" + query(p));
    }

    /** Organisations and places whose name holds the text, with their addresses. */
    private void address(DatasetGraph d, Map<String, String> p, String lang, Map<String, Object> model) {
        if (p.get("q").isBlank()) {
            return;
        }
        Map<String, String> bound = new LinkedHashMap<>(p);
        bound.put("lang", "any");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String[]> found = new ArrayList<>();
        EntityService.select(d, api.bound("address", bound, ROWS), s -> found.add(new String[] {
            s.getResource("thing").getURI(), s.getLiteral("name").getLexicalForm(), s.getLiteral("address").getLexicalForm(),
            s.getResource("dataset").getURI()}));
        Map<String, Map<String, String>> labels = entities.labels(d, found.stream().map(r -> r[0]).toList());
        for (String[] r : found) {
            String dataset = paths.base().datasetOfGraph(r[3]).orElse(r[3]);
            rows.add(Map.of("link", entities.link(r[0], labels, lang), "name", r[1], "address", r[2], "dataset", dataset));
        }
        model.put("addresses", rows);
        model.put("addressApi", "/api/address?" + query(bound));
    }

    /** The regions with statistics, and the chosen one's series over time. */
    private void region(DatasetGraph d, Map<String, String> p, String lang, Map<String, Object> model) {
        List<Map<String, Object>> regions = new ArrayList<>();
        String[] chosen = {null};
        EntityService.select(d, Queries.with("showcase-regions", Map.of("lang", lang)), s -> {
            String code = s.getLiteral("code").getLexicalForm();
            String name = s.contains("name") ? s.getLiteral("name").getLexicalForm() : code;
            boolean selected = code.equals(p.get("code"));
            if (selected) {
                chosen[0] = s.getResource("area").getURI();
            }
            regions.add(Map.of("code", code, "name", name, "selected", selected));
        });
        model.put("regions", regions);
        if (chosen[0] == null) {
            return;
        }
        model.put("series", Figures.json(Figures.series(d, NodeFactory.createURI(chosen[0]), entities, lang)));
        List<Map<String, Object>> years = new ArrayList<>();
        EntityService.select(d, api.bound("population", p, ROWS), s -> years.add(Map.of(
                "year", s.getLiteral("year").getLexicalForm(),
                "population", new java.math.BigDecimal(s.getLiteral("population").getLexicalForm()))));
        model.put("years", years);
        model.put("regionLink", entities.link(chosen[0], entities.labels(d, List.of(chosen[0])), lang));
        model.put("populationApi", "/api/population?" + query(p));
    }

    /** The request's values of the named parameters, with defaults, stripped. */
    private static Map<String, String> params(Context ctx, String... namesAndDefaults) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDefaults.length; i += 2) {
            String v = ctx.queryParam(namesAndDefaults[i]);
            out.put(namesAndDefaults[i], v == null || v.isBlank() ? namesAndDefaults[i + 1] : v.strip());
        }
        return out;
    }

    private static String query(Map<String, String> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
