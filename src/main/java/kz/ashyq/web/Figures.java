package kz.ashyq.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.ashyq.store.IndexReads;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * What pages draw besides text: points for a map and series for a chart, read from the store and
 * handed to the page as JSON in a {@code data-} attribute (escaped there like any other text).
 * The page reads without them; maps and charts are an addition.
 */
final class Figures {

    /** A point on a map: WGS84, with the label and link of the thing it stands for. */
    record Point(double lat, double lon, String label, String href) {}

    /** One series of a chart: a measure of a cube over periods. */
    record Series(String label, List<String> periods, List<Number> values) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** GeoSPARQL's default CRS (CRS84) puts longitude first. */
    private static final Pattern WKT_POINT = Pattern.compile(
            "^\\s*(?:<[^>]*>\\s*)?POINT\\s*\\(\\s*(-?[0-9.]+(?:[eE]-?\\d+)?)\\s+(-?[0-9.]+(?:[eE]-?\\d+)?)\\s*\\)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private Figures() {}

    private static final Node LAT = NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#lat");
    private static final Node LONG = NodeFactory.createURI("http://www.w3.org/2003/01/geo/wgs84_pos#long");
    private static final Node HAS_GEOMETRY = NodeFactory.createURI("http://www.opengis.net/ont/geosparql#hasGeometry");
    private static final Node REF_AREA = NodeFactory.createURI("http://purl.org/linked-data/sdmx/2009/dimension#refArea");
    private static final Node AS_WKT = NodeFactory.createURI("http://www.opengis.net/ont/geosparql#asWKT");

    /** What a point is read from: WGS84 lat/long, or a GeoSPARQL WKT on the thing or its geometry. */
    static final List<Node> PLACE_PROPERTIES = List.of(LAT, LONG, AS_WKT, HAS_GEOMETRY);

    /**
     * The coordinates of some things, at most one point each: WGS84 lat/long, or a GeoSPARQL WKT
     * point on the thing or on its geometry. Things without any are left out.
     */
    static List<Point> points(DatasetGraph d, Collection<String> iris, EntityService entities, String lang) {
        return points(d, iris, EntityService.facts(d, iris, PLACE_PROPERTIES), entities, lang);
    }

    /** As above, from what {@link EntityService#facts} read with {@link #PLACE_PROPERTIES}. */
    static List<Point> points(DatasetGraph d, Collection<String> iris, Map<String, Map<Node, List<Node>>> facts,
            EntityService entities, String lang) {
        Map<String, double[]> at = new LinkedHashMap<>();
        for (String iri : new java.util.LinkedHashSet<>(iris)) {
            double[] p = coordinates(d, facts.getOrDefault(iri, Map.of()));
            if (p != null) {
                at.put(iri, p);
            }
        }
        if (at.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> labels = EntityService.labelsOf(facts);
        List<Point> out = new ArrayList<>();
        at.forEach((iri, p) -> {
            Views.Link link = entities.link(iri, labels, lang);
            out.add(new Point(p[0], p[1], link.label(), link.href()));
        });
        return out;
    }

    private static double[] coordinates(DatasetGraph d, Map<Node, List<Node>> props) {
        Node lat = first(props, LAT);
        Node lon = first(props, LONG);
        try {
            if (lat != null && lon != null && lat.isLiteral() && lon.isLiteral()) {
                return checked(Double.parseDouble(lat.getLiteralLexicalForm().trim()),
                        Double.parseDouble(lon.getLiteralLexicalForm().trim()));
            }
            Node wkt = first(props, AS_WKT);
            Node geometry = wkt == null ? first(props, HAS_GEOMETRY) : null;
            if (geometry != null) {
                wkt = first(IndexReads.properties(d, geometry, List.of(AS_WKT)), AS_WKT);
            }
            if (wkt != null && wkt.isLiteral()) {
                Matcher m = WKT_POINT.matcher(wkt.getLiteralLexicalForm());
                if (m.matches()) {
                    return checked(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(1)));
                }
            }
        } catch (NumberFormatException e) {
            // a malformed coordinate is left off the map; the page still lists the value
        }
        return null;
    }

    private static Node first(Map<Node, List<Node>> props, Node p) {
        List<Node> values = props.get(p);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static double[] checked(double lat, double lon) {
        return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? new double[] {lat, lon} : null;
    }

    /** The statistical series whose observations are about {@code area}, by cube and measure. */
    static List<Series> series(DatasetGraph d, Node area, EntityService entities, String lang) {
        if (!d.contains(Node.ANY, Node.ANY, REF_AREA, area)) {
            return List.of(); // most things are no area of a cube: one index lookup, no query to parse
        }
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        EntityService.select(d, Queries.about("observations", area.getURI()), sol -> {
            if (sol.get("value").isLiteral() && sol.getLiteral("value").getValue() instanceof Number) {
                String key = sol.getResource("cube").getURI() + " " + sol.getResource("measure").getURI();
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {
                    sol.get("period").isLiteral() ? sol.getLiteral("period").getLexicalForm() : sol.get("period").toString(),
                    sol.getLiteral("value").getLexicalForm()});
            }
        });
        List<String> iris = new ArrayList<>();
        rows.keySet().forEach(k -> iris.addAll(List.of(k.split(" "))));
        Map<String, Map<String, String>> labels = entities.labels(d, iris);
        List<Series> out = new ArrayList<>();
        rows.forEach((key, list) -> {
            String[] parts = key.split(" ");
            String label = entities.link(parts[1], labels, lang).label() + " — " + entities.link(parts[0], labels, lang).label();
            List<String> periods = list.stream().map(r -> r[0]).toList();
            List<Number> values = list.stream().map(r -> (Number) new java.math.BigDecimal(r[1])).toList();
            out.add(new Series(label, periods, values));
        });
        return out;
    }

    /** JSON for a {@code data-} attribute; null when there is nothing to draw. */
    static String json(List<?> items) {
        if (items.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
