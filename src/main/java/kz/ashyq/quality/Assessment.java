package kz.ashyq.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.config.BaseIri;
import kz.ashyq.mapping.source.ColumnProfile;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * The quality of one release of one dataset: the MQA's indicators of its description and the
 * measures of its data, and their DQV form ({@link #toGraph}), one {@code dqv:QualityMeasurement}
 * per metric (and per column and property for completeness), kept beside those of every release
 * before so that trends show.
 *
 * @param dataset the dataset's id
 * @param release the release's number
 * @param at when the release was made
 * @param indicators the MQA's indicators
 * @param sources the CSV sources' columns, rows and repeated keys
 * @param data what the release's triples say of its things
 * @param invalidValues cells that failed their datatype (skipped under {@code --lenient}) or shapes
 *     (loaded under {@code --warn-shapes})
 * @param daysSincePrevious days since the release before, or -1 for a first release
 * @param licensed whether it has a licence (without one, no star of open data)
 * @param periodDays the days between updates its declared frequency promises; 0 when it declares none
 */
public record Assessment(String dataset, int release, Instant at, List<Indicator> indicators,
        List<ColumnProfile.Source> sources, DataProfile.Counts data, long invalidValues, long daysSincePrevious,
        boolean licensed, int periodDays) {

    private static final String DQV = "http://www.w3.org/ns/dqv#";
    private static final String PROV = "http://www.w3.org/ns/prov#";

    /** Keeps its own copies. */
    public Assessment {
        indicators = List.copyOf(indicators);
        sources = List.copyOf(sources);
    }

    /** The MQA's points, of {@link Mqa#MAX}. */
    public double mqaPoints() {
        return Math.round(indicators.stream().mapToDouble(Indicator::points).sum() * 100) / 100.0;
    }

    /** The share of the sources' cells that hold a value. */
    public double completeness() {
        long filled = 0;
        long cells = 0;
        for (ColumnProfile.Source s : sources) {
            for (ColumnProfile.Column c : s.columns()) {
                filled += c.filled();
                cells += c.rows();
            }
        }
        return cells == 0 ? 1 : (double) filled / cells;
    }

    /** The rows whose key repeats an earlier row's, over every source. */
    public long duplicateKeys() {
        return sources.stream().mapToLong(ColumnProfile.Source::duplicateKeys).sum();
    }

    /** The share of things linked to KATO. */
    public double katoLinks() {
        return data.things() == 0 ? 0 : (double) data.katoLinked() / data.things();
    }

    /** The share of things linked to other data. */
    public double datasetLinks() {
        return data.things() == 0 ? 0 : (double) data.otherLinked() / data.things();
    }

    /**
     * Tim Berners-Lee's five stars of open data: one for an open licence, two and three for
     * structured data in an open format (the CSV), four for RDF with an IRI for every thing (what
     * Ashyq publishes), five for links to other data (KATO or another dataset).
     */
    public int stars() {
        if (!licensed) {
            return 0;
        }
        return data.katoLinked() + data.otherLinked() > 0 ? 5 : 4;
    }

    /**
     * Whether this release came within the period its frequency promises after the one before (a
     * first release is on time).
     */
    public boolean onTime() {
        return periodDays <= 0 || daysSincePrevious < 0 || daysSincePrevious <= periodDays;
    }

    /** The measurements as DQV, in the dataset's quality graph's terms. */
    public Graph toGraph(BaseIri base) {
        Graph g = GraphFactory.createDefaultGraph();
        Node ds = NodeFactory.createURI(base.dataset(dataset));
        String releaseIri = kz.ashyq.catalog.ReleaseHistory.releaseIri(base, dataset, release);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("mqa-score", null, null, mqaPoints()));
        indicators.forEach(i -> rows.add(new Row(i.key(), null, null, i.points())));
        rows.add(new Row("completeness", null, null, round(completeness())));
        for (ColumnProfile.Source s : sources) {
            for (ColumnProfile.Column c : s.columns()) {
                rows.add(new Row("completeness-column", c.name(), null, round(c.rows() == 0 ? 1 : (double) c.filled() / c.rows())));
            }
        }
        for (Map.Entry<String, Long> p : data.withProperty().entrySet()) {
            rows.add(new Row("completeness-property", null, p.getKey(),
                    round(data.things() == 0 ? 0 : (double) p.getValue() / data.things())));
        }
        rows.add(new Row("invalid-values", null, null, invalidValues));
        rows.add(new Row("kato-links", null, null, round(katoLinks())));
        rows.add(new Row("dataset-links", null, null, round(datasetLinks())));
        rows.add(new Row("duplicate-keys", null, null, duplicateKeys()));
        rows.add(new Row("coordinates-outside", null, null, data.outside()));
        if (daysSincePrevious >= 0) {
            rows.add(new Row("days-since-previous-release", null, null, daysSincePrevious));
        }
        rows.add(new Row("stars", null, null, (long) stars()));
        if (periodDays > 0) {
            rows.add(new Row("update-period-days", null, null, (long) periodDays));
            rows.add(new Row("on-time", null, null, onTime() ? 1L : 0L));
        }
        int n = 0;
        for (Row r : rows) {
            String qualifier = r.column() != null ? "/column-" + n++ : r.property() != null ? "/property-" + n++ : "";
            Node m = NodeFactory.createURI(base.measurement(dataset, release, r.metric() + qualifier));
            g.add(ds, iri(DQV + "hasQualityMeasurement"), m);
            g.add(m, RDF.type.asNode(), iri(DQV + "QualityMeasurement"));
            g.add(m, iri(DQV + "computedOn"), ds);
            g.add(m, iri(DQV + "isMeasurementOf"), iri(kz.ashyq.config.Namespaces.ASHYQ + r.metric()));
            g.add(m, iri(DQV + "value"), r.value() instanceof Long l
                    ? NodeFactory.createLiteralDT(Long.toString(l), XSDDatatype.XSDinteger)
                    : NodeFactory.createLiteralDT(new java.math.BigDecimal(r.value().toString()).toPlainString(),
                            XSDDatatype.XSDdecimal));
            g.add(m, iri(PROV + "generatedAtTime"), NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime));
            g.add(m, iri(kz.ashyq.config.Namespaces.ASHYQ + "release"), iri(releaseIri));
            if (r.column() != null) {
                g.add(m, iri(kz.ashyq.config.Namespaces.ASHYQ + "column"), NodeFactory.createLiteralString(r.column()));
            }
            if (r.property() != null) {
                g.add(m, iri(kz.ashyq.config.Namespaces.ASHYQ + "measuredProperty"), iri(r.property()));
            }
        }
        return g;
    }

    /** One measurement to write: its metric, the column or property it is about (or null), and its value. */
    private record Row(String metric, String column, String property, Number value) {}

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
