package kz.ashyq.catalog;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kz.ashyq.config.BaseIri;
import kz.ashyq.mapping.DatasetInfo;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Describes one release of a dataset as DCAT (dataset, distributions, publisher, catalogue
 * record), VoID (counts, class and property partitions, endpoint, dumps) and PROV (the load
 * activity). The graph goes into the dataset's own catalogue graph, replaced with its data.
 */
public final class CatalogBuilder {

    /** The RDF dump formats served for every dataset, in the order pages list them: extension to media type. */
    public static final Map<String, String> DUMPS = dumps();

    private static Map<String, String> dumps() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ttl", "text/turtle");
        m.put("nt", "application/n-triples");
        m.put("nt.gz", "application/n-triples");
        m.put("jsonld", "application/ld+json");
        return Collections.unmodifiableMap(m);
    }

    /** The EU data-theme authority table, which DCAT-AP recommends for dcat:theme. */
    private static final String THEMES = "http://publications.europa.eu/resource/authority/data-theme/";

    /** The English labels of the EU data themes, as the authority table gives them. */
    private static final Map<String, String> THEME_LABELS = Map.ofEntries(
            Map.entry("AGRI", "Agriculture, fisheries, forestry and food"), Map.entry("ECON", "Economy and finance"),
            Map.entry("EDUC", "Education, culture and sport"), Map.entry("ENER", "Energy"),
            Map.entry("ENVI", "Environment"), Map.entry("GOVE", "Government and public sector"),
            Map.entry("HEAL", "Health"), Map.entry("INTR", "International issues"),
            Map.entry("JUST", "Justice, legal system and public safety"), Map.entry("REGI", "Regions and cities"),
            Map.entry("SOCI", "Population and society"), Map.entry("TECH", "Science and technology"),
            Map.entry("TRAN", "Transport"));

    /** Graphs beside the datasets' that hold no dataset: Ashyq's vocabulary, accepted links. */
    private static final java.util.Set<String> NOT_DATASETS = java.util.Set.of("vocab", "links");

    private final BaseIri base;
    private final Graph g = GraphFactory.createDefaultGraph();

    private CatalogBuilder(BaseIri base) {
        this.base = base;
    }

    /** The IRI of a dataset's catalogue graph. */
    public static String catalogGraph(BaseIri base, String datasetId) {
        return base.catalogGraph(datasetId);
    }

    /** The IRI of a dataset. */
    public static String datasetIri(BaseIri base, String datasetId) {
        return base.dataset(datasetId);
    }

    /** The catalogue's description of one release. */
    public static Graph describe(BaseIri base, Release release) {
        CatalogBuilder b = new CatalogBuilder(base);
        b.build(release);
        return b.g;
    }

    private void build(Release r) {
        DatasetInfo info = r.info();
        String id = info.id();
        Node catalog = iri(base.catalog());
        Node ds = iri(datasetIri(base, id));
        Node record = iri(base.thing("record/" + id));
        Node service = iri(base.thing("service/sparql"));

        add(catalog, RDF.type.asNode(), iri(Vocab.DCAT + "Catalog"));
        add(catalog, dct("title"), lit("Ashyq — Kazakhstan open data as linked data", "en"));
        add(catalog, dct("description"), lit("Datasets of Kazakh agencies published as linked data by Ashyq.", "en"));
        add(catalog, dct("publisher"), iri(base.agency("ashyq")));
        add(iri(base.agency("ashyq")), RDF.type.asNode(), iri(Vocab.FOAF + "Agent"));
        add(iri(base.agency("ashyq")), iri(Vocab.FOAF + "name"), lit("Ashyq", "en"));
        add(catalog, dcat("dataset"), ds);
        add(catalog, dcat("record"), record);
        add(catalog, dcat("service"), service);
        add(service, RDF.type.asNode(), dcat("DataService"));
        add(service, dct("title"), lit("Ashyq SPARQL endpoint", "en"));
        add(service, dcat("endpointURL"), resource(base.sparql()));
        add(service, dct("conformsTo"), typedIri("https://www.w3.org/TR/sparql11-protocol/", Vocab.DCT + "Standard"));
        add(service, dcat("servesDataset"), ds);

        add(record, RDF.type.asNode(), dcat("CatalogRecord"));
        add(record, iri(Vocab.FOAF + "primaryTopic"), ds);
        add(record, dct("modified"), dateTime(r.ended().toString()));

        add(ds, RDF.type.asNode(), dcat("Dataset"));
        add(ds, RDF.type.asNode(), dcat("Resource"));
        add(ds, RDF.type.asNode(), iri(Vocab.VOID + "Dataset"));
        info.title().forEach((lang, t) -> add(ds, dct("title"), lit(t, lang)));
        info.title().forEach((lang, t) -> add(ds, RDFS.label.asNode(), lit(t, lang)));
        info.description().forEach((lang, t) -> add(ds, dct("description"), lit(t, lang)));
        info.keywords().forEach((lang, list) -> list.forEach(k -> add(ds, dcat("keyword"), lit(k, lang))));
        if (info.license() != null) {
            add(ds, dct("license"), license(info.license()));
        }
        if (info.issued() != null) {
            add(ds, dct("issued"), typed(info.issued(), XSDDatatype.XSDdate));
        }
        add(ds, dct("modified"), dateTime(r.ended().toString()));
        add(ds, dct("identifier"), lit(id, null));
        // open data: whoever may read the endpoint may read every dataset
        add(ds, dct("accessRights"), typedIri(Authorities.PUBLIC, Vocab.DCT + "RightsStatement"));
        for (String theme : info.themes()) {
            Node concept = typedIri(THEMES + theme, Vocab.SKOS + "Concept");
            add(ds, dcat("theme"), concept);
            add(concept, iri(Vocab.SKOS + "inScheme"), iri(THEMES.substring(0, THEMES.length() - 1)));
            add(concept, iri(Vocab.SKOS + "prefLabel"), lit(THEME_LABELS.get(theme), "en"));
        }
        if (info.frequency() != null) {
            add(ds, dct("accrualPeriodicity"), typedIri("http://publications.europa.eu/resource/authority/frequency/"
                    + info.frequency(), Vocab.DCT + "Frequency"));
        }
        if (info.temporal() != null) {
            Node period = iri(datasetIri(base, id) + "/period");
            add(ds, dct("temporal"), period);
            add(period, RDF.type.asNode(), dct("PeriodOfTime"));
            if (info.temporal().start() != null) {
                add(period, dcat("startDate"), typed(info.temporal().start(), XSDDatatype.XSDdate));
            }
            if (info.temporal().end() != null) {
                add(period, dcat("endDate"), typed(info.temporal().end(), XSDDatatype.XSDdate));
            }
        }
        for (String oblast : r.spatial()) {
            add(ds, dct("spatial"), typedIri(oblast, Vocab.DCT + "Location"));
        }
        linksets(ds, r);
        portalRecord(ds, info.sourceUrl());
        publisher(ds, info);
        distributions(ds, r);
        voidStats(ds, r);
        provenance(ds, r);
    }

    /** A page or API of data.egov.kz names the dataset there: {@code ?index=NAME} or {@code /api/v4/NAME/vN}. */
    private static final java.util.regex.Pattern PORTAL = java.util.regex.Pattern.compile(
            "https://data\\.egov\\.kz/(?:datasets/view\\?index=|api/v4/)([A-Za-z0-9_.-]+)");

    /**
     * A dataset published from one of data.egov.kz's is derived from that dataset's record in the
     * portal's catalogue ({@code mappings/portal-catalogue.yml}), which links back to it.
     */
    private void portalRecord(Node ds, String sourceUrl) {
        java.util.regex.Matcher m = PORTAL.matcher(sourceUrl == null ? "" : sourceUrl);
        if (m.lookingAt()) {
            Node record = iri(base.thing("portal-dataset/" + m.group(1)));
            add(ds, iri(Vocab.PROV + "wasDerivedFrom"), record);
            add(record, dct("relation"), ds);
        }
    }

    private void publisher(Node ds, DatasetInfo info) {
        if (info.publisher().isEmpty()) {
            return;
        }
        String name = info.publisher().getOrDefault("en", info.publisher().values().iterator().next());
        Node agent = iri(base.agency(slug(name)));
        add(ds, dct("publisher"), agent);
        add(agent, RDF.type.asNode(), iri(Vocab.FOAF + "Agent"));
        info.publisher().forEach((lang, n) -> add(agent, iri(Vocab.FOAF + "name"), lit(n, lang)));
        info.publisher().forEach((lang, n) -> add(agent, RDFS.label.asNode(), lit(n, lang)));
        if (info.publisherUrl() != null) {
            add(agent, iri(Vocab.FOAF + "homepage"), iri(info.publisherUrl()));
        }
        DatasetInfo.Portal portal = info.portal();
        boolean email = portal != null && portal.email() != null && portal.email().matches("[^@\\s]+@[^@\\s]+");
        boolean phone = portal != null && portal.phone() != null;
        if (info.publisherUrl() != null || email || phone) {
            Node contact = iri(base.agency(slug(name) + "/contact"));
            add(ds, dcat("contactPoint"), contact);
            add(contact, RDF.type.asNode(), iri(Vocab.VCARD + "Organization"));
            add(contact, RDF.type.asNode(), iri(Vocab.VCARD + "Kind"));
            add(contact, iri(Vocab.VCARD + "fn"), lit(name, null));
            if (info.publisherUrl() != null) {
                add(contact, iri(Vocab.VCARD + "hasURL"), iri(info.publisherUrl()));
            }
            if (email) {
                add(contact, iri(Vocab.VCARD + "hasEmail"), iri("mailto:" + portal.email()));
            }
            if (phone) {
                add(contact, iri(Vocab.VCARD + "hasTelephone"), iri("tel:" + portal.phone().replaceAll("[^+0-9]", "")));
            }
        }
    }

    /**
     * The columns of a source as the portal describes them, as a CSVW table schema: names,
     * titles in each language, and the portal's type mapped to an XSD datatype.
     */
    private void tableSchema(Node dist, DatasetInfo.Portal portal) {
        Node schema = iri(dist.getURI() + "/schema");
        add(dist, iri(Vocab.CSVW + "tableSchema"), schema);
        add(schema, RDF.type.asNode(), iri(Vocab.CSVW + "Schema"));
        for (DatasetInfo.Field f : portal.fields()) {
            Node col = iri(schema.getURI() + "/" + slug(f.name()));
            add(schema, iri(Vocab.CSVW + "column"), col);
            add(col, RDF.type.asNode(), iri(Vocab.CSVW + "Column"));
            add(col, iri(Vocab.CSVW + "name"), lit(f.name(), null));
            f.labels().forEach((lang, l) -> add(col, iri(Vocab.CSVW + "title"), lit(l, lang)));
            add(col, iri(Vocab.CSVW + "datatype"), lit(switch (f.type().toLowerCase(java.util.Locale.ROOT)) {
                case "int", "integer", "long" -> "integer";
                case "double", "float", "decimal" -> "double";
                case "boolean", "bool" -> "boolean";
                case "date" -> "date";
                default -> "string";
            }, null));
        }
    }

    private void distributions(Node ds, Release r) {
        String id = r.info().id();
        for (SourceFile f : r.sources()) {
            Node dist = iri(base.distribution(id, "source/" + slug(f.name())));
            add(ds, dcat("distribution"), dist);
            add(dist, RDF.type.asNode(), dcat("Distribution"));
            add(dist, dct("title"), lit("Source CSV " + f.name(), "en"));
            Node access = iri(r.info().sourceUrl() != null ? r.info().sourceUrl() : base.dataset(id));
            add(dist, dcat("accessURL"), resource(access.getURI()));
            add(dist, dcat("mediaType"), mediaType("text/csv"));
            add(dist, dct("format"), fileType("CSV"));
            add(dist, dcat("byteSize"), typed(Long.toString(f.bytes()), XSDDatatype.XSDnonNegativeInteger));
            Node checksum = iri(dist.getURI() + "/checksum");
            add(dist, iri(Vocab.SPDX + "checksum"), checksum);
            add(checksum, RDF.type.asNode(), iri(Vocab.SPDX + "Checksum"));
            add(checksum, iri(Vocab.SPDX + "algorithm"),
                    typedIri(Vocab.SPDX + "checksumAlgorithm_sha256", Vocab.SPDX + "ChecksumAlgorithm"));
            add(checksum, iri(Vocab.SPDX + "checksumValue"), typed(f.sha256(), XSDDatatype.XSDhexBinary));
            if (r.info().license() != null) {
                add(dist, dct("license"), license(r.info().license()));
            }
            if (r.info().portal() != null && !r.info().portal().fields().isEmpty()) {
                tableSchema(dist, r.info().portal());
            }
        }
        for (Map.Entry<String, String> dump : DUMPS.entrySet()) {
            Node url = iri(base.dump(id + "." + dump.getKey()));
            Node dist = iri(base.distribution(id, dump.getKey().replace('.', '-')));
            add(ds, dcat("distribution"), dist);
            add(dist, RDF.type.asNode(), dcat("Distribution"));
            add(dist, dct("title"), lit("RDF dump (" + dump.getValue() + ")", "en"));
            add(dist, dcat("accessURL"), resource(url.getURI()));
            add(dist, dcat("downloadURL"), url);
            add(dist, dcat("mediaType"), mediaType(dump.getValue()));
            add(dist, dct("format"), fileType(Authorities.fileType(dump.getValue())));
            if (dump.getKey().endsWith(".gz")) {
                add(dist, dcat("compressFormat"), mediaType("application/gzip"));
            }
            if (r.info().license() != null) {
                add(dist, dct("license"), license(r.info().license()));
            }
            add(ds, iri(Vocab.VOID + "dataDump"), url);
        }
        // the releases as a Linked Data Event Stream, for followers that want what changed
        Node ldes = iri(base.distribution(id, "ldes"));
        add(ds, dcat("distribution"), ldes);
        add(ldes, RDF.type.asNode(), dcat("Distribution"));
        add(ldes, dct("title"), lit("Linked Data Event Stream of its releases", "en"));
        add(ldes, dcat("accessURL"), resource(base.ldes(id)));
        add(ldes, dcat("mediaType"), mediaType("text/turtle"));
        add(ldes, dct("format"), fileType("RDF_TURTLE"));
        add(ldes, dct("conformsTo"), typedIri("https://w3id.org/ldes/specification", Vocab.DCT + "Standard"));
        if (r.info().license() != null) {
            add(ldes, dct("license"), license(r.info().license()));
        }
    }

    /**
     * A dataset's linksets alone, to replace those of its catalogue graph once the datasets it
     * links to are loaded (a dataset loaded before its targets found none).
     */
    public static Graph linksets(BaseIri base, String datasetId, Map<String, Map<String, Long>> linksets) {
        CatalogBuilder b = new CatalogBuilder(base);
        b.linksets(iri(datasetIri(base, datasetId)), datasetId, linksets);
        return b.g;
    }

    /**
     * A dataset's linksets as its catalogue graph describes them: by the graph of their target,
     * by predicate, the triples ({@link #linksets(BaseIri, String, Map)} read back).
     */
    public static Map<String, Map<String, Long>> readLinksets(BaseIri base, String datasetId, Graph catalog) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        String prefix = datasetIri(base, datasetId) + "/linkset/";
        String datasets = base.dataset("");
        catalog.find(Node.ANY, iri(Vocab.VOID + "objectsTarget"), Node.ANY).forEach(t -> {
            Node ls = t.getSubject();
            if (!ls.isURI() || !ls.getURI().startsWith(prefix) || !t.getObject().isURI()
                    || !t.getObject().getURI().startsWith(datasets)) {
                return;
            }
            String target = base.graph(t.getObject().getURI().substring(datasets.length()));
            var p = catalog.find(ls, iri(Vocab.VOID + "linkPredicate"), Node.ANY).nextOptional();
            var n = catalog.find(ls, iri(Vocab.VOID + "triples"), Node.ANY).nextOptional();
            if (p.isPresent() && n.isPresent()) {
                out.computeIfAbsent(target, k -> new java.util.TreeMap<>()).put(p.get().getObject().getURI(),
                        Long.parseLong(n.get().getObject().getLiteralLexicalForm()));
            }
        });
        return out;
    }

    /** Whether a triple of a catalogue graph belongs to the dataset's linksets. */
    public static boolean isLinkset(BaseIri base, String datasetId, org.apache.jena.graph.Triple t) {
        String prefix = datasetIri(base, datasetId) + "/linkset/";
        return t.getSubject().isURI() && t.getSubject().getURI().startsWith(prefix)
                || t.getObject().isURI() && t.getObject().getURI().startsWith(prefix);
    }

    private void linksets(Node ds, Release r) {
        linksets(ds, r.info().id(), r.stats().linksets());
    }

    /** The links into other datasets as VoID linksets: one per target dataset and predicate. */
    private void linksets(Node ds, String id, Map<String, Map<String, Long>> linksets) {
        int n = 0;
        for (Map.Entry<String, Map<String, Long>> target : linksets.entrySet()) {
            String targetId = target.getKey().substring(base.graphs().length());
            if (NOT_DATASETS.contains(targetId)) {
                continue;
            }
            for (Map.Entry<String, Long> link : target.getValue().entrySet()) {
                Node ls = iri(datasetIri(base, id) + "/linkset/" + n++);
                add(ds, iri(Vocab.VOID + "subset"), ls);
                add(ls, RDF.type.asNode(), iri(Vocab.VOID + "Linkset"));
                add(ls, iri(Vocab.VOID + "subjectsTarget"), ds);
                add(ls, iri(Vocab.VOID + "objectsTarget"), iri(datasetIri(base, targetId)));
                add(ls, iri(Vocab.VOID + "linkPredicate"), iri(link.getKey()));
                add(ls, iri(Vocab.VOID + "triples"), integer(link.getValue()));
            }
        }
    }

    private void voidStats(Node ds, Release r) {
        add(ds, iri(Vocab.VOID + "triples"), integer(r.stats().triples()));
        add(ds, iri(Vocab.VOID + "entities"), integer(r.stats().entities()));
        add(ds, iri(Vocab.VOID + "distinctObjects"), integer(r.stats().distinctObjects()));
        add(ds, iri(Vocab.VOID + "sparqlEndpoint"), iri(base.sparql()));
        add(ds, iri(Vocab.VOID + "uriSpace"), lit(base.things(), null));
        int n = 0;
        for (Map.Entry<String, Long> c : r.stats().classes().entrySet()) {
            Node part = iri(datasetIri(base, r.info().id()) + "/class/" + n++);
            add(ds, iri(Vocab.VOID + "classPartition"), part);
            add(part, iri(Vocab.VOID + "class"), iri(c.getKey()));
            add(part, iri(Vocab.VOID + "entities"), integer(c.getValue()));
        }
        n = 0;
        for (Map.Entry<String, Long> p : r.stats().properties().entrySet()) {
            Node part = iri(datasetIri(base, r.info().id()) + "/property/" + n++);
            add(ds, iri(Vocab.VOID + "propertyPartition"), part);
            add(part, iri(Vocab.VOID + "property"), iri(p.getKey()));
            add(part, iri(Vocab.VOID + "triples"), integer(p.getValue()));
        }
    }

    private void provenance(Node ds, Release r) {
        Node load = iri(base.thing("load/" + r.info().id() + "/" + r.ended().toEpochMilli()));
        add(ds, iri(Vocab.PROV + "wasGeneratedBy"), load);
        add(load, RDF.type.asNode(), iri(Vocab.PROV + "Activity"));
        add(load, iri(Vocab.PROV + "startedAtTime"), dateTime(r.started().toString()));
        add(load, iri(Vocab.PROV + "endedAtTime"), dateTime(r.ended().toString()));
        add(load, iri(Vocab.ASHYQ + "mapping"), lit(r.mappingFile(), null));
        add(load, iri(Vocab.ASHYQ + "mappingSha256"), lit(r.mappingSha256(), null));
        add(load, iri(Vocab.ASHYQ + "softwareVersion"), lit(version(), null));
        long rows = r.sources().stream().mapToLong(SourceFile::rows).sum();
        add(load, iri(Vocab.ASHYQ + "rowsRead"), integer(rows));
        add(load, iri(Vocab.ASHYQ + "rowsRejected"), integer(r.rowsRejected()));
        add(load, iri(Vocab.ASHYQ + "triplesWritten"), integer(r.stats().triples()));
        for (Map<String, Integer> misses : r.unmatched().values()) {
            misses.forEach((value, count) -> add(load, iri(Vocab.ASHYQ + "unmatchedValue"),
                    lit(value + " (" + count + " rows)", null)));
        }
        for (SourceFile f : r.sources()) {
            add(load, iri(Vocab.PROV + "used"), iri(base.distribution(r.info().id(), "source/" + slug(f.name()))));
        }
    }

    private static String version() {
        String v = CatalogBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** A readable IRI key: lower case ASCII letters and digits joined by '-'. */
    static String slug(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "x" + Integer.toHexString(text.hashCode()) : s;
    }

    private void add(Node s, Node p, Node o) {
        g.add(s, p, o);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    // DCAT-AP's shapes check the class of objects (sh:class) without inference: say it.
    private Node typedIri(String iri, String type) {
        Node n = iri(iri);
        add(n, RDF.type.asNode(), iri(type));
        return n;
    }

    private Node resource(String iri) {
        return typedIri(iri, org.apache.jena.vocabulary.RDFS.Resource.getURI());
    }

    private Node license(String iri) {
        return typedIri(Authorities.licence(iri), Vocab.DCT + "LicenseDocument");
    }

    private Node fileType(String name) {
        return typedIri(Authorities.FILE_TYPE + name, Vocab.DCT + "MediaTypeOrExtent");
    }

    private Node mediaType(String type) {
        return typedIri("http://www.iana.org/assignments/media-types/" + type, Vocab.DCT + "MediaType");
    }

    private static Node dcat(String local) {
        return iri(Vocab.DCAT + local);
    }

    private static Node dct(String local) {
        return iri(Vocab.DCT + local);
    }

    private static Node lit(String text, String lang) {
        return lang == null || lang.isEmpty() ? NodeFactory.createLiteralString(text)
                : NodeFactory.createLiteralLang(text, lang);
    }

    private static Node typed(String lex, XSDDatatype type) {
        return NodeFactory.createLiteralDT(lex, type);
    }

    private static Node integer(long n) {
        return typed(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node dateTime(String instant) {
        return typed(instant, XSDDatatype.XSDdateTime);
    }
}
