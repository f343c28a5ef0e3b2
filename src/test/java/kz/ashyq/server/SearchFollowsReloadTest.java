package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kz.ashyq.search.Hit;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a reload that changes some rows, the search index holds the new labels of the things that
 * changed, no longer their old ones, and still the labels of the things that did not, the same
 * as a rebuild from the store; the first load of a dataset into an indexed store is searchable too.
 */
class SearchFollowsReloadTest {

    private static final String MAPPING = """
            prefixes:
              schema: https://schema.org/
            dataset:
              id: towns
              title: {en: Towns}
            sources:
              towns:
                access: towns.csv
                referenceFormulation: csv
            mappings:
              town:
                sources: towns
                s: id/town/$(code)
                po:
                  - [a, schema:Place]
                  - [schema:name, $(name), kk~lang]
            """;

    @Test
    void aReloadReindexesWhatChangedAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        Files.writeString(dir.resolve("towns.yml"), MAPPING, StandardCharsets.UTF_8);
        load(dir, store, "code,name\n1,Алматы\n2,Астана\n3,Шымкент\n");
        assertEquals(List.of("http://x.kz/id/town/2"), find(store, "Астана"));
        load(dir, store, "code,name\n1,Алматы\n2,Қарағанды\n3,Шымкент\n4,Түркістан\n");
        assertEquals(List.of("http://x.kz/id/town/2"), find(store, "Қарағанды"), "the changed label");
        assertEquals(List.of(), find(store, "Астана"), "the old label is gone");
        assertEquals(List.of("http://x.kz/id/town/1"), find(store, "Алматы"), "an unchanged thing is still found");
        assertEquals(List.of("http://x.kz/id/town/4"), find(store, "Туркистан"), "a new thing, letters folded");
        List<String> incremental = find(store, "а");
        try (Store s = Store.open(store); SearchIndex index = SearchIndex.open(s)) {
            assertTrue(index.inStep(s), "the index is in step with the store after the load");
            index.rebuild(s, new kz.ashyq.config.BaseIri("http://x.kz/"));
        }
        assertEquals(find(store, "а"), incremental, "the same as an index rebuilt from the store");
    }

    private static void load(Path dir, Path store, String csv) throws Exception {
        Files.writeString(dir.resolve("towns.csv"), csv, StandardCharsets.UTF_8);
        FailedReloadTest.Run r = FailedReloadTest.cli("load", "--store", store.toString(), "--base", "http://x.kz/",
                dir.resolve("towns.yml").toString());
        assertEquals(0, r.code(), r.err());
    }

    private static List<String> find(Path store, String words) {
        try (Store s = Store.open(store); SearchIndex index = SearchIndex.open(s)) {
            return index.search(words, true, "towns", null, 50).stream().map(Hit::iri).sorted().toList();
        }
    }
}
