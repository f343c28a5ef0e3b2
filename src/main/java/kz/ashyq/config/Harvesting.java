package kz.ashyq.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Ashyq asks data.egov.kz's API for a dataset: where the portal is, how politely and how
 * patiently. The API key is not part of it: it is read from the environment when a harvest runs and
 * kept nowhere else.
 *
 * @param portal the portal's root ({@code https://data.egov.kz/}); a test points it at a local server
 * @param pause the least time between two requests to the portal (a polite rate)
 * @param timeout how long one request may take before it is given up and tried again
 * @param attempts how many times a request is tried before the harvest fails (errors of the portal,
 *     refusals for too many requests, timeouts and broken connections are tried again)
 * @param backoff the wait before the second attempt; each later one waits twice as long as the one
 *     before
 * @param pageSize records asked for in one request ({@code size} of the API's {@code source})
 */
public record Harvesting(URI portal, Duration pause, Duration timeout, int attempts, Duration backoff, int pageSize) {

    /** data.egov.kz, one request a second, a minute for each, five attempts from 2 s apart, 1,000 records a page. */
    public static final Harvesting DEFAULTS = new Harvesting(URI.create("https://data.egov.kz/"), Duration.ofSeconds(1),
            Duration.ofSeconds(60), 5, Duration.ofSeconds(2), 1000);

    /** Validates at once. */
    public Harvesting {
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        if (!("https".equals(portal.getScheme()) || "http".equals(portal.getScheme())) || portal.getHost() == null) {
            throw new IllegalArgumentException("portal '" + portal + "' is not an http(s) URL");
        }
        if (!portal.toString().endsWith("/")) {
            portal = URI.create(portal + "/");
        }
        if (pause.isNegative() || backoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pause and back-off may not be negative, the timeout must be positive");
        }
        if (attempts < 1 || attempts > 20) {
            throw new IllegalArgumentException("attempts " + attempts + " is outside 1..20");
        }
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("page size " + pageSize + " is outside 1..10000");
        }
    }

    /** The same, against another portal (a mirror, or a test's local server). */
    public Harvesting withPortal(URI p) {
        return new Harvesting(p, pause, timeout, attempts, backoff, pageSize);
    }
}
