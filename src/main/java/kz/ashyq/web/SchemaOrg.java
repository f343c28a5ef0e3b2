package kz.ashyq.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema.org JSON-LD that an entity page embeds in its head, so that search engines know
 * what the page is about: its type (the entity's schema.org type, else {@code Thing}), name,
 * identifier and URL.
 */
final class SchemaOrg {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaOrg() {}

    /**
     * The JSON-LD text, safe inside a {@code script} element: every {@code <} is written as
     * {@code \u003c}, so no cell of a CSV can close the element.
     */
    static String jsonLd(String iri, String name, String lang, List<Views.Link> types, String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@context", "https://schema.org");
        m.put("@id", iri);
        m.put("@type", types.stream().map(Views.Link::iri)
                .filter(t -> t.startsWith("https://schema.org/") || t.startsWith("http://schema.org/"))
                .map(t -> t.substring(t.lastIndexOf('/') + 1)).findFirst().orElse("Thing"));
        m.put("name", Map.of("@value", name, "@language", lang));
        m.put("identifier", iri);
        if (url != null) {
            m.put("url", url);
        }
        try {
            return JSON.writeValueAsString(m).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
