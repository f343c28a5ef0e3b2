package kz.ashyq.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.store.Store;
import kz.ashyq.web.Views.Alternate;
import kz.ashyq.web.conneg.Format;
import kz.ashyq.web.conneg.Negotiation;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shared.PrefixMapping;

/**
 * Dereferencing after the Cool URIs note: a thing's IRI ({@code /id/...}) answers 303 See Other
 * to its document ({@code /doc/...}), which is served in the negotiated format with
 * {@code Vary: Accept}.
 */
final class DocumentRoutes {

    /** The order formats are offered in: see {@link Negotiation} for the rule. */
    static final List<Format> OFFERED = List.of(Format.TURTLE, Format.HTML, Format.JSONLD, Format.RDFXML,
            Format.NTRIPLES);

    private static final PrefixMapping PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefixes(PrefixMapping.Standard)
            .setNsPrefixes(kz.ashyq.config.Namespaces.WELL_KNOWN)
            .lock();

    private final Store store;
    private final Paths paths;
    private final EntityService entities;
    private final DatasetService datasets;
    private final Templates templates;
    private final DerivedFiles files;

    private final QualityService quality;

    DocumentRoutes(Store store, Paths paths, EntityService entities, DatasetService datasets, Templates templates,
            DerivedFiles files, QualityService quality) {
        this.files = files;
        this.quality = quality;
        this.store = store;
        this.paths = paths;
        this.entities = entities;
        this.datasets = datasets;
        this.templates = templates;
    }

    /** {@code GET /id/...}: 303 to the document, or 404. */
    void thing(Context ctx) {
        String rest = rest(ctx, "/id/");
        if (!entities.exists(paths.thing(rest))) {
            throw HttpProblem.notFound(paths.thing(rest));
        }
        String query = ctx.queryString();
        Vary.format(ctx);
        ctx.redirect("/doc/" + rawRest(ctx, "/id/") + (query == null ? "" : "?" + query), HttpStatus.SEE_OTHER);
    }

    /** {@code GET /doc/...}: the document about a thing, in the negotiated format. */
    void document(Context ctx) {
        String rest = rest(ctx, "/doc/");
        String iri = paths.thing(rest);
        Vary.formatAndLanguage(ctx);
        Format format = negotiate(ctx);
        String docPath = "/doc/" + rawRest(ctx, "/doc/");
        if (format != Format.HTML) {
            // one pass over the store gives both the document and the datasets it comes from
            EntityService.Document doc = entities.document(iri);
            if (doc.graphs().isEmpty()) {
                throw HttpProblem.notFound(iri);
            }
            links(ctx, docPath, EntityService.datasets(doc.graphs()));
            if (!Caching.notModified(ctx, store.modified(), format.key() + "-" + ctx.queryString())) {
                if (format == Format.TURTLE) {
                    ctx.contentType(format.contentType());
                    ctx.result(CompactTurtle.write(doc.triples(), PREFIXES.getNsPrefixMap()));
                } else {
                    rdf(ctx, doc.graph(), format);
                }
            }
            return;
        }
        List<String> graphs = entities.graphsOf(iri);
        if (graphs.isEmpty()) {
            throw HttpProblem.notFound(iri);
        }
        links(ctx, docPath, EntityService.datasets(graphs));
        String lang = language(ctx);
        if (Caching.notModified(ctx, store.modified(), format.key() + lang + "-" + ctx.queryString())) {
            return;
        }
        if (rest.startsWith("dataset/") && datasets.exists(rest.substring(8))) {
            Map<String, Object> model = new java.util.HashMap<>();
            model.put("ds", datasets.page(rest.substring(8), lang));
            model.put("formats", alternates(docPath));
            model.put("quality", quality.panel(iri));
            model.put("datasetId", rest.substring(8));
            ctx.html(templates.render("dataset", lang, model));
            return;
        }
        int page = parsePage(ctx.queryParam("page"));
        Views.EntityPage p = entities.page(iri, lang, ctx.queryParam("in"), page);
        // an agency's page: its datasets, and what each links to
        List<Views.Published> published = rest.startsWith("agency/") ? datasets.publishedBy(iri, lang) : List.of();
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("page", p);
        model.put("formats", alternates(docPath));
        model.put("published", published);
        model.put("agencyQuality", published.isEmpty() ? null
                : quality.agency(published.stream().map(x -> x.dataset().iri()).toList()));
        ctx.html(templates.render("entity", lang, model));
    }

    /** {@code GET /catalog}: the DCAT catalogue, HTML as the home page's list. */
    void catalog(Context ctx) {
        Vary.formatAndLanguage(ctx);
        Format format = negotiate(ctx);
        links(ctx, "/catalog", List.of());
        String variant = format == Format.HTML ? "html" + language(ctx) : format.key();
        if (Caching.notModified(ctx, store.modified(), "catalog-" + variant)) {
            return;
        }
        if (format == Format.HTML) {
            String lang = language(ctx);
            ctx.html(templates.render("home", lang, Map.of("datasets", datasets.list(lang))));
            return;
        }
        rdf(ctx, datasets.catalog(), format);
    }

    /** {@code GET /dump/{id}.{ext}}: a dataset's whole graph; {@code .nt.gz} is N-Triples, gzipped. */
    void dump(Context ctx) throws java.io.IOException {
        String file = ctx.pathParam("file");
        boolean gzip = file.endsWith(".nt.gz");
        String name = gzip ? file.substring(0, file.length() - 3) : file;
        int dot = name.lastIndexOf('.');
        String id = dot > 0 ? name.substring(0, dot) : name;
        Format format = dot > 0 ? Format.byKey(name.substring(dot + 1)).orElse(null) : null;
        if (format == null || format == Format.HTML || !id.matches("[a-z0-9-]+") || !datasets.exists(id)) {
            throw HttpProblem.notFound(ctx.path());
        }
        if (Caching.notModified(ctx, store.modified(), "dump-" + file)) {
            return;
        }
        ctx.contentType(gzip ? "application/gzip" : format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        // a dump streams: Turtle in blocks rather than pretty-printed from memory
        RDFFormat rdf = format == Format.TURTLE ? RDFFormat.TURTLE_BLOCKS : RdfWriters.of(format);
        java.nio.file.Path made = files.get("dump-" + file, out -> {
            if (gzip) {
                java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 1 << 16);
                datasets.dump(id, rdf, z);
                z.finish();
            } else {
                datasets.dump(id, rdf, out);
            }
        });
        ctx.result(java.nio.file.Files.newInputStream(made));
    }

    private Format negotiate(Context ctx) {
        return negotiate(ctx, OFFERED);
    }

    /** The format for a request among {@code offered}, or a 406 that lists them. */
    static Format negotiate(Context ctx, List<Format> offered) {
        Negotiation.Result r = Negotiation.negotiate(ctx.header("Accept"), ctx.queryParam("format"), offered);
        return r.format().orElseThrow(() -> new HttpProblem(406, "Not Acceptable",
                "None of the formats asked for is offered; this resource is offered as: "
                        + String.join(", ", r.offered().stream().map(Format::mediaType).toList()),
                r.offered().stream().map(Format::mediaType).toList()));
    }

    /** Answers a graph in an RDF format, with the usual prefixes. */
    static void rdf(Context ctx, Graph g, Format format) {
        g.getPrefixMapping().setNsPrefixes(usedPrefixes(g));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, RdfWriters.of(format));
        ctx.contentType(format.contentType());
        ctx.result(out.toByteArray());
    }

    /** The usual prefixes that the graph uses: a short document gets no wall of unused ones. */
    private static Map<String, String> usedPrefixes(Graph g) {
        Map<String, String> used = new java.util.HashMap<>();
        Map<String, String> all = PREFIXES.getNsPrefixMap();
        g.find().forEachRemaining(t -> {
            for (org.apache.jena.graph.Node n : new org.apache.jena.graph.Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                String iri = n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralDatatypeURI() : null;
                if (iri != null) {
                    all.forEach((prefix, ns) -> {
                        if (iri.startsWith(ns)) {
                            used.put(prefix, ns);
                        }
                    });
                }
            }
        });
        return used;
    }

    /** {@code Link} headers: the other formats, and the datasets that describe the thing. */
    private static void links(Context ctx, String docPath, List<String> datasetIds) {
        List<String> links = new ArrayList<>();
        for (Format f : OFFERED) {
            links.add("<" + Paths.withFormat(docPath, f) + ">; rel=\"alternate\"; type=\"" + f.mediaType() + "\"");
        }
        for (String id : datasetIds) {
            links.add("</doc/dataset/" + id + ">; rel=\"describedby\"");
        }
        ctx.header("Link", String.join(", ", links));
    }

    private static List<Alternate> alternates(String docPath) {
        return OFFERED.stream().filter(f -> f != Format.HTML)
                .map(f -> new Alternate(f.key(), f.mediaType(), Paths.withFormat(docPath, f))).toList();
    }

    /** The interface language; a {@code ?lang=} choice is remembered in a cookie. */
    static String language(Context ctx) {
        String param = ctx.queryParam("lang");
        String lang = Languages.choose(param, ctx.cookie("lang"), ctx.header("Accept-Language"));
        if (param != null && param.equals(lang)) {
            ctx.header("Set-Cookie", "lang=" + lang + "; Path=/; Max-Age=31536000; SameSite=Lax");
        }
        return lang;
    }

    private static int parsePage(String s) {
        try {
            return s == null ? 0 : Math.max(0, Math.min(100_000, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", "page '" + s + "' is not a number");
        }
    }

    /** The path after a prefix, raw (as sent), for redirects. */
    private static String rawRest(Context ctx, String prefix) {
        String uri = ctx.req().getRequestURI();
        int i = uri.indexOf(prefix);
        return uri.substring(i + prefix.length());
    }

    /**
     * The path after a prefix as an IRI path: percent-encoded non-ASCII letters (which browsers
     * send for Cyrillic keys) are decoded, as minted IRIs hold them raw; encoded ASCII stays encoded.
     */
    static String rest(Context ctx, String prefix) {
        return uriToIri(rawRest(ctx, prefix));
    }

    static String uriToIri(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            int b = i + 2 < raw.length() && raw.charAt(i) == '%' ? hex(raw, i + 1) : -1;
            if (b >= 0x80) {
                bytes.write(b);
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(raw.charAt(i++));
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(String s, int at) {
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
