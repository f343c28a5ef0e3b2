package kz.ashyq.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which language a page speaks and in which order labels are picked: {@code ?lang=}, then the
 * {@code lang} cookie a switch left, then {@code Accept-Language}, then Kazakh, Russian, English,
 * then any label at all.
 */
public final class Languages {

    /** The languages of the interface. */
    public static final List<String> UI = List.of("kk", "ru", "en");

    private Languages() {}

    /** The interface language for a request. */
    public static String choose(String param, String cookie, String acceptLanguage) {
        if (param != null && UI.contains(param)) {
            return param;
        }
        if (cookie != null && UI.contains(cookie)) {
            return cookie;
        }
        for (String tag : acceptLanguage(acceptLanguage)) {
            if (UI.contains(tag)) {
                return tag;
            }
        }
        return UI.get(0);
    }

    /** Primary language subtags of an {@code Accept-Language} header, best first. */
    static List<String> acceptLanguage(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        record Tag(String lang, double q) {}
        List<Tag> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] p = part.strip().split(";");
            String lang = p[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < p.length; i++) {
                if (p[i].strip().startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p[i].strip().substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            int dash = lang.indexOf('-');
            if (q > 0 && !lang.isEmpty()) {
                tags.add(new Tag(dash > 0 ? lang.substring(0, dash) : lang, q));
            }
        }
        tags.sort((a, b) -> Double.compare(b.q(), a.q()));
        tags.forEach(t -> out.add(t.lang()));
        return out;
    }

    /** The order labels are tried in for a page in {@code lang}. */
    public static List<String> chain(String lang) {
        Set<String> s = new LinkedHashSet<>();
        s.add(lang);
        s.addAll(UI);
        s.add("");
        return new ArrayList<>(s);
    }

    /** The best of a resource's labels by language tag ("" for none); any label when none fits. */
    public static String pick(Map<String, String> byLang, String lang) {
        for (String l : chain(lang)) {
            String v = byLang.get(l);
            if (v != null) {
                return v;
            }
        }
        for (Map.Entry<String, String> e : byLang.entrySet()) {
            String primary = e.getKey().contains("-") ? e.getKey().substring(0, e.getKey().indexOf('-')) : e.getKey();
            if (primary.equals(lang)) {
                return e.getValue();
            }
        }
        return byLang.isEmpty() ? null : byLang.values().iterator().next();
    }
}
