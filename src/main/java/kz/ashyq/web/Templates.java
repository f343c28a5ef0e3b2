package kz.ashyq.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kz.ashyq.config.TileServer;

/**
 * Renders the Pebble templates under {@code templates/}. Auto-escaping is on (Pebble's default
 * and asserted here): every cell of a CSV is untrusted input.
 */
final class Templates {

    private final PebbleEngine engine;
    private final Optional<TileServer> tiles;

    Templates() {
        this(Optional.empty());
    }

    /** Templates whose maps use {@code tiles}, or a plain background without. */
    Templates(Optional<TileServer> tiles) {
        this.tiles = tiles;
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).defaultEscapingStrategy("html")
                .build();
    }

    /** Renders a template in a language, with the variables every page needs added. */
    String render(String name, String lang, Map<String, Object> vars) {
        PebbleTemplate t = engine.getTemplate(name);
        Map<String, Object> ctx = new HashMap<>(vars);
        ctx.put("lang", lang);
        ctx.put("languages", Languages.UI);
        ctx.put("tilesUrl", tiles.map(TileServer::urlTemplate).orElse(""));
        ctx.put("tilesAttribution", tiles.map(TileServer::attribution).orElse(""));
        StringWriter w = new StringWriter();
        try {
            t.evaluate(w, ctx, Locale.forLanguageTag(lang));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
