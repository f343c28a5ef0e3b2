package kz.ashyq.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kz.ashyq.store.Store;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.geosparql.implementation.GeometryWrapper;
import org.apache.jena.geosparql.implementation.access.AccessGeoSPARQL;
import org.apache.jena.geosparql.implementation.access.AccessWGS84;
import org.apache.jena.geosparql.implementation.vocabulary.SRS_URI;
import org.apache.jena.geosparql.spatial.SpatialIndexException;
import org.apache.jena.geosparql.spatial.SpatialIndexFindUtils;
import org.apache.jena.geosparql.spatial.SpatialIndexItem;
import org.apache.jena.geosparql.spatial.index.v2.STRtreePerGraph;
import org.apache.jena.geosparql.spatial.index.v2.STRtreeUtils;
import org.apache.jena.geosparql.spatial.index.v2.SpatialIndexLib;
import org.apache.jena.geosparql.spatial.index.v2.SpatialIndexPerGraph;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * GeoSPARQL's spatial index over the served store: Jena's R-tree per named graph (CRS84), set in
 * the dataset's context, where the topological property functions ({@code geo:sfWithin} …) and
 * Jena's {@code spatial:} functions find it. Without it they test every geometry of the store.
 *
 * <p>It is kept current a graph at a time: a release replaces the tree of its dataset's graph
 * (an atomic swap in Jena's map, so a query sees the old tree or the new one); the other graphs'
 * trees are left as they are. Built at start-up from the store, as it is not saved. A geometry
 * whose literal cannot be read is left out with a warning: bad data in one dataset never keeps
 * the server from starting nor a release from being indexed.
 */
public final class GeoIndex {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GeoIndex.class);

    private final SpatialIndexPerGraph index;
    private volatile long size;

    private GeoIndex(SpatialIndexPerGraph index) {
        this.index = index;
    }

    /** Builds the trees of every named graph of the store and puts the index in its context. */
    public static GeoIndex build(Store store) {
        GeoIndex g = new GeoIndex(new SpatialIndexPerGraph(SRS_URI.DEFAULT_WKT_CRS84, new STRtreePerGraph(), null));
        g.rebuild(store);
        SpatialIndexLib.setSpatialIndex(store.datasetGraph(), g.index);
        return g;
    }

    /** Builds every graph's tree again, and drops the trees of graphs no longer in the store. */
    public synchronized void rebuild(Store store) {
        List<Node> graphs = store.read(d -> Iter.toList(d.listGraphNodes()));
        Set<Node> kept = new HashSet<>(graphs);
        for (Node g : graphs) {
            update(store, g);
        }
        for (Node old : List.copyOf(index.getIndex().getTreeMap().keySet())) {
            if (!kept.contains(old)) {
                index.getIndex().removeTree(old);
            }
        }
        size = index.getSize();
    }

    /** Builds the tree of one named graph again (removes it when the graph is gone). */
    public synchronized void updateGraph(Store store, String graphIri) {
        update(store, NodeFactory.createURI(graphIri));
    }

    /** How many geometries the index holds (counted when it changes: /health and /metrics ask often). */
    public long size() {
        return size;
    }

    private void update(Store store, Node graph) {
        STRtree tree = store.read(d -> tree(d, graph));
        if (tree == null) {
            index.getIndex().removeTree(graph);
        } else {
            index.getIndex().setTree(graph, tree);
        }
        size = index.getSize();
    }

    private static STRtree tree(DatasetGraph d, Node graph) {
        if (!d.containsGraph(graph)) {
            return null;
        }
        Graph g = d.getGraph(graph);
        List<SpatialIndexItem> items = new ArrayList<>();
        int skipped = 0;
        if (AccessGeoSPARQL.containsGeoLiterals(g)) {
            // Jena's own reading of the graph (SpatialIndexFindUtils), a geometry at a time: one
            // literal that is not WKT or GML leaves its feature out, not the graph or the server
            var features = AccessGeoSPARQL.findSpecificGeoResources(g);
            try {
                while (features.hasNext()) {
                    Triple f = features.next();
                    var literals = AccessGeoSPARQL.findSpecificGeoLiterals(g, f.getObject());
                    try {
                        while (literals.hasNext()) {
                            try {
                                items.add(SpatialIndexFindUtils.makeSpatialIndexItem(f.getSubject(),
                                        GeometryWrapper.extract(literals.next().getObject()), SRS_URI.DEFAULT_WKT_CRS84));
                            } catch (RuntimeException e) {
                                skipped++;
                            }
                        }
                    } finally {
                        literals.close();
                    }
                }
            } finally {
                features.close();
            }
        } else if (AccessWGS84.containsGeoLiteralProperties(g)) {
            var wgs84 = SpatialIndexFindUtils.findIndexItemsWgs84(g, SRS_URI.DEFAULT_WKT_CRS84);
            try {
                wgs84.forEachRemaining(items::add);
            } catch (RuntimeException e) {
                skipped++;
            } finally {
                wgs84.close();
            }
        }
        if (skipped > 0) {
            LOG.warn("spatial index of {}: {} geometr{} that could not be read left out", graph.getURI(), skipped,
                    skipped == 1 ? "y" : "ies");
        }
        try {
            return STRtreeUtils.buildSpatialIndexTree(items);
        } catch (SpatialIndexException e) {
            throw new IllegalStateException("the spatial index of " + graph + ": " + e.getMessage(), e);
        }
    }
}
