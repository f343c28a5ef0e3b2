package kz.ashyq.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to serve a store.
 *
 * @param store the TDB2 directory
 * @param port the HTTP port; 0 picks a free one (tests)
 * @param base the base IRI that request URLs map onto; empty means the base the store was
 *     loaded with
 */
public record ServerConfig(Path store, int port, Optional<BaseIri> base) {

    /** Validates at once. */
    public ServerConfig {
        Objects.requireNonNull(store, "store directory");
        Objects.requireNonNull(base, "base");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }
}
