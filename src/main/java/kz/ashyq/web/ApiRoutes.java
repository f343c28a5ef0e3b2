package kz.ashyq.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import kz.ashyq.web.conneg.Format;
import kz.ashyq.web.conneg.Negotiation;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;

/**
 * Saved queries as plain APIs: every {@code .rq} file of the queries folder answers at
 * {@code GET /api/{name}?param=...} in JSON (SPARQL results), CSV, TSV or XML by {@code Accept},
 * with paging ({@code limit}, at most {@value #MAX_LIMIT}, and {@code offset}) and caching
 * headers; {@code /api/openapi.json} describes them all, and {@code /api} lists them.
 */
final class ApiRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Lang> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("application/sparql-results+json", ResultSetLang.RS_JSON);
        FORMATS.put("application/json", ResultSetLang.RS_JSON);
        FORMATS.put("text/csv", ResultSetLang.RS_CSV);
        FORMATS.put("text/tab-separated-values", ResultSetLang.RS_TSV);
        FORMATS.put("application/sparql-results+xml", ResultSetLang.RS_XML);
    }

    private final Store store;
    private final Paths paths;
    private final Map<String, SavedQuery> queries = new LinkedHashMap<>();

    ApiRoutes(Store store, Paths paths, Path folder) {
        this.store = store;
        this.paths = paths;
        Path from = source(folder, Path.of(""));
        if (from != null) {
            try (Stream<Path> files = Files.list(from)) {
                files.filter(f -> f.toString().endsWith(".rq")).sorted()
                        .map(SavedQuery::read).forEach(q -> queries.put(q.name(), q));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Where the saved queries come from: the folder given, or, when the default folder
     * ({@code queries/api} under the working directory) is not there, the ones shipped in the jar,
     * so that a server started from any directory answers the APIs the README lists.
     */
    static Path source(Path folder, Path workingDir) {
        if (folder == null) {
            return null;
        }
        if (Files.isDirectory(workingDir.resolve(folder))) {
            return workingDir.resolve(folder);
        }
        return folder.equals(ServerConfig.DEFAULT_QUERIES) ? ShippedFiles.folder("api") : null;
    }

    void run(Context ctx) {
        SavedQuery q = queries.get(ctx.pathParam("name"));
        if (q == null) {
            throw HttpProblem.notFound("API " + ctx.path());
        }
        String type = negotiate(ctx.header("Accept"));
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? null : v.get(0)));
        Query query = q.bind(params);
        query.setLimit(Math.min(MAX_LIMIT, number(params.get("limit"), DEFAULT_LIMIT)));
        query.setOffset(number(params.get("offset"), 0));
        Vary.format(ctx);
        ctx.header("Access-Control-Allow-Origin", "*");
        if (Caching.notModified(ctx, store.modified(), "api-" + type.hashCode() + "-" + ctx.queryString())) {
            return;
        }
        byte[] body = store.read(d -> {
            try (QueryExecution qe = EntityService.exec(d, query)) {
                ResultSet rs = qe.execSelect();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ResultSetMgr.write(out, rs, FORMATS.get(type));
                return out.toByteArray();
            } catch (org.apache.jena.query.QueryExecException | org.apache.jena.query.QueryBuildException e) {
                // a saved query is checked when the server starts: what fails now is a value the
                // caller gave, such as a latitude of 91 for ashyq:near
                throw new HttpProblem(400, "Bad Request", "the query cannot be answered for these parameters: "
                        + e.getMessage());
            }
        });
        ctx.contentType(type + (type.startsWith("text/") ? "; charset=utf-8" : ""));
        ctx.result(body);
    }

    /**
     * The saved query {@code name} bound to {@code params}, for a page that shows what an API
     * answers (the showcase).
     *
     * @throws HttpProblem 400 when a parameter is missing or does not fit its type
     */
    Query bound(String name, Map<String, String> params, int limit) {
        SavedQuery q = queries.get(name);
        if (q == null) {
            throw new IllegalStateException("no saved query '" + name + "' among " + queries.keySet());
        }
        Query query = q.bind(params);
        query.setLimit(limit);
        return query;
    }

    /** Whether a saved query of that name is served. */
    boolean has(String name) {
        return queries.containsKey(name);
    }

    /** What the APIs answer in, JSON first: a browser's {@code *}{@code /*} gets SPARQL results JSON. */
    private static final List<Format> OFFERED = List.of(Format.RESULTS_JSON, Format.JSON, Format.CSV, Format.TSV,
            Format.RESULTS_XML);

    private static String negotiate(String accept) {
        Negotiation.Result r = Negotiation.negotiate(accept, null, OFFERED);
        return r.format().map(Format::mediaType).orElseThrow(() -> new HttpProblem(406, "Not Acceptable",
                "APIs answer in " + String.join(", ", FORMATS.keySet()), List.copyOf(FORMATS.keySet())));
    }

    private static int number(String s, int fallback) {
        try {
            return s == null ? fallback : Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", "'" + s + "' is not a number");
        }
    }

    /** The OpenAPI 3 description of every saved query. */
    void openApi(Context ctx) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Ashyq saved queries", "version", "1",
                "description", "SPARQL queries over Kazakhstan's open data, called as plain APIs."));
        doc.put("servers", List.of(Map.of("url", paths.base().value().replaceAll("/$", ""))));
        Map<String, Object> pathsDoc = new LinkedHashMap<>();
        for (SavedQuery q : queries.values()) {
            List<Object> params = new ArrayList<>();
            for (SavedQuery.Param p : q.params()) {
                Map<String, Object> schema = new LinkedHashMap<>();
                schema.put("type", switch (p.type()) {
                    case "integer" -> "integer";
                    case "decimal" -> "number";
                    default -> "string";
                });
                if (p.type().equals("iri")) {
                    schema.put("format", "uri");
                }
                if (p.fallback() != null) {
                    schema.put("default", p.fallback());
                }
                params.add(Map.of("name", p.name(), "in", "query", "required", p.required(),
                        "description", p.description(), "schema", schema));
            }
            params.add(Map.of("name", "limit", "in", "query", "required", false,
                    "schema", Map.of("type", "integer", "default", DEFAULT_LIMIT, "maximum", MAX_LIMIT)));
            params.add(Map.of("name", "offset", "in", "query", "required", false,
                    "schema", Map.of("type", "integer", "default", 0)));
            Map<String, Object> content = new LinkedHashMap<>();
            FORMATS.keySet().forEach(t -> content.put(t, Map.of()));
            pathsDoc.put("/api/" + q.name(), Map.of("get", Map.of("summary", q.description(), "operationId", q.name(),
                    "parameters", params, "responses", Map.of("200", Map.of("description", "SPARQL results",
                            "content", content), "400", Map.of("description", "a parameter is missing or malformed")))));
        }
        pathsDoc.put("/admin/publish", Map.of("post", publishOperation()));
        pathsDoc.put("/admin/snapshot", Map.of("get", snapshotOperation()));
        doc.put("paths", pathsDoc);
        doc.put("components", Map.of("securitySchemes", Map.of("adminToken", Map.of("type", "http", "scheme", "bearer",
                "description", "the server's ASHYQ_ADMIN_TOKEN"))));
        ctx.contentType("application/json");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.result(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    /** The admin API that {@code ashyq load --server} calls: publishing a release into the running server. */
    private static Map<String, Object> publishOperation() {
        Map<String, Object> flag = Map.of("type", "string", "enum", List.of("true", "false"), "default", "false");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("mapping", Map.of("type", "string", "format", "binary",
                "description", "the mapping file (YARRRML .yml or RML .ttl); its file name may name the dataset"));
        props.put("lenient", flag);
        props.put("warnShapes", flag);
        props.put("allowShrink", flag);
        props.put("provenance", flag);
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("mapping"), "properties", props,
                "additionalProperties", Map.of("type", "string", "format", "binary", "description",
                        "every file the mapping reads, as a part named by its path from the mapping (../data/x.csv)"));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "the publication's events, one JSON object a line: queued, "
                + "started, progress, then published (with what ashyq load prints) or failed (with its exit code and "
                + "message; the release served before is kept)", "content", Map.of("application/x-ndjson", Map.of())));
        responses.put("400", Map.of("description", "the mapping cannot be read, names the line, or reads a file not sent"));
        responses.put("401", Map.of("description", "no admin token, or not the server's"));
        responses.put("404", Map.of("description", "the server was started without an admin token"));
        responses.put("413", Map.of("description", "the upload is larger than the server takes (--max-upload-bytes)"));
        responses.put("415", Map.of("description", "not multipart/form-data"));
        return Map.of("summary", "Publish a dataset: a mapping and its files, as a release, one at a time while the "
                + "server serves", "operationId", "publish", "security", List.of(Map.of("adminToken", List.of())),
                "requestBody", Map.of("required", true, "content", Map.of("multipart/form-data", Map.of("schema", schema))),
                "responses", responses);
    }

    /** The snapshot a new replica starts from, on a server that publishes its changes to Kafka. */
    private static Map<String, Object> snapshotOperation() {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "the part as an RDF Patch that adds each of its quads, read in one "
                + "transaction; Ashyq-Change: the number of the last change it includes; Ashyq-Offset, when known: "
                + "that change's offset in the topic", "content", Map.of("application/rdf-patch", Map.of())));
        responses.put("400", Map.of("description", "part is not data or archive"));
        responses.put("401", Map.of("description", "no admin token, or not the server's"));
        responses.put("403", Map.of("description", "this server is a replica"));
        responses.put("404", Map.of("description", "the server does not publish its changes (--publish-to)"));
        return Map.of("summary", "A snapshot of the store for a new read replica (ashyq serve --follow --snapshot)",
                "operationId", "snapshot", "security", List.of(Map.of("adminToken", List.of())),
                "parameters", List.of(Map.of("name", "part", "in", "query", "required", true,
                        "schema", Map.of("type", "string", "enum", List.of("data", "archive")))),
                "responses", responses);
    }

    /** A page that lists the APIs with their parameters and an example link for each. */
    void index(Context ctx, Templates templates) {
        String lang = DocumentRoutes.language(ctx);
        ctx.html(templates.render("api", lang, Map.of("apis", new ArrayList<>(queries.values()))));
    }

}
