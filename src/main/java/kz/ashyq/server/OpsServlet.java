package kz.ashyq.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import kz.ashyq.config.BaseIri;
import kz.ashyq.search.GeoIndex;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Store;

/** {@code /health} (JSON) and {@code /metrics} (Prometheus text) for operators. */
final class OpsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Store store;
    private final transient BaseIri base;
    private final transient Metrics metrics;
    private final transient SearchIndex search;
    private final transient GeoIndex geo;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final transient java.util.Optional<kz.ashyq.replication.ReplicationState> replication;
    private final transient java.util.Optional<Harvests> harvests;

    OpsServlet(Store store, BaseIri base, Metrics metrics, SearchIndex search, GeoIndex geo,
            java.util.Optional<kz.ashyq.replication.ReplicationState> replication, java.util.Optional<Harvests> harvests) {
        this.replication = replication;
        this.harvests = harvests;
        this.store = store;
        this.base = base;
        this.metrics = metrics;
        this.search = search;
        this.geo = geo;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        if (req.getRequestURI().endsWith("/health")) {
            health(resp);
        } else {
            metrics(resp);
        }
    }

    private void health(HttpServletResponse resp) throws IOException {
        boolean ok;
        long graphs;
        try {
            graphs = store.read(d -> {
                long[] n = new long[1];
                d.listGraphNodes().forEachRemaining(g -> n[0]++);
                return n[0];
            });
            ok = true;
        } catch (RuntimeException e) {
            graphs = 0;
            ok = false;
        }
        resp.setStatus(ok ? 200 : 503);
        resp.setContentType("application/json");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", ok ? "ok" : "unavailable");
        // what was found, not what was hoped: a store that could not be read is not open
        body.put("store", ok ? "open" : "unreadable");
        body.put("graphs", graphs);
        body.put("lastLoad", store.modified().toString());
        body.put("searchIndexInStep", ok && search.inStep(store));
        body.put("spatialIndexGeometries", geo.size());
        replication.ifPresent(r -> body.put("replication", r.health()));
        harvests.ifPresent(h -> body.put("harvest", h.health()));
        write(resp, JSON.writeValueAsString(body));
    }

    private void metrics(HttpServletResponse resp) throws IOException {
        StringBuilder sb = new StringBuilder(metrics.text());
        sb.append("# HELP ashyq_store_bytes Bytes the TDB2 store takes on disk.\n# TYPE ashyq_store_bytes gauge\n");
        sb.append("ashyq_store_bytes ").append(store.diskSize()).append('\n');
        sb.append("# HELP ashyq_dataset_triples Triples per dataset graph.\n# TYPE ashyq_dataset_triples gauge\n");
        Map<String, Long> counts = store.read(d -> {
            Map<String, Long> m = new TreeMap<>();
            d.listGraphNodes().forEachRemaining(g -> base.datasetOfGraph(g.getURI())
                    .ifPresent(id -> m.put(id, d.getGraph(g).size() + 0L)));
            return m;
        });
        counts.forEach((id, n) -> sb.append("ashyq_dataset_triples{dataset=\"").append(id).append("\"} ").append(n).append('\n'));
        sb.append("# HELP ashyq_spatial_index_geometries Geometries in GeoSPARQL's spatial index.\n")
                .append("# TYPE ashyq_spatial_index_geometries gauge\n")
                .append("ashyq_spatial_index_geometries ").append(geo.size()).append('\n');
        replication.ifPresent(r -> sb.append(r.metrics()));
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        write(resp, sb.toString());
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

}
