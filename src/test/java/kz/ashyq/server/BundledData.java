package kz.ashyq.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the bundled CSV files independently of the engine, to say what the RDF must hold. */
final class BundledData {

    private BundledData() {}

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static List<Map<String, String>> rows(String file) {
        try (Reader r = new java.io.StringReader(stripBom(Files.readString(Path.of("data", file), StandardCharsets.UTF_8)))) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(r)) {
                Map<String, String> m = new java.util.HashMap<>();
                rec.toMap().forEach((k, v) -> m.put(k, v.strip()));
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
