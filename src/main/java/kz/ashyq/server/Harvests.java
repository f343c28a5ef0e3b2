package kz.ashyq.server;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.HarvestSchedule;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.harvest.HarvestList;
import kz.ashyq.harvest.Harvester;
import kz.ashyq.harvest.PortalClient;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.read.MappingReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --harvest LIST --harvest-every 1d}: the datasets of the list harvested from
 * data.egov.kz as the server starts and then on schedule, one after another, and each that changed
 * published through the server's queue of publications, as {@code ashyq load --server} would. A
 * dataset that fails (the portal down, a mapping that no longer fits) keeps its release and is
 * tried again at the next round; {@code /health} says how each went last.
 */
final class Harvests {

    private static final Logger LOG = LoggerFactory.getLogger(Harvests.class);

    private final HarvestSchedule schedule;
    private final Publications publications;
    private final BaseIri base;
    private final Harvester harvester;
    private final Map<String, Map<String, Object>> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ashyq-harvest");
        t.setDaemon(true);
        return t;
    });

    Harvests(HarvestSchedule schedule, Publications publications, BaseIri base, Optional<Path> kato) {
        this.schedule = schedule;
        this.publications = publications;
        this.base = base;
        // the key is read from the environment here and kept by the client alone
        this.harvester = new Harvester(new PortalClient(schedule.portal(), System.getenv("ASHYQ_EGOV_API_KEY"), LOG::info),
                schedule.dir(), kato, LOG::info);
    }

    void start() {
        timer.scheduleWithFixedDelay(this::round, 0, schedule.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** How the last harvest of each dataset went. */
    Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("every", schedule.every().toString());
        out.put("datasets", new java.util.TreeMap<>(last));
        return out;
    }

    /** One round over the list, as it reads now (the operator may have changed it). */
    private void round() {
        try {
            for (HarvestList.Entry e : HarvestList.read(schedule.list())) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                one(e);
            }
        } catch (RuntimeException e) {
            LOG.warn("harvest: {}", e.getMessage());
        }
    }

    private void one(HarvestList.Entry e) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("at", Instant.now().toString());
        try {
            Harvester.Result r = harvester.harvest(e.dataset(), e.version(), e.mapping());
            status.put("version", r.version());
            status.put("records", r.rows());
            if (!r.changed()) {
                status.put("outcome", "unchanged");
            } else {
                publish(r, status);
            }
        } catch (RuntimeException ex) {
            status.put("outcome", "failed");
            status.put("message", ex.getMessage());
            LOG.warn("harvest of {} failed, its release is kept: {}", e.dataset(), ex.getMessage());
        }
        last.put(e.dataset(), status);
    }

    /** Publishes a harvest through the queue and waits for it, so that the rounds never overtake their publications. */
    private void publish(Harvester.Result r, Map<String, Object> status) {
        Mapping mapping = MappingReader.read(r.mapping());
        CountDownLatch done = new CountDownLatch(1);
        Map<String, Object> end = new ConcurrentHashMap<>();
        publications.submit(mapping, r.mapping().toAbsolutePath().getParent(),
                new LoadOptions(base, false, 20, false, false), false, ev -> {
                    if ("published".equals(ev.get("event")) || "failed".equals(ev.get("event"))) {
                        end.putAll(ev);
                    }
                }, done::countDown);
        try {
            done.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        if ("published".equals(end.get("event"))) {
            harvester.published(r);
            status.put("outcome", "published");
            status.put("release", end.get("release"));
            LOG.info("harvest of {} published as release {}", r.dataset(), end.get("release"));
        } else {
            status.put("outcome", "failed");
            status.put("message", end.get("message"));
            LOG.warn("harvest of {} not published, its release is kept: {}", r.dataset(), end.get("message"));
        }
    }
}
