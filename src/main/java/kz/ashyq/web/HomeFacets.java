package kz.ashyq.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The home page's list of datasets, browsed as the portal's is: by agency and by theme, each with
 * its count, and narrowed to one of them by {@code ?agency=} (the agency's slug, the last part of
 * its IRI) or {@code ?theme=} (the theme's label).
 */
final class HomeFacets {

    private HomeFacets() {}

    static Map<String, Object> model(List<Views.DatasetLine> all, String agency, String theme) {
        Map<String, long[]> agencies = new TreeMap<>();
        Map<String, String> agencyNames = new TreeMap<>();
        Map<String, long[]> themes = new TreeMap<>();
        for (Views.DatasetLine d : all) {
            if (d.publisherIri() != null) {
                String slug = slug(d.publisherIri());
                agencies.computeIfAbsent(slug, k -> new long[1])[0]++;
                agencyNames.put(slug, d.publisher().isEmpty() ? slug : d.publisher());
            }
            d.themes().forEach(t -> themes.computeIfAbsent(t, k -> new long[1])[0]++);
        }
        List<Views.DatasetLine> shown = all.stream()
                .filter(d -> agency == null || d.publisherIri() != null && slug(d.publisherIri()).equals(agency))
                .filter(d -> theme == null || d.themes().contains(theme)).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("datasets", shown);
        m.put("agencies", facets(agencies, agencyNames, agency));
        m.put("themes", facets(themes, null, theme));
        m.put("narrowed", agency != null || theme != null);
        return m;
    }

    private static List<Views.Facet> facets(Map<String, long[]> counts, Map<String, String> names, String selected) {
        List<Views.Facet> out = new ArrayList<>();
        counts.forEach((key, n) -> out.add(new Views.Facet(key, names == null ? key : names.get(key), n[0],
                key.equals(selected))));
        out.sort(Comparator.comparingLong(Views.Facet::count).reversed().thenComparing(Views.Facet::label));
        return out;
    }

    private static String slug(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }
}
