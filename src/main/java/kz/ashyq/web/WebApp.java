package kz.ashyq.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Optional;
import kz.ashyq.config.TileServer;
import kz.ashyq.config.BaseIri;
import kz.ashyq.store.Store;

/** Builds the Javalin front: routes, the error mapper, and nothing started. */
public final class WebApp {

    private WebApp() {}

    /**
     * The front for a store whose IRIs are under {@code base}.
     *
     * @return an unstarted Javalin, to be served as a servlet beside Fuseki
     */
    public static Javalin create(Store store, BaseIri base) {
        return create(store, base, null, null);
    }

    /**
     * The front, with the saved queries of {@code queries} (a folder of {@code .rq} files) as
     * APIs under {@code /api}.
     */
    public static Javalin create(Store store, BaseIri base, java.nio.file.Path queries,
            kz.ashyq.search.SearchIndex search) {
        return create(store, base, queries, search, Optional.empty());
    }

    /** The front, with maps drawn over {@code tiles} (or a plain background without). */
    public static Javalin create(Store store, BaseIri base, java.nio.file.Path queries,
            kz.ashyq.search.SearchIndex search, Optional<TileServer> tiles) {
        Paths paths = new Paths(base);
        Templates templates = new Templates(tiles);
        EntityService entities = new EntityService(store, paths);
        ReleaseRoutes releases = new ReleaseRoutes(store, paths);
        LdesRoutes ldes = new LdesRoutes(store, paths);
        DatasetService datasets = new DatasetService(store, paths, entities, releases);
        DerivedFiles files = new DerivedFiles(store);
        QualityService quality = new QualityService(store);
        DocumentRoutes docs = new DocumentRoutes(store, paths, entities, datasets, templates, files, quality);
        SiteRoutes site = new SiteRoutes(store, paths, files);
        VocabRoutes vocab = new VocabRoutes(store, paths, templates);
        ApiRoutes api = new ApiRoutes(store, paths, queries);
        SearchRoutes searching = search == null ? null : new SearchRoutes(search, store, entities, datasets, paths, templates);
        ErrorMapper errors = new ErrorMapper(templates);
        PortalRoutes portal = new PortalRoutes(store, paths, templates);
        ShowcaseRoutes showcase = new ShowcaseRoutes(store, paths, templates, api, entities);
        QualityRoutes qualityRoutes = new QualityRoutes(store, paths, templates, quality, datasets);
        return Javalin.create(config -> {
            config.http.generateEtags = false;
            // Jetty is started by Fuseki, not by Javalin: no watcher warning, no banner.
            config.startup.startupWatcherEnabled = false;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // the vendored libraries change only with a release of Ashyq; our own files may change with a deploy
            staticFiles(config, "/static/vendor", 86400);
            staticFiles(config, "/static", 3600);
            config.routes.get("/", ctx -> home(ctx, store, datasets, templates));
            config.routes.get("/robots.txt", site::robots);
            config.routes.get("/vocab", vocab::vocab);
            config.routes.get("/sitemap.xml", site::sitemap);
            config.routes.get("/.well-known/void", site::wellKnownVoid);
            config.routes.get("/api", ctx -> api.index(ctx, templates));
            config.routes.get("/api/openapi.json", api::openApi);
            config.routes.get("/api/quality", qualityRoutes::api);
            config.routes.get("/api/{name}", api::run);
            if (searching != null) {
                config.routes.get("/search", searching::search);
            }
            config.routes.get("/catalog", docs::catalog);
            config.routes.get("/portal", portal::report);
            config.routes.get("/showcase", showcase::page);
            config.routes.get("/quality", qualityRoutes::page);
            config.routes.get("/id/<path>", docs::thing);
            config.routes.get("/doc/<path>", docs::document);
            config.routes.get("/dump/{file}", docs::dump);
            config.routes.get("/dump/{id}/release/{file}", releases::download);
            config.routes.get("/ldes", ldes::all);
            config.routes.get("/ldes/{id}", ldes::stream);
            config.routes.get("/ldes/{id}/{release}/{page}", ldes::page);
            config.routes.exception(HttpProblem.class, errors::problem);
            config.routes.exception(Exception.class, errors::unexpected);
            config.routes.error(404, errors::notFound);
        });
    }

    private static void home(Context ctx, Store store, DatasetService datasets, Templates templates) {
        String lang = DocumentRoutes.language(ctx);
        String agency = ctx.queryParam("agency");
        String theme = ctx.queryParam("theme");
        Vary.formatAndLanguage(ctx);
        if (Caching.notModified(ctx, store.modified(), "home-" + lang + "-" + agency + "-" + theme)) {
            return;
        }
        ctx.html(templates.render("home", lang, HomeFacets.model(datasets.list(lang), agency, theme)));
    }

    /** Files of the classpath folder {@code folder}, served at the same path and kept {@code seconds} by caches. */
    private static void staticFiles(io.javalin.config.JavalinConfig config, String folder, int seconds) {
        config.staticFiles.add(files -> {
            files.hostedPath = folder;
            files.directory = folder;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "public, max-age=" + seconds);
            // sparql.js holds Kazakh and Russian text: say the charset rather than leave it to the page
            files.mimeTypes.add("text/javascript; charset=utf-8", "js");
            files.mimeTypes.add("text/css; charset=utf-8", "css");
        });
    }
}
