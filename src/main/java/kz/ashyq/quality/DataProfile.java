package kz.ashyq.quality;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.vocabulary.RDF;

/**
 * What a release's triples say of its things, counted as they stream into the store: the things
 * (subjects under the base's {@code id/}), for each property the things that have it, the things
 * linked to a KATO unit and to things of other kinds, and the things with WGS84 coordinates and
 * those whose coordinates fall outside Kazakhstan. A row's triples come together, so each thing is
 * judged when the next one starts; a thing whose triples come in two runs is counted once, by the
 * 64-bit hashes of the things seen, sorted at the end.
 */
public final class DataProfile extends StreamRDFBase {

    /** Kazakhstan's extent with a margin: 40.5° to 55.5° north, 46.4° to 87.4° east. */
    static final double SOUTH = 40.5;
    static final double NORTH = 55.5;
    static final double WEST = 46.4;
    static final double EAST = 87.4;
    private static final String LAT = "http://www.w3.org/2003/01/geo/wgs84_pos#lat";
    private static final String LONG = "http://www.w3.org/2003/01/geo/wgs84_pos#long";
    /** Kinds of the catalogue and of code lists, not other datasets' things: a link to them links no data. */
    private static final Set<String> STRUCTURAL = Set.of("scheme", "dataset", "agency", "distribution", "cube",
            "quality");

    private final String things;
    private final String kato;
    private final Map<String, Long> withProperty = new HashMap<>();
    private long[] seen = new long[1024];
    private int count;
    private long katoLinked;
    private long otherLinked;
    private long withCoordinates;
    private long outside;

    private Node current;
    /** The kind of the thing being counted, worked out once for its triples. */
    private String currentKind;
    private final Set<String> properties = new HashSet<>();
    private boolean toKato;
    private boolean toOther;
    private Double lat;
    private Double lon;

    /**
     * @param things the IRI under which things are minted ({@code BASE/id/})
     * @param kato the IRI under which KATO units are ({@code BASE/id/kato/})
     */
    public DataProfile(String things, String kato) {
        this.things = things;
        this.kato = kato;
    }

    @Override
    public void triple(Triple t) {
        Node s = t.getSubject();
        if (!s.isURI() || !s.getURI().startsWith(things)) {
            return;
        }
        if (!s.equals(current)) {
            flush();
            current = s;
            currentKind = kind(s.getURI());
        }
        String p = t.getPredicate().getURI();
        Node o = t.getObject();
        if (!p.equals(RDF.type.getURI())) {
            properties.add(p);
        }
        if (o.isURI() && o.getURI().startsWith(things)) {
            if (o.getURI().startsWith(kato)) {
                toKato = true;
            } else if (!toOther) {
                String kind = kind(o.getURI());
                toOther = !kind.equals(currentKind) && !STRUCTURAL.contains(kind);
            }
        }
        if (o.isLiteral() && (p.equals(LAT) || p.equals(LONG))) {
            try {
                double v = Double.parseDouble(o.getLiteralLexicalForm());
                if (p.equals(LAT)) {
                    lat = v;
                } else {
                    lon = v;
                }
            } catch (NumberFormatException e) {
                // not a number: no coordinate, and the datatype check has said so
            }
        }
    }

    /** The first path segment after {@code id/}: the kind of thing ({@code polyclinic} in {@code id/polyclinic/1}). */
    private String kind(String iri) {
        int end = iri.indexOf('/', things.length());
        return end < 0 ? iri.substring(things.length()) : iri.substring(things.length(), end);
    }

    private void flush() {
        if (current == null) {
            return;
        }
        if (count == seen.length) {
            seen = Arrays.copyOf(seen, seen.length * 2);
        }
        String iri = current.getURI();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < iri.length(); i++) {
            h = (h ^ iri.charAt(i)) * 0x100000001b3L;
        }
        seen[count++] = h;
        properties.forEach(p -> withProperty.merge(p, 1L, Long::sum));
        katoLinked += toKato ? 1 : 0;
        otherLinked += toOther ? 1 : 0;
        if (lat != null && lon != null) {
            withCoordinates++;
            outside += lat < SOUTH || lat > NORTH || lon < WEST || lon > EAST ? 1 : 0;
        }
        properties.clear();
        toKato = false;
        toOther = false;
        lat = null;
        lon = null;
    }

    /**
     * What was counted.
     *
     * @param things the things (distinct subjects)
     * @param withProperty for each property, the things that have it (at most {@code things})
     * @param katoLinked the things linked to a KATO unit
     * @param otherLinked the things linked to things of another kind (another dataset's)
     * @param withCoordinates the things with a latitude and a longitude
     * @param outside those whose coordinates fall outside Kazakhstan
     */
    public record Counts(long things, Map<String, Long> withProperty, long katoLinked, long otherLinked,
            long withCoordinates, long outside) {}

    /** The counts, once every triple has come. */
    public Counts counts() {
        flush();
        current = null;
        long[] sorted = Arrays.copyOf(seen, count);
        Arrays.sort(sorted);
        long distinct = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            distinct += sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        long n = distinct;
        Map<String, Long> props = new java.util.TreeMap<>();
        withProperty.forEach((p, c) -> props.put(p, Math.min(c, n)));
        return new Counts(n, props, Math.min(katoLinked, n), Math.min(otherLinked, n), Math.min(withCoordinates, n),
                Math.min(outside, n));
    }
}
