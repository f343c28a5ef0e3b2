package kz.ashyq.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.ashyq.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the saved queries come from, started inside a clone or anywhere else. */
class ShippedApisTest {

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".rq")).sorted().toList();
        }
    }

    @Test
    void outsideACloneTheShippedApisAnswer(@TempDir Path elsewhere) throws Exception {
        Path shipped = ApiRoutes.source(ServerConfig.DEFAULT_QUERIES, elsewhere);
        assertEquals(names(Path.of("queries", "api")), names(shipped));
        for (String name : names(shipped)) {
            assertEquals(Files.readString(Path.of("queries", "api", name)), Files.readString(shipped.resolve(name)), name);
        }
    }

    @Test
    void aFolderHereWinsOverTheShippedOnes(@TempDir Path here) throws Exception {
        Files.createDirectories(here.resolve("queries/api"));
        Files.writeString(here.resolve("queries/api/mine.rq"), "# name: mine\nSELECT * { ?s ?p ?o }\n");
        assertEquals(List.of("mine.rq"), names(ApiRoutes.source(ServerConfig.DEFAULT_QUERIES, here)));
    }

    @Test
    void aFolderThatIsNotThereServesNothingRatherThanTheShippedOnes(@TempDir Path here) {
        assertNull(ApiRoutes.source(Path.of("my-apis"), here));
    }
}
