package kz.ashyq.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links that looser matching proposed and a person has to decide on, kept beside the store in
 * a tab-separated file ({@value #FILE}) rather than in it: nothing in the queue is served.
 * A decision outlives reloads: a link once rejected is not proposed again, one accepted lives
 * in the links graph.
 */
public final class ReviewQueue {

    /** The queue's file in the store directory. */
    public static final String FILE = "review-queue.tsv";

    /** Where an entry stands. */
    public enum Status { PENDING, ACCEPTED, REJECTED }

    /**
     * One proposed link.
     *
     * @param id a short stable id (from the link's three IRIs)
     * @param status pending, accepted or rejected
     * @param dataset the dataset whose load proposed it
     * @param subject the link's subject IRI
     * @param predicate the link's predicate IRI
     * @param object the link's object IRI
     * @param value the source value that was matched
     * @param label what the object is called
     * @param score how close the match was, 0 to 1
     * @param decidedBy who decided, or empty
     * @param decidedAt when, or empty
     */
    public record Entry(String id, Status status, String dataset, String subject, String predicate, String object,
            String value, String label, double score, String decidedBy, String decidedAt) {

        /** A new pending entry, its id derived from the link. */
        public static Entry pending(String dataset, String subject, String predicate, String object, String value,
                String label, double score) {
            return new Entry(idOf(subject, predicate, object), Status.PENDING, dataset, subject, predicate, object,
                    value, label, score, "", "");
        }

        Entry decided(Status s, String by, Instant at) {
            return new Entry(id, s, dataset, subject, predicate, object, value, label, score, by, at.toString());
        }
    }

    private final Path file;

    ReviewQueue(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** Every entry, in the order proposed. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(read().values());
    }

    /**
     * Replaces a dataset's pending entries with what its latest load proposed; decided entries
     * stay as they are and are not proposed again.
     */
    public synchronized void offer(String dataset, List<Entry> proposed) {
        Map<String, Entry> all = read();
        boolean dropped = all.values().removeIf(e -> e.dataset().equals(dataset) && e.status() == Status.PENDING);
        if (!dropped && proposed.isEmpty()) {
            return; // most loads propose nothing: no file to write
        }
        for (Entry e : proposed) {
            all.putIfAbsent(e.id(), e);
        }
        write(all);
    }

    /**
     * Records a decision on pending entries, all or none.
     *
     * @throws IllegalArgumentException naming an id that is unknown or already decided
     */
    public synchronized List<Entry> decide(List<String> ids, Status status, String by, Instant at) {
        Map<String, Entry> all = read();
        List<Entry> out = new ArrayList<>();
        for (String id : ids) {
            Entry e = all.get(id);
            if (e == null) {
                throw new IllegalArgumentException("no proposed link " + id + " (see ashyq links review)");
            }
            if (e.status() != Status.PENDING) {
                throw new IllegalArgumentException("link " + id + " was " + e.status().name().toLowerCase()
                        + " by " + e.decidedBy() + " at " + e.decidedAt());
            }
            out.add(e.decided(status, by, at));
        }
        out.forEach(e -> all.put(e.id(), e));
        write(all);
        return out;
    }

    static String idOf(String s, String p, String o) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((s + " " + p + " " + o).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Entry> read() {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split("\t", -1);
                if (c.length != 11) {
                    throw new StoreException(file + ":" + (i + 1) + ": expected 11 tab-separated fields, found " + c.length);
                }
                out.put(c[0], new Entry(c[0], Status.valueOf(c[1].toUpperCase()), c[2], c[3], c[4], c[5], c[6], c[7],
                        Double.parseDouble(c[8]), c[9], c[10]));
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void write(Map<String, Entry> all) {
        StringBuilder sb = new StringBuilder(
                "id\tstatus\tdataset\tsubject\tpredicate\tobject\tvalue\tlabel\tscore\tdecided_by\tdecided_at\n");
        for (Entry e : all.values()) {
            sb.append(String.join("\t", e.id(), e.status().name().toLowerCase(), e.dataset(), e.subject(),
                    e.predicate(), e.object(), clean(e.value()), clean(e.label()), String.format(java.util.Locale.ROOT, "%.2f", e.score()),
                    clean(e.decidedBy()), e.decidedAt())).append('\n');
        }
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
