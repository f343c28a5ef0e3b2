package kz.ashyq.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.store.Store;
import org.apache.jena.query.Query;

/**
 * What crawlers and linked-data tools look for at the root of a site: {@code /robots.txt},
 * {@code /sitemap.xml} (an index of pages of {@value #PER_PAGE} entity documents for large
 * stores) and {@code /.well-known/void}.
 */
final class SiteRoutes {

    /** URLs per sitemap page: the sitemaps.org limit. */
    static final int PER_PAGE = 50_000;

    private final Store store;
    private final Paths paths;
    private final DerivedFiles files;

    SiteRoutes(Store store, Paths paths, DerivedFiles files) {
        this.store = store;
        this.paths = paths;
        this.files = files;
    }

    void robots(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("User-agent: *\nAllow: /\nDisallow: /sparql\nSitemap: " + paths.base().sitemap() + "\n");
    }

    void wellKnownVoid(Context ctx) {
        String query = ctx.queryString();
        ctx.redirect("/catalog" + (query == null ? "" : "?" + query), HttpStatus.SEE_OTHER);
    }

    /**
     * The sitemap: an index when the store has more entities than one page holds. A page is a
     * scan of the store, made once per data version (see {@link DerivedFiles}).
     */
    void sitemap(Context ctx) throws java.io.IOException {
        if (Caching.notModified(ctx, store.modified(), "sitemap-" + ctx.queryParam("page"))) {
            return;
        }
        String page = ctx.queryParam("page");
        long p = parsePage(page);
        long count = count();
        if (p > 0 && p * PER_PAGE >= count) {
            // pages past the end make no file: a crawler counting upwards fills no disk
            throw HttpProblem.notFound(ctx.path() + "?page=" + p);
        }
        java.nio.file.Path made = files.get("sitemap-" + (page == null ? "index" : Long.toString(p)) + ".xml",
                out -> out.write(sitemap(page == null, p, count).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ctx.contentType("application/xml; charset=utf-8");
        ctx.result(java.nio.file.Files.newInputStream(made));
    }

    /** Entities under {@code id/}: a scan, so kept as a file of its own per data version. */
    private long count() throws java.io.IOException {
        String prefix = paths.base().things();
        java.nio.file.Path made = files.get("entity-count.txt", out -> out.write(Long.toString(store.read(d -> {
            long[] n = new long[1];
            EntityService.select(d, Queries.with("entity-count", Map.of("prefix", prefix)),
                    s -> n[0] = s.getLiteral("n").getLong());
            return n[0];
        })).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return Long.parseLong(java.nio.file.Files.readString(made).strip());
    }

    private String sitemap(boolean index, long p, long count) {
        String prefix = paths.base().things();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (index && count > PER_PAGE) {
            xml.append("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (long i = 0; i * PER_PAGE < count; i++) {
                xml.append("  <sitemap><loc>").append(escape(paths.base().sitemap() + "?page=" + i))
                        .append("</loc></sitemap>\n");
            }
            xml.append("</sitemapindex>\n");
        } else {
            xml.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (String iri : entities(prefix, p)) {
                String doc = paths.base().doc(iri.substring(prefix.length()));
                xml.append("  <url><loc>").append(escape(doc)).append("</loc></url>\n");
            }
            xml.append("</urlset>\n");
        }
        return xml.toString();
    }

    private List<String> entities(String prefix, long page) {
        return store.read(d -> {
            Query q = Queries.with("entity-page", Map.of("prefix", prefix));
            q.setLimit(PER_PAGE);
            q.setOffset(page * PER_PAGE);
            List<String> out = new ArrayList<>();
            EntityService.select(d, q, s -> out.add(s.getResource("s").getURI()));
            return out;
        });
    }

    private static long parsePage(String s) {
        try {
            return s == null ? 0 : Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Bad Request", "page '" + s + "' is not a number");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
