package kz.ashyq.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dataset id a mapping without a declared one takes from its file name. */
class DatasetIdTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "kato-2025.yml, kato-2025",
        "registry.rml.ttl, registry",
        "registry.yarrrml.yaml, registry",
        "Post_Offices.yml, post-offices",
        "__Museums and theatres__.ttl, museums-and-theatres",
        "rml, rml",
        "Мектептер.yml, mektepter",
        "Почтовые отделения.yml, pochtovye-otdeleniia",
    })
    void theFileNameUpToItsFirstDotMadeAnId(String file, String id) {
        assertEquals(id, new Mapping(Path.of("mappings", file), Optional.empty(), Map.of()).datasetId());
    }

    @Test
    void aDeclaredIdWins() {
        DatasetInfo info = new DatasetInfo("schools", Map.of("en", "Schools"), Map.of(), Map.of(), null, null,
                Map.of(), null, null);
        assertEquals("schools", new Mapping(Path.of("registry.rml.ttl"), Optional.of(info), Map.of()).datasetId());
    }

    @Test
    void aNameWithNothingToMakeAnIdOfIsAMappingError() {
        Mapping m = new Mapping(Path.of("mappings", "№ ✓.yml"), Optional.empty(), Map.of());
        MappingException e = assertThrows(MappingException.class, m::datasetId);
        assertTrue(e.getMessage().contains("№ ✓.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset: id:"), e.getMessage());
    }
}
