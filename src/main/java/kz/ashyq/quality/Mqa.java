package kz.ashyq.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import kz.ashyq.catalog.Vocab;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;

/**
 * The EU's Metadata Quality Assessment (data.europa.eu's MQA, 405 points over five dimensions)
 * computed from the DCAT description a release writes: the indicators, their weights and the
 * rule that a distribution-level indicator scores its weight times the share of distributions
 * that meet it, and interoperability the best distribution's points. Each indicator says what
 * cost points and how to mend it ({@code docs/quality.md} maps every indicator to its rule here).
 *
 * <p>Whether a URL answers needs the network: the distributions Ashyq serves itself (under the
 * base IRI) answer by construction; any other URL is asked only when the caller gives a
 * {@link UrlCheck}, and counted as not checked otherwise.
 */
public final class Mqa {

    /** Whether a URL answers with a success, when outbound checks are allowed. */
    @FunctionalInterface
    public interface UrlCheck {
        /** True when the URL answered 2xx or 3xx. */
        boolean answers(String url);
    }

    /** Points at most. */
    public static final int MAX = 405;

    private static final String IANA = "http://www.iana.org/assignments/media-types/";
    private static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
    private static final String LICENCE = "http://publications.europa.eu/resource/authority/licence/";
    private static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
    /** Formats open and read by programs, by media type and by the EU's file-type names. */
    private static final Set<String> OPEN = Set.of("text/csv", "text/turtle", "application/n-triples",
            "application/ld+json", "application/rdf+xml", "application/n-quads", "application/trig", "application/json",
            "application/xml", "text/tab-separated-values", "application/geo+json", "CSV", "RDF_TURTLE", "RDF_N_TRIPLES",
            "JSON_LD", "RDF_XML", "RDF_N_QUADS", "RDF_TRIG", "JSON", "XML", "TSV", "GEOJSON");

    private static volatile Shapes dcatAp;

    private final Graph g;
    private final Node ds;
    private final String ownBase;
    private final UrlCheck check;

    private Mqa(Graph description, String datasetIri, String ownBase, UrlCheck check) {
        this.g = description;
        this.ds = NodeFactory.createURI(datasetIri);
        this.ownBase = ownBase;
        this.check = check;
    }

    /**
     * The indicators of {@code datasetIri} as {@code description} describes it.
     *
     * @param ownBase the base IRI Ashyq serves: URLs under it answer by construction
     * @param check asks other URLs; null when outbound checks are not allowed
     */
    public static List<Indicator> assess(Graph description, String datasetIri, String ownBase, UrlCheck check) {
        return new Mqa(description, datasetIri, ownBase, check).all();
    }

    /**
     * An indicator as the methodology defines it.
     *
     * @param key its metric's name
     * @param dimension its dimension
     * @param weight its points
     */
    public record Definition(String key, String dimension, int weight) {}

    /** Every indicator, in the methodology's order, with its weight: what pages show a measurement against. */
    public static final List<Definition> DEFINITIONS = List.of(
            new Definition("mqa-keyword", "findability", 30), new Definition("mqa-theme", "findability", 30),
            new Definition("mqa-spatial", "findability", 20), new Definition("mqa-temporal", "findability", 20),
            new Definition("mqa-access-url", "accessibility", 50), new Definition("mqa-download-url", "accessibility", 20),
            new Definition("mqa-download-url-answers", "accessibility", 30),
            new Definition("mqa-format", "interoperability", 20), new Definition("mqa-media-type", "interoperability", 10),
            new Definition("mqa-format-vocabulary", "interoperability", 10),
            new Definition("mqa-non-proprietary", "interoperability", 20),
            new Definition("mqa-machine-readable", "interoperability", 20),
            new Definition("mqa-dcat-ap", "interoperability", 30), new Definition("mqa-licence", "reusability", 20),
            new Definition("mqa-licence-vocabulary", "reusability", 10),
            new Definition("mqa-access-rights", "reusability", 10),
            new Definition("mqa-access-rights-vocabulary", "reusability", 5),
            new Definition("mqa-contact-point", "reusability", 20), new Definition("mqa-publisher", "reusability", 10),
            new Definition("mqa-rights", "contextuality", 5), new Definition("mqa-byte-size", "contextuality", 5),
            new Definition("mqa-issued", "contextuality", 5), new Definition("mqa-modified", "contextuality", 5));

    /** What to do to score an indicator, by its key. */
    public static String fix(String key) {
        return FIXES.getOrDefault(key, "");
    }

    private static final java.util.Map<String, String> FIXES = java.util.Map.ofEntries(
            java.util.Map.entry("mqa-keyword", "add keywords in each language (dataset: keywords:)"),
            java.util.Map.entry("mqa-theme", "name the EU data themes it is about (dataset: theme: [SOCI, REGI])"),
            java.util.Map.entry("mqa-spatial", "link its rows to KATO units: the oblasts they name become its spatial coverage"),
            java.util.Map.entry("mqa-temporal", "say the period its data covers (dataset: temporal: {start: …, end: …})"),
            java.util.Map.entry("mqa-access-url", "make every access URL answer"),
            java.util.Map.entry("mqa-download-url", "give a download URL of the file itself"),
            java.util.Map.entry("mqa-download-url-answers", "give download URLs of the files themselves, and make them answer"),
            java.util.Map.entry("mqa-format", "give each distribution's format by the EU's file-type table (dct:format)"),
            java.util.Map.entry("mqa-media-type", "give each distribution's IANA media type"),
            java.util.Map.entry("mqa-format-vocabulary", "name formats and media types by IRIs of their tables"),
            java.util.Map.entry("mqa-non-proprietary", "publish in an open format (CSV, RDF, JSON)"),
            java.util.Map.entry("mqa-machine-readable", "publish in a format programs read (CSV, RDF, JSON)"),
            java.util.Map.entry("mqa-dcat-ap", "describe it as DCAT-AP 3.0.0 requires"),
            java.util.Map.entry("mqa-licence", "give the licence (dataset: license: IRI)"),
            java.util.Map.entry("mqa-licence-vocabulary", "name the licence by the EU's licence authority table (http://publications.europa.eu/resource/authority/licence/CC_BY_4_0 and the like)"),
            java.util.Map.entry("mqa-access-rights", "say who may access it (dct:accessRights, PUBLIC for open data)"),
            java.util.Map.entry("mqa-access-rights-vocabulary", "name the access rights by the EU's access-right table (http://publications.europa.eu/resource/authority/access-right/PUBLIC)"),
            java.util.Map.entry("mqa-contact-point", "give the agency's e-mail or phone (the portal's description gives them)"),
            java.util.Map.entry("mqa-publisher", "name the publishing agency (dataset: publisher:)"),
            java.util.Map.entry("mqa-rights", "state the rights of each distribution (dct:rights)"),
            java.util.Map.entry("mqa-byte-size", "give each distribution's size in bytes"),
            java.util.Map.entry("mqa-issued", "give the date it was first published (dataset: issued:)"),
            java.util.Map.entry("mqa-modified", "every release records it: reload the dataset"));

    /** Excellent, good, sufficient or bad, as the methodology rates a total. */
    public static String rating(double points) {
        return points > 350 ? "excellent" : points > 220 ? "good" : points > 120 ? "sufficient" : "bad";
    }

    private List<Indicator> all() {
        List<Indicator> out = new ArrayList<>();
        List<Node> dists = objects(ds, Vocab.DCAT + "distribution");
        out.add(dataset("findability", "mqa-keyword", "dcat:keyword", 30, has(ds, Vocab.DCAT + "keyword"),
                "add keywords in each language (dataset: keywords:)"));
        out.add(dataset("findability", "mqa-theme", "dcat:theme", 30, has(ds, Vocab.DCAT + "theme"),
                "name the EU data themes it is about (dataset: theme: [SOCI, REGI])"));
        out.add(dataset("findability", "mqa-spatial", "dct:spatial", 20, has(ds, Vocab.DCT + "spatial"),
                "link its rows to KATO units: the oblasts they name become its spatial coverage"));
        out.add(dataset("findability", "mqa-temporal", "dct:temporal", 20, has(ds, Vocab.DCT + "temporal"),
                "say the period its data covers (dataset: temporal: {start: …, end: …})"));
        accessibility(dists, out);
        interoperability(dists, out);
        out.add(share("reusability", "mqa-licence", "dct:license", 20, dists, d -> has(d, Vocab.DCT + "license"),
                "give the licence (dataset: license: IRI)"));
        out.add(share("reusability", "mqa-licence-vocabulary", "dct:license from vocabulary", 10, dists,
                d -> objects(d, Vocab.DCT + "license").stream().anyMatch(l -> l.isURI() && l.getURI().startsWith(LICENCE)),
                "name the licence by the EU's licence authority table (" + LICENCE + "CC_BY_4_0 and the like)"));
        out.add(dataset("reusability", "mqa-access-rights", "dct:accessRights", 10, has(ds, Vocab.DCT + "accessRights"),
                "say who may access it (dct:accessRights, PUBLIC for open data)"));
        out.add(dataset("reusability", "mqa-access-rights-vocabulary", "dct:accessRights from vocabulary", 5,
                objects(ds, Vocab.DCT + "accessRights").stream().anyMatch(a -> a.isURI() && a.getURI().startsWith(ACCESS_RIGHT)),
                "name the access rights by the EU's access-right table (" + ACCESS_RIGHT + "PUBLIC)"));
        out.add(dataset("reusability", "mqa-contact-point", "dcat:contactPoint", 20, has(ds, Vocab.DCAT + "contactPoint"),
                "give the agency's e-mail or phone (the portal's description gives them)"));
        out.add(dataset("reusability", "mqa-publisher", "dct:publisher", 10, has(ds, Vocab.DCT + "publisher"),
                "name the publishing agency (dataset: publisher:)"));
        out.add(share("contextuality", "mqa-rights", "dct:rights", 5, dists, d -> has(d, Vocab.DCT + "rights"),
                "state the rights of each distribution (dct:rights)"));
        out.add(share("contextuality", "mqa-byte-size", "dcat:byteSize", 5, dists, d -> has(d, Vocab.DCAT + "byteSize"),
                "give each distribution's size in bytes"));
        out.add(dataset("contextuality", "mqa-issued", "dct:issued", 5, has(ds, Vocab.DCT + "issued"),
                "give the date it was first published (dataset: issued:)"));
        out.add(dataset("contextuality", "mqa-modified", "dct:modified", 5, has(ds, Vocab.DCT + "modified"),
                "every release records it: reload the dataset"));
        return out;
    }

    private void accessibility(List<Node> dists, List<Indicator> out) {
        int checked = 0;
        int answering = 0;
        int downloadChecked = 0;
        int downloadAnswering = 0;
        int withDownload = 0;
        for (Node d : dists) {
            for (Node u : objects(d, Vocab.DCAT + "accessURL")) {
                Boolean ok = answers(u.getURI());
                if (ok != null) {
                    checked++;
                    answering += ok ? 1 : 0;
                }
                break;
            }
            List<Node> downloads = objects(d, Vocab.DCAT + "downloadURL");
            if (!downloads.isEmpty()) {
                withDownload++;
                Boolean ok = answers(downloads.get(0).getURI());
                if (ok != null) {
                    downloadChecked++;
                    downloadAnswering += ok ? 1 : 0;
                }
            }
        }
        out.add(checked("mqa-access-url", "dcat:accessURL answers", 50, answering, checked, dists.size(),
                "make every access URL answer"));
        out.add(share("accessibility", "mqa-download-url", "dcat:downloadURL", 20, dists,
                d -> has(d, Vocab.DCAT + "downloadURL"), "give a download URL of the file itself"));
        out.add(checked("mqa-download-url-answers", "dcat:downloadURL answers", 30, downloadAnswering, downloadChecked,
                dists.size(), withDownload == 0 ? "give download URLs first" : "make every download URL answer"));
    }

    private Indicator checked(String key, String property, int weight, int ok, int checked, int all, String fix) {
        double points = checked == 0 ? 0 : weight * (double) ok / checked;
        String note = checked < all ? (all - checked) + " of " + all + " not checked: outbound checks are off"
                + " (ASHYQ_QUALITY_URL_CHECKS=1 allows them)" : ok < checked ? (checked - ok) + " of " + checked
                + " did not answer" : "";
        return new Indicator("accessibility", key, property, ok, checked, round(points), weight, note, fix);
    }

    /** Interoperability: the points of the distribution that scores most, as the methodology counts it. */
    private void interoperability(List<Node> dists, List<Indicator> out) {
        Node best = null;
        int bestPoints = -1;
        for (Node d : dists) {
            int p = (format(d) != null ? 20 : 0) + (mediaType(d) != null ? 10 : 0) + (fromVocabulary(d) ? 10 : 0)
                    + (open(d) ? 40 : 0);
            if (p > bestPoints) {
                bestPoints = p;
                best = d;
            }
        }
        Node b = best;
        out.add(dataset("interoperability", "mqa-format", "dct:format", 20, b != null && format(b) != null,
                "give each distribution's format by the EU's file-type table (dct:format)"));
        out.add(dataset("interoperability", "mqa-media-type", "dcat:mediaType", 10, b != null && mediaType(b) != null,
                "give each distribution's IANA media type"));
        out.add(dataset("interoperability", "mqa-format-vocabulary", "dct:format/dcat:mediaType from vocabulary", 10,
                b != null && fromVocabulary(b), "name formats and media types by IRIs of their tables"));
        out.add(dataset("interoperability", "mqa-non-proprietary", "dct:format non-proprietary", 20, b != null && open(b),
                "publish in an open format (CSV, RDF, JSON)"));
        out.add(dataset("interoperability", "mqa-machine-readable", "dct:format machine-readable", 20, b != null && open(b),
                "publish in a format programs read (CSV, RDF, JSON)"));
        List<String> violations = dcatApViolations();
        out.add(new Indicator("interoperability", "mqa-dcat-ap", "DCAT-AP compliance", violations.isEmpty() ? 1 : 0, 1,
                violations.isEmpty() ? 30 : 0, 30, violations.isEmpty() ? "" : violations.size()
                + " violations of DCAT-AP 3.0.0, first: " + violations.get(0), "describe it as DCAT-AP 3.0.0 requires"));
    }

    private String format(Node d) {
        List<Node> f = objects(d, Vocab.DCT + "format");
        return f.isEmpty() ? null : f.get(0).isURI() ? f.get(0).getURI() : f.get(0).getLiteralLexicalForm();
    }

    private String mediaType(Node d) {
        List<Node> m = objects(d, Vocab.DCAT + "mediaType");
        return m.isEmpty() ? null : m.get(0).isURI() ? m.get(0).getURI() : m.get(0).getLiteralLexicalForm();
    }

    private boolean fromVocabulary(Node d) {
        String f = format(d);
        String m = mediaType(d);
        return (f != null && f.startsWith(FILE_TYPE)) || (m != null && m.startsWith(IANA));
    }

    private boolean open(Node d) {
        String f = format(d);
        String m = mediaType(d);
        return (f != null && OPEN.contains(f.substring(f.lastIndexOf('/') + 1)))
                || (m != null && OPEN.contains(m.startsWith(IANA) ? m.substring(IANA.length()) : m));
    }

    private List<String> dcatApViolations() {
        if (dcatAp == null) {
            try (var in = Mqa.class.getClassLoader().getResourceAsStream("shapes/dcat-ap-3.0.0-SHACL.ttl")) {
                Graph shapes = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
                org.apache.jena.riot.RDFParser.source(in).lang(org.apache.jena.riot.Lang.TURTLE).parse(shapes);
                dcatAp = Shapes.parse(shapes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ShaclValidator.get().validate(dcatAp, g).getEntries().stream()
                .filter(e -> e.severity() == org.apache.jena.shacl.validation.Severity.Violation)
                .map(e -> e.focusNode() + " " + e.message()).toList();
    }

    /** True or false when the URL's answer is known, null when it was not asked. */
    private Boolean answers(String url) {
        if (url.startsWith(ownBase)) {
            return true; // Ashyq serves it: its dumps, streams and pages answer while it serves
        }
        return check == null ? null : check.answers(url);
    }

    private Indicator dataset(String dimension, String key, String property, int weight, boolean has, String fix) {
        return new Indicator(dimension, key, property, has ? 1 : 0, 1, has ? weight : 0, weight, has ? "" : "missing", fix(key));
    }

    private Indicator share(String dimension, String key, String property, int weight, List<Node> dists,
            Predicate<Node> meets, String fix) {
        int n = (int) dists.stream().filter(meets).count();
        double points = dists.isEmpty() ? 0 : weight * (double) n / dists.size();
        return new Indicator(dimension, key, property, n, dists.size(), round(points), weight,
                n < dists.size() ? (dists.size() - n) + " of " + dists.size() + " distributions lack it" : "", fix);
    }

    private boolean has(Node s, String p) {
        return g.contains(s, NodeFactory.createURI(p), Node.ANY);
    }

    private List<Node> objects(Node s, String p) {
        return g.find(s, NodeFactory.createURI(p), Node.ANY).mapWith(t -> t.getObject()).toList();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
