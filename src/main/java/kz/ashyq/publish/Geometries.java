package kz.ashyq.publish;

import java.math.BigDecimal;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.vocabulary.RDF;

/**
 * Gives every thing with WGS84 coordinates ({@code geo:lat} and {@code geo:long}) a GeoSPARQL
 * geometry as its release is written, so that GeoSPARQL queries see the points that mappings
 * give as two numbers: {@code <thing> geo:hasGeometry <thing/geometry>} (also its default
 * geometry, which GeoSPARQL's query rewrite follows), a {@code geo:Geometry} with a
 * {@code geo:asWKT} point in longitude-latitude order (CRS84, WKT's default).
 *
 * <p>A mapping's triples come a row at a time, a subject's together: the geometry is added when
 * the subject changes, and not when the mapping gave the thing a geometry of its own. A value
 * that is not a number in range makes none.
 */
final class Geometries extends StreamRDFWrapper {

    private static final String GEOSPARQL = "http://www.opengis.net/ont/geosparql#";
    private static final String WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#";
    private static final Node LAT = NodeFactory.createURI(WGS84 + "lat");
    private static final Node LONG = NodeFactory.createURI(WGS84 + "long");
    private static final Node HAS_GEOMETRY = NodeFactory.createURI(GEOSPARQL + "hasGeometry");
    private static final Node HAS_DEFAULT_GEOMETRY = NodeFactory.createURI(GEOSPARQL + "hasDefaultGeometry");
    private static final Node GEOMETRY = NodeFactory.createURI(GEOSPARQL + "Geometry");
    private static final Node AS_WKT = NodeFactory.createURI(GEOSPARQL + "asWKT");
    private static final String WKT_LITERAL = GEOSPARQL + "wktLiteral";

    private Node subject;
    private Node lat;
    private Node lon;
    private boolean hasOwn;
    private long added;

    Geometries(StreamRDF out) {
        super(out);
    }

    @Override
    public void triple(Triple t) {
        if (!t.getSubject().equals(subject)) {
            flush();
            subject = t.getSubject();
        }
        Node p = t.getPredicate();
        if (p.equals(LAT)) {
            lat = t.getObject();
        } else if (p.equals(LONG)) {
            lon = t.getObject();
        } else if (p.equals(HAS_GEOMETRY) || p.equals(HAS_DEFAULT_GEOMETRY)) {
            hasOwn = true;
        }
        super.triple(t);
    }

    @Override
    public void finish() {
        flush();
        super.finish();
    }

    /** Geometries added so far. */
    long added() {
        return added;
    }

    private void flush() {
        BigDecimal la = number(lat, 90);
        BigDecimal lo = number(lon, 180);
        if (subject != null && subject.isURI() && !hasOwn && la != null && lo != null) {
            Node g = NodeFactory.createURI(subject.getURI() + "/geometry");
            super.triple(Triple.create(subject, HAS_GEOMETRY, g));
            super.triple(Triple.create(subject, HAS_DEFAULT_GEOMETRY, g));
            super.triple(Triple.create(g, RDF.Nodes.type, GEOMETRY));
            super.triple(Triple.create(g, AS_WKT, NodeFactory.createLiteralDT(
                    "POINT(" + lo.toPlainString() + " " + la.toPlainString() + ")",
                    TypeMapper.getInstance().getSafeTypeByName(WKT_LITERAL))));
            added++;
        }
        subject = null;
        lat = null;
        lon = null;
        hasOwn = false;
    }

    /** The literal's number when it is one within ±{@code bound}; null otherwise. */
    private static BigDecimal number(Node n, int bound) {
        if (n == null || !n.isLiteral()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(n.getLiteralLexicalForm().strip());
            return d.abs().compareTo(BigDecimal.valueOf(bound)) <= 0 ? d.stripTrailingZeros() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
