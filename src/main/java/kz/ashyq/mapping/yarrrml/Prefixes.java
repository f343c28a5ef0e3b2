package kz.ashyq.mapping.yarrrml;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.Suggest;
import kz.ashyq.mapping.functions.Functions;

/**
 * The prefixes of a YARRRML mapping: the predeclared ones ({@link #WELL_KNOWN}) and those its
 * {@code prefixes:} block declares. A prefixed name whose prefix is not declared is a mistake
 * reported where it is written, never an IRI: {@code sdo:address} had become the IRI
 * {@code <sdo:address>}, and {@code [a, sdo:Bank]} the literal {@code "sdo:Bank"}.
 */
public final class Prefixes {

    /** The prefixes every mapping may use without declaring them: the well-known ones and the functions'. */
    public static final Map<String, String> WELL_KNOWN = withFunctions();

    private static Map<String, String> withFunctions() {
        Map<String, String> m = new HashMap<>(kz.ashyq.config.Namespaces.WELL_KNOWN);
        m.put("ashyqfn", Functions.NS);
        m.put("grel", "http://users.ugent.be/~bjdmeest/function/grel.ttl#");
        return Map.copyOf(m);
    }

    static final String RDF_TYPE = WELL_KNOWN.get("rdf") + "type";

    /** IRI schemes a mapping writes out in full: {@code urn:}, {@code mailto:} and the like. */
    private static final Set<String> SCHEMES = Set.of("http", "https", "urn", "mailto", "tel", "ftp", "file", "geo",
            "tag", "doi", "info", "data");
    /** Prefixes people write for namespaces that Ashyq names otherwise. */
    private static final Map<String, String> ALIASES = Map.of("sdo", "schema", "dcterms", "dct", "dc", "dct",
            "wgs84", "geo", "wgs", "geo", "gsp", "geosparql", "ogc", "geosparql");

    private final Map<String, String> declared = new HashMap<>(WELL_KNOWN);

    void declare(String prefix, String namespace) {
        declared.put(prefix, namespace);
    }

    /** {@code prefix:local} with a declared prefix, no space and no {@code //}. */
    boolean isPrefixedName(String v) {
        int colon = v.indexOf(':');
        return colon > 0 && declared.containsKey(v.substring(0, colon)) && !v.contains(" ")
                && !v.substring(colon + 1).startsWith("//");
    }

    /**
     * Expands a prefixed name; an absolute IRI or text without a colon is returned as it is.
     *
     * @throws MappingException for a prefixed name whose prefix is not declared
     */
    String expand(String text, Yaml at) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon);
            String ns = declared.get(prefix);
            if (ns != null && !text.startsWith(prefix + "://")) {
                return ns + text.substring(colon + 1);
            }
            if (ns == null && looksPrefixed(text, colon)) {
                throw unknown(prefix, text, at);
            }
        }
        return text;
    }

    /** A datatype: an IRI, mostly {@code xsd:}. */
    String datatype(String text, Yaml at) {
        if (text.indexOf(':') < 0) {
            throw new MappingException(at.where(), "the datatype '" + text + "' is not an IRI (did you mean 'xsd:" + text
                    + "'?); a language tag is written " + text + "~lang");
        }
        return expand(text, at);
    }

    /** {@code word:rest}, with no space and no {@code //}, whose word is no IRI scheme: a prefixed name. */
    private static boolean looksPrefixed(String text, int colon) {
        String prefix = text.substring(0, colon);
        return prefix.matches("[A-Za-z][A-Za-z0-9_.-]*") && !SCHEMES.contains(prefix.toLowerCase(Locale.ROOT))
                && !text.contains(" ") && !text.substring(colon + 1).startsWith("//");
    }

    private MappingException unknown(String prefix, String text, Yaml at) {
        String hint = ALIASES.containsKey(prefix) && declared.containsKey(ALIASES.get(prefix))
                ? " (did you mean '" + ALIASES.get(prefix) + ":', " + declared.get(ALIASES.get(prefix)) + "?)"
                : Suggest.didYouMean(prefix, declared.keySet());
        return new MappingException(at.where(), "'" + text + "' uses the prefix '" + prefix + "', which is not declared"
                + hint + ": declare it under prefixes: (" + prefix + ": https://…), or write the IRI in full; "
                + "predeclared: " + new TreeSet<>(WELL_KNOWN.keySet()));
    }
}
