package kz.ashyq.config;

import java.util.Objects;

/**
 * A map tile server for the maps on pages. Without one, maps draw their points on a plain
 * background, so pages work offline and no reader's browser calls a third party.
 *
 * @param urlTemplate an http(s) URL with {@code {z}}, {@code {x}} and {@code {y}}, as Leaflet takes it
 * @param attribution the credit the tile provider asks for, shown on the map
 */
public record TileServer(String urlTemplate, String attribution) {

    /** Validates at once. */
    public TileServer {
        Objects.requireNonNull(urlTemplate, "tile URL template");
        Objects.requireNonNull(attribution, "tile attribution");
        if (!urlTemplate.matches("https?://[^\\s\"'<>]+")) {
            throw new IllegalArgumentException("tile URL '" + urlTemplate + "' is not an http(s) URL");
        }
        for (String p : new String[] {"{z}", "{x}", "{y}"}) {
            if (!urlTemplate.contains(p)) {
                throw new IllegalArgumentException("tile URL '" + urlTemplate + "' has no " + p);
            }
        }
    }
}
