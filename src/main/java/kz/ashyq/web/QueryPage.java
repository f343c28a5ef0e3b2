package kz.ashyq.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kz.ashyq.config.TileServer;

/**
 * The page a browser gets at {@code /sparql}: YASGUI (served from the jar) on the endpoint, with
 * the README's example queries one click away, and a plain form for readers without JavaScript.
 */
public final class QueryPage {

    /** An example query: its title (the first comment line), its text, and its share link. */
    public record Example(String name, String title, String text, String href) {}

    private final Templates templates;
    private final List<Example> examples;

    /** The page, with results on maps drawn over {@code tiles} (a plain background without). */
    public QueryPage(Optional<TileServer> tiles) {
        this.templates = new Templates(tiles);
        this.examples = examples();
    }

    /** The examples shipped in the jar, under {@code examples/}, by file name. */
    public List<Example> examplesShown() {
        return examples;
    }

    /**
     * Renders the page in the language chosen from {@code ?lang=}, the {@code lang} cookie and
     * {@code Accept-Language}, in that order.
     */
    public String render(String langParam, String langCookie, String acceptLanguage) {
        String lang = Languages.choose(langParam, langCookie, acceptLanguage);
        return templates.render("sparql", lang, Map.of("examples", examples,
                "defaultQuery", examples.isEmpty() ? "SELECT * WHERE { ?s ?p ?o } LIMIT 10" : examples.get(0).text()));
    }

    private static List<Example> examples() {
        Path dir = ShippedFiles.folder("examples");
        if (dir == null) {
            return List.of();
        }
        try {
            return read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query as YASGUI reads it from a link's fragment ({@code #query=...}). */
    static String encoded(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<Example> read(Path dir) throws IOException {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String name = f.getFileName().toString().replaceFirst("\\.rq$", "");
                String title = text.lines().filter(l -> l.startsWith("#")).findFirst()
                        .map(l -> l.substring(1).strip()).orElse(name);
                out.add(new Example(name, title, text, "#query=" + encoded(text)));
            }
        }
        return out;
    }
}
