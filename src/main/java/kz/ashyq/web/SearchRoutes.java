package kz.ashyq.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.search.Hit;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.web.conneg.Format;
import kz.ashyq.web.conneg.Negotiation;

/**
 * {@code /search?q=}: entities by label in kk, ru and en, with or without the Kazakh letters;
 * {@code prefix=true} for autocomplete; {@code dataset=} and {@code type=} filters. JSON for
 * programs ({@code Accept: application/json} or {@code format=json}), a page for people.
 */
final class SearchRoutes {

    /** A page for people first: {@code *}{@code /*} and browsers get HTML, programs that ask get JSON. */
    private static final List<Format> OFFERED = List.of(Format.HTML, Format.JSON);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 100;

    private final SearchIndex index;
    private final kz.ashyq.store.Store store;
    private final EntityService entities;
    private final Paths paths;
    private final Templates templates;

    private final DatasetService datasets;

    SearchRoutes(SearchIndex index, kz.ashyq.store.Store store, EntityService entities, DatasetService datasets,
            Paths paths, Templates templates) {
        this.datasets = datasets;
        this.index = index;
        this.store = store;
        this.entities = entities;
        this.paths = paths;
        this.templates = templates;
    }

    /** A search result as pages and programs see it. */
    record Result(String iri, String href, String label, List<String> types, List<String> datasets, float score) {}

    void search(Context ctx) throws IOException {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        boolean prefix = "true".equals(ctx.queryParam("prefix"));
        int limit = Math.min(MAX, parse(ctx.queryParam("limit"), 20));
        String lang = DocumentRoutes.language(ctx);
        List<Result> results = new ArrayList<>();
        if (!q.isEmpty()) {
            List<Hit> hits;
            try {
                hits = index.search(q, prefix, blankToNull(ctx.queryParam("dataset")),
                        blankToNull(ctx.queryParam("type")), limit);
            } catch (kz.ashyq.search.SearchIndex.TooManyWords e) {
                throw new HttpProblem(400, "Bad Request", e.getMessage());
            }
            // every label of the entities found, to show each in the page's language
            Map<String, Map<String, String>> labels = store.read(d -> entities.labels(d,
                    hits.stream().map(Hit::iri).toList()));
            for (Hit h : hits) {
                String label = Languages.pick(labels.getOrDefault(h.iri(), h.labels()), lang);
                results.add(new Result(h.iri(), paths.href(h.iri()), label == null ? h.iri() : label, h.types(), h.datasets(),
                        h.score()));
            }
        }
        Vary.formatAndLanguage(ctx);
        Negotiation.Result chosen = Negotiation.negotiate(ctx.header("Accept"), ctx.queryParam("format"), OFFERED);
        Format format = chosen.format().orElseThrow(() -> new HttpProblem(406, "Not Acceptable", "search answers in "
                + "text/html and application/json", List.of("text/html", "application/json")));
        if (format == Format.JSON) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", q);
            body.put("prefix", prefix);
            body.put("results", results);
            ctx.contentType("application/json");
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.result(JSON.writeValueAsString(body));
            return;
        }
        ctx.html(templates.render("search", lang, Map.of("q", q, "results", results,
                "datasets", datasetChoices(lang), "types", typeChoices(results, lang),
                "dataset", String.valueOf(blankToNull(ctx.queryParam("dataset"))),
                "type", String.valueOf(blankToNull(ctx.queryParam("type"))))));
    }

    /** The datasets to filter by: every loaded one, by title. */
    private List<Views.Link> datasetChoices(String lang) {
        return datasets.list(lang).stream()
                .map(d -> new Views.Link(d.id(), d.title(), d.id())).toList();
    }

    /** The types to filter by: those of the results shown, by label. */
    private List<Views.Link> typeChoices(List<Result> results, String lang) {
        List<String> types = results.stream().flatMap(r -> r.types().stream()).distinct().toList();
        Map<String, Map<String, String>> labels = store.read(d -> entities.labels(d, types));
        return types.stream().map(t -> entities.link(t, labels, lang)).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Math.max(1, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", "limit '" + s + "' is not a number");
        }
    }
}
