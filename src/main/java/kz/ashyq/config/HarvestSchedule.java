package kz.ashyq.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Datasets a server harvests from data.egov.kz on a schedule and publishes when they changed.
 *
 * @param list a file naming one dataset a line: {@code NAME [vN] [MAPPING]} ({@code #} starts a comment)
 * @param dir where harvested files are kept
 * @param every how often the list is harvested, the first time as the server starts
 * @param portal how the portal is asked
 */
public record HarvestSchedule(Path list, Path dir, Duration every, Harvesting portal) {

    /** Validates at once. */
    public HarvestSchedule {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(portal, "portal");
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("harvesting every " + every + " is too often: at least a second apart");
        }
    }
}
