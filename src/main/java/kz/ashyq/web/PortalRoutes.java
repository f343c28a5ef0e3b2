package kz.ashyq.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.store.Store;

/**
 * {@code /portal}: what {@code ashyq demo --portal} made of data.egov.kz's samples, one row each
 * (rows, triples, the share of things linked to KATO, or why it did not load), from the report it
 * keeps beside the store ({@value #FILE}); JSON too, by {@code Accept}.
 */
public final class PortalRoutes {

    /** The report's file beside the store. */
    public static final String FILE = "portal-report.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Paths paths;
    private final Templates templates;

    PortalRoutes(Store store, Paths paths, Templates templates) {
        this.store = store;
        this.paths = paths;
        this.templates = templates;
    }

    void report(Context ctx) throws IOException {
        Path file = store.dir().resolve(FILE);
        if (!Files.exists(file)) {
            throw new HttpProblem(404, "Not Found", "this store has no report of the portal's samples: load them with "
                    + "./ashyq demo --portal");
        }
        Vary.format(ctx);
        JsonNode report = JSON.readTree(file.toFile());
        var format = DocumentRoutes.negotiate(ctx, List.of(kz.ashyq.web.conneg.Format.HTML, kz.ashyq.web.conneg.Format.JSON));
        if (format == kz.ashyq.web.conneg.Format.JSON) {
            ctx.contentType("application/json");
            ctx.result(JSON.writeValueAsString(report));
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode d : report.path("datasets")) {
            Map<String, Object> r = new LinkedHashMap<>();
            String id = d.path("dataset").asText();
            r.put("id", id);
            r.put("error", d.path("error").isMissingNode() ? null : d.path("error").asText());
            r.put("href", r.get("error") == null ? paths.href(paths.base().dataset(id)) : null);
            r.put("rows", d.path("rows").asLong());
            r.put("triples", d.path("triples").asLong());
            r.put("kato", Math.round(100 * d.path("katoLinkRate").asDouble()));
            rows.add(r);
        }
        ctx.html(templates.render("portal", DocumentRoutes.language(ctx), Map.of("rows", rows,
                "loaded", report.path("loaded").asInt(), "mappings", report.path("mappings").asInt())));
    }
}
