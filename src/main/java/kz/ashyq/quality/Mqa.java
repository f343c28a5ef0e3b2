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
     * @param property what it looks at, as the methodology names it
     * @param weight its points
     * @param fix what to do to score it
     */
    public record Definition(String key, String dimension, String property, int weight, String fix) {}

    /** Every indicator, in the methodology's order: what is scored, and what pages show a measurement against. */
    public static final List<Definition> DEFINITIONS = List.of(
            new Definition("mqa-keyword", "findability", "dcat:keyword", 30,
                    "add keywords in each language (dataset: keywords:)"),
            new Definition("mqa-theme", "findability", "dcat:theme", 30,
                    "name the EU data themes it is about (dataset: theme: [SOCI, REGI])"),
            new Definition("mqa-spatial", "findability", "dct:spatial", 20,
                    "link its rows to KATO units: the oblasts they name become its spatial coverage"),
            new Definition("mqa-temporal", "findability", "dct:temporal", 20,
                    "say the period its data covers (dataset: temporal: {start: …, end: …})"),
            new Definition("mqa-access-url", "accessibility", "dcat:accessURL answers", 50, "make every access URL answer"),
            new Definition("mqa-download-url", "accessibility", "dcat:downloadURL", 20,
                    "give a download URL of the file itself"),
            new Definition("mqa-download-url-answers", "accessibility", "dcat:downloadURL answers", 30,
                    "give download URLs of the files themselves, and make them answer"),
            new Definition("mqa-format", "interoperability", "dct:format", 20,
                    "give each distribution's format by the EU's file-type table (dct:format)"),
            new Definition("mqa-media-type", "interoperability", "dcat:mediaType", 10,
                    "give each distribution's IANA media type"),
            new Definition("mqa-format-vocabulary", "interoperability", "dct:format/dcat:mediaType from vocabulary", 10,
                    "name formats and media types by IRIs of their tables"),
            new Definition("mqa-non-proprietary", "interoperability", "dct:format non-proprietary", 20,
                    "publish in an open format (CSV, RDF, JSON)"),
            new Definition("mqa-machine-readable", "interoperability", "dct:format machine-readable", 20,
                    "publish in a format programs read (CSV, RDF, JSON)"),
            new Definition("mqa-dcat-ap", "interoperability", "DCAT-AP compliance", 30,
                    "describe it as DCAT-AP 3.0.0 requires"),
            new Definition("mqa-licence", "reusability", "dct:license", 20, "give the licence (dataset: license: IRI)"),
            new Definition("mqa-licence-vocabulary", "reusability", "dct:license from vocabulary", 10,
                    "name the licence by the EU's licence authority table (" + LICENCE + "CC_BY_4_0 and the like)"),
            new Definition("mqa-access-rights", "reusability", "dct:accessRights", 10,
                    "say who may access it (dct:accessRights, PUBLIC for open data)"),
            new Definition("mqa-access-rights-vocabulary", "reusability", "dct:accessRights from vocabulary", 5,
                    "name the access rights by the EU's access-right table (" + ACCESS_RIGHT + "PUBLIC)"),
            new Definition("mqa-contact-point", "reusability", "dcat:contactPoint", 20,
                    "give the agency's e-mail or phone (the portal's description gives them)"),
            new Definition("mqa-publisher", "reusability", "dct:publisher", 10,
                    "name the publishing agency (dataset: publisher:)"),
            new Definition("mqa-rights", "contextuality", "dct:rights", 5,
                    "state the rights of each distribution (dct:rights)"),
            new Definition("mqa-byte-size", "contextuality", "dcat:byteSize", 5, "give each distribution's size in bytes"),
            new Definition("mqa-issued", "contextuality", "dct:issued", 5,
                    "give the date it was first published (dataset: issued:)"),
            new Definition("mqa-modified", "contextuality", "dct:modified", 5,
                    "every release records it: reload the dataset"));

    private static final java.util.Map<String, Definition> BY_KEY = DEFINITIONS.stream()
            .collect(java.util.stream.Collectors.toMap(Definition::key, d -> d));

    /** What to do to score an indicator, by its key. */
    public static String fix(String key) {
        Definition d = BY_KEY.get(key);
        return d == null ? "" : d.fix();
    }

    /** Excellent, good, sufficient or bad, as the methodology rates a total. */
    public static String rating(double points) {
        return points > 350 ? "excellent" : points > 220 ? "good" : points > 120 ? "sufficient" : "bad";
    }

    private List<Indicator> all() {
        List<Indicator> out = new ArrayList<>();
        List<Node> dists = objects(ds, Vocab.DCAT + "distribution");
        out.add(dataset("mqa-keyword", has(ds, Vocab.DCAT + "keyword")));
        out.add(dataset("mqa-theme", has(ds, Vocab.DCAT + "theme")));
        out.add(dataset("mqa-spatial", has(ds, Vocab.DCT + "spatial")));
        out.add(dataset("mqa-temporal", has(ds, Vocab.DCT + "temporal")));
        accessibility(dists, out);
        interoperability(dists, out);
        out.add(share("mqa-licence", dists, d -> has(d, Vocab.DCT + "license")));
        out.add(share("mqa-licence-vocabulary", dists,
                d -> objects(d, Vocab.DCT + "license").stream().anyMatch(l -> l.isURI() && l.getURI().startsWith(LICENCE))));
        out.add(dataset("mqa-access-rights", has(ds, Vocab.DCT + "accessRights")));
        out.add(dataset("mqa-access-rights-vocabulary",
                objects(ds, Vocab.DCT + "accessRights").stream().anyMatch(a -> a.isURI() && a.getURI().startsWith(ACCESS_RIGHT))));
        out.add(dataset("mqa-contact-point", has(ds, Vocab.DCAT + "contactPoint")));
        out.add(dataset("mqa-publisher", has(ds, Vocab.DCT + "publisher")));
        out.add(share("mqa-rights", dists, d -> has(d, Vocab.DCT + "rights")));
        out.add(share("mqa-byte-size", dists, d -> has(d, Vocab.DCAT + "byteSize")));
        out.add(dataset("mqa-issued", has(ds, Vocab.DCT + "issued")));
        out.add(dataset("mqa-modified", has(ds, Vocab.DCT + "modified")));
        return out;
    }

    private void accessibility(List<Node> dists, List<Indicator> out) {
        int[] access = new int[2];
        int[] download = new int[2];
        for (Node d : dists) {
            // the first URL of each kind stands for the distribution
            objects(d, Vocab.DCAT + "accessURL").stream().findFirst().ifPresent(u -> count(u, access));
            objects(d, Vocab.DCAT + "downloadURL").stream().findFirst().ifPresent(u -> count(u, download));
        }
        out.add(checked("mqa-access-url", access, dists.size()));
        out.add(share("mqa-download-url", dists, d -> has(d, Vocab.DCAT + "downloadURL")));
        out.add(checked("mqa-download-url-answers", download, dists.size()));
    }

    /** Counts a URL in {@code tally}: [checked, answering]; a URL not asked is not counted. */
    private void count(Node url, int[] tally) {
        Boolean ok = answers(url.getURI());
        if (ok != null) {
            tally[0]++;
            tally[1] += ok ? 1 : 0;
        }
    }

    private Indicator checked(String key, int[] tally, int all) {
        Definition def = BY_KEY.get(key);
        int checked = tally[0];
        int ok = tally[1];
        double points = checked == 0 ? 0 : def.weight() * (double) ok / checked;
        String note = checked < all ? (all - checked) + " of " + all + " not checked: outbound checks are off"
                + " (ASHYQ_QUALITY_URL_CHECKS=1 allows them)" : ok < checked ? (checked - ok) + " of " + checked
                + " did not answer" : "";
        return indicator(def, ok, checked, round(points), note);
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
        out.add(dataset("mqa-format", b != null && format(b) != null));
        out.add(dataset("mqa-media-type", b != null && mediaType(b) != null));
        out.add(dataset("mqa-format-vocabulary", b != null && fromVocabulary(b)));
        out.add(dataset("mqa-non-proprietary", b != null && open(b)));
        out.add(dataset("mqa-machine-readable", b != null && open(b)));
        List<String> violations = dcatApViolations();
        Definition dcatAp = BY_KEY.get("mqa-dcat-ap");
        out.add(indicator(dcatAp, violations.isEmpty() ? 1 : 0, 1, violations.isEmpty() ? dcatAp.weight() : 0,
                violations.isEmpty() ? "" : violations.size() + " violations of DCAT-AP 3.0.0, first: " + violations.get(0)));
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

    private Indicator dataset(String key, boolean has) {
        Definition def = BY_KEY.get(key);
        return indicator(def, has ? 1 : 0, 1, has ? def.weight() : 0, has ? "" : "missing");
    }

    private Indicator share(String key, List<Node> dists, Predicate<Node> meets) {
        Definition def = BY_KEY.get(key);
        int n = (int) dists.stream().filter(meets).count();
        double points = dists.isEmpty() ? 0 : def.weight() * (double) n / dists.size();
        return indicator(def, n, dists.size(), round(points),
                n < dists.size() ? (dists.size() - n) + " of " + dists.size() + " distributions lack it" : "");
    }

    private static Indicator indicator(Definition def, int count, int population, double points, String note) {
        return new Indicator(def.dimension(), def.key(), def.property(), count, population, points, def.weight(), note,
                def.fix());
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
