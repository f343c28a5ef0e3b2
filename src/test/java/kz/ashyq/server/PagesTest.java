package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.mapping.engine.MappingEngine;
import kz.ashyq.mapping.yarrrml.YarrrmlReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages escape what came from CSV cells, and errors answer in the client's terms. */
class PagesTest {

    @Test
    void cellsAreEscapedAndErrorsFollowAccept(@TempDir Path dir) throws Exception {
        Path fixtures = Path.of("src/test/resources/fixtures");
        for (String f : new String[] {"units.yml", "other.csv"}) {
            Files.copy(fixtures.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("units.csv"), "code,name_ru,name_kk,population,opened,geo\n"
                + "1,\"<script>alert('x')</script>\",\"Астана & \"\"Co\"\"\",1,26.11.2025,\n", StandardCharsets.UTF_8);
        try (Store store = Store.open(dir.resolve("store"))) {
            new Publisher(store, LoadOptions.strict(new BaseIri("http://data.example.kz/")))
                    .publish(YarrrmlReader.read(dir.resolve("units.yml")), MappingEngine.Progress.NONE);
            AshyqServer server = AshyqServer.create(ServerConfig.builder(store.dir()).port(0).build(), store).start();
            try {
                Http http = new Http(server.port());
                String page = http.get("/doc/unit/1?lang=ru", "Accept", "text/html").body();
                assertFalse(page.contains("<script>alert"), "no raw markup from a cell");
                assertTrue(page.contains("&lt;script&gt;alert("), page);
                assertTrue(http.get("/doc/unit/1?lang=kk", "Accept", "text/html").body()
                        .contains("Астана &amp; &quot;Co&quot;"));

                HttpResponse<String> html404 = http.get("/doc/unit/404", "Accept", "text/html");
                assertEquals(404, html404.statusCode());
                assertTrue(html404.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
                HttpResponse<String> json404 = http.get("/no/such/path", "Accept", "application/json");
                assertEquals(404, json404.statusCode());
                assertTrue(json404.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
                assertTrue(json404.body().contains("\"status\":404"));

                HttpResponse<String> dataset = http.get("/doc/dataset/units?lang=en", "Accept", "text/html");
                assertEquals(200, dataset.statusCode());
                assertTrue(dataset.body().contains("<h1>Units</h1>"), dataset.body());
                assertTrue(dataset.body().contains("/dump/units.ttl"));
            } finally {
                server.stop();
            }
        }
    }
}
