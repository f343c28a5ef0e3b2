package kz.ashyq.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import kz.ashyq.mapping.draft.Drafter;
import kz.ashyq.mapping.read.MappingReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Harvests datasets of data.egov.kz into a folder of files that a mapping reads: for each dataset,
 * {@code DIR/{dataset}/{dataset}.csv} (its records, one column for each of their keys, in the order
 * of the portal's fields), {@code meta.json} (the portal's description) and {@code harvest.properties}
 * (the version, the rows and the SHA-256 of the file last harvested and last published). A dataset
 * without a mapping gets a draft, {@code DIR/{dataset}/{dataset}.yml}, which {@code ashyq draft}
 * would write with the portal's titles and column labels.
 *
 * <p>The records go to a file beside the last harvest's and take its place only when every page has
 * come: a harvest that fails leaves the files of the one before. Memory stays constant: the records
 * are written as they come, and their keys are all known only at the end, so the CSV is written in a
 * second pass over them.
 */
public final class Harvester {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PortalClient portal;
    private final Path dir;
    private final Optional<Path> kato;
    private final Consumer<String> log;

    /**
     * @param dir the folder of harvested datasets
     * @param kato a KATO table for drafts to link places to
     */
    public Harvester(PortalClient portal, Path dir, Optional<Path> kato, Consumer<String> log) {
        this.portal = portal;
        this.dir = dir;
        this.kato = kato;
        this.log = log;
    }

    /**
     * What one harvest of one dataset gave.
     *
     * @param dataset the portal's name of the dataset
     * @param version the version harvested
     * @param rows its records
     * @param pages the pages asked for
     * @param changed whether its file differs from the one last published (or none was)
     * @param csv the records
     * @param mapping the mapping that publishes it
     * @param drafted whether that mapping was drafted by this harvest
     * @param sha256 the file's digest
     */
    public record Result(String dataset, String version, long rows, int pages, boolean changed, Path csv, Path mapping,
            boolean drafted, String sha256) {}

    /**
     * Fetches every record of {@code dataset} ({@code version}, or the latest) and keeps them;
     * drafts a mapping when {@code mapping} is empty and the dataset's folder has none.
     */
    public Result harvest(String dataset, Optional<String> version, Optional<Path> mapping) {
        if (!dataset.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
            throw new PortalException("'" + dataset + "' is not a data.egov.kz dataset name (letters, digits, _ . -)", true);
        }
        version.ifPresent(v -> {
            if (!v.matches("v\\d{1,6}|data")) {
                throw new PortalException("version '" + v + "' is not v1, v2, ... (or data)", true);
            }
        });
        String v = version.orElseGet(() -> portal.latestVersion(dataset));
        Path home = dir.resolve(dataset);
        Optional<JsonNode> meta = portal.meta(dataset, v);
        try {
            Files.createDirectories(home);
            Path records = Files.createTempFile(home, ".records-", ".jsonl");
            Path fresh = home.resolve(".fetch-" + dataset + ".csv");
            try {
                Set<String> keys = new LinkedHashSet<>();
                meta.ifPresent(m -> m.path("fields").fieldNames().forEachRemaining(keys::add));
                long[] rows = {0};
                int pages;
                try (BufferedWriter w = Files.newBufferedWriter(records, StandardCharsets.UTF_8)) {
                    pages = portal.records(dataset, v, r -> {
                        r.fieldNames().forEachRemaining(keys::add);
                        try {
                            w.write(JSON.writeValueAsString(r));
                            w.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        rows[0]++;
                    });
                }
                writeCsv(records, keys, fresh);
                String sha = sha256(fresh);
                Path csv = home.resolve(dataset + ".csv");
                Files.move(fresh, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                if (meta.isPresent()) {
                    Files.writeString(home.resolve("meta.json"),
                            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta.get()), StandardCharsets.UTF_8);
                }
                Properties state = state(home);
                boolean changed = !sha.equals(state.getProperty("published.sha256"));
                state.setProperty("version", v);
                state.setProperty("harvested.sha256", sha);
                state.setProperty("harvested.rows", Long.toString(rows[0]));
                state.setProperty("harvested.at", java.time.Instant.now().toString());
                save(home, state);
                Path m = mapping.orElse(home.resolve(slug(dataset) + ".yml"));
                boolean drafted = !Files.exists(m);
                if (drafted) {
                    draft(csv, m, meta.map(x -> new Drafter.PortalDescription(x, portal.page(dataset).toString())));
                }
                log.accept("ashyq: harvested " + dataset + " " + v + ": " + rows[0] + " records in " + pages + " page"
                        + (pages == 1 ? "" : "s") + (changed ? "" : ", the same as last published")
                        + (drafted ? "; drafted " + m : ""));
                return new Result(dataset, v, rows[0], pages, changed, csv, m, drafted, sha);
            } finally {
                Files.deleteIfExists(records);
                Files.deleteIfExists(fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records that {@code r}'s file is the one now published, so that the next harvest of the same data publishes nothing. */
    public void published(Result r) {
        Path home = dir.resolve(r.dataset());
        Properties state = state(home);
        state.setProperty("published.sha256", r.sha256());
        state.setProperty("published.at", java.time.Instant.now().toString());
        save(home, state);
    }

    /** The dataset's id in Ashyq for a portal name: lower case, {@code -} for {@code _} and dots. */
    static String slug(String dataset) {
        return dataset.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private void draft(Path csv, Path mapping, Optional<Drafter.PortalDescription> meta) throws IOException {
        String yaml = Drafter.draft(csv, mapping.toAbsolutePath().getParent(), kato, meta);
        Files.createDirectories(mapping.toAbsolutePath().getParent());
        Files.writeString(mapping, yaml, StandardCharsets.UTF_8);
        try {
            MappingReader.read(mapping);
        } catch (RuntimeException e) {
            Files.deleteIfExists(mapping);
            throw new IllegalStateException("the draft for " + csv + " does not read as a mapping: " + e.getMessage(), e);
        }
    }

    /** The records, one JSON object a line, as a CSV with a column for each key (values of other kinds as JSON). */
    private static void writeCsv(Path records, Set<String> keys, Path csv) throws IOException {
        String[] header = keys.toArray(String[]::new);
        try (BufferedReader in = Files.newBufferedReader(records, StandardCharsets.UTF_8);
                CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setHeader(header).get())) {
            String[] cells = new String[header.length];
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode r = JSON.readTree(line);
                for (int i = 0; i < header.length; i++) {
                    JsonNode v = r.get(header[i]);
                    cells[i] = v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
                }
                out.printRecord((Object[]) cells);
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties state(Path home) {
        Properties p = new Properties();
        Path f = home.resolve("harvest.properties");
        if (Files.exists(f)) {
            try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private static void save(Path home, Properties state) {
        try {
            Path tmp = home.resolve("harvest.properties.tmp");
            try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                state.store(w, "ashyq harvest: the last harvest and the last publication of this dataset");
            }
            Files.move(tmp, home.resolve("harvest.properties"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
