package kz.ashyq.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.ashyq.store.Part;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * A part of a store, graph by graph: its triple count and a SHA-256 of its triples in N-Triples,
 * sorted, blank nodes by their stored labels. Two stores with equal digests hold the same quads.
 */
final class StoreDigest {

    private StoreDigest() {}

    static Map<String, String> of(Store store, Part part) {
        return part == Part.DATA ? store.read(StoreDigest::of) : store.readArchive(StoreDigest::of);
    }

    private static Map<String, String> of(DatasetGraph d) {
        Map<String, List<String>> lines = new TreeMap<>();
        d.find().forEachRemaining(q -> lines.computeIfAbsent(str(q.getGraph()), g -> new ArrayList<>())
                .add(str(q.getSubject()) + " " + str(q.getPredicate()) + " " + str(q.getObject())));
        Map<String, String> out = new TreeMap<>();
        lines.forEach((g, l) -> {
            java.util.Collections.sort(l);
            out.put(g, l.size() + " " + sha256(String.join("\n", l)));
        });
        return out;
    }

    private static String str(Node n) {
        return NodeFmtLib.strNT(n);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
