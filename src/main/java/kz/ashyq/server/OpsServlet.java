package kz.ashyq.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import kz.ashyq.config.BaseIri;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.Store;

/** {@code /health} (JSON) and {@code /metrics} (Prometheus text) for operators. */
final class OpsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Store store;
    private final transient BaseIri base;
    private final transient Metrics metrics;
    private final transient SearchIndex search;

    OpsServlet(Store store, BaseIri base, Metrics metrics, SearchIndex search) {
        this.store = store;
        this.base = base;
        this.metrics = metrics;
        this.search = search;
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
        write(resp, "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"store\":\"open\",\"graphs\":" + graphs
                + ",\"lastLoad\":\"" + store.modified() + "\",\"searchIndexInStep\":" + (ok && search.inStep(store)) + "}");
    }

    private void metrics(HttpServletResponse resp) throws IOException {
        StringBuilder sb = new StringBuilder(metrics.text());
        sb.append("# HELP ashyq_store_bytes Bytes the TDB2 store takes on disk.\n# TYPE ashyq_store_bytes gauge\n");
        sb.append("ashyq_store_bytes ").append(store.diskSize()).append('\n');
        sb.append("# HELP ashyq_dataset_triples Triples per dataset graph.\n# TYPE ashyq_dataset_triples gauge\n");
        String prefix = base.value() + "graph/";
        Map<String, Long> counts = store.read(d -> {
            Map<String, Long> m = new TreeMap<>();
            d.listGraphNodes().forEachRemaining(g -> {
                String id = g.getURI().startsWith(prefix) ? g.getURI().substring(prefix.length()) : null;
                if (id != null && id.matches("[a-z0-9][a-z0-9-]*")) {
                    m.put(id, d.getGraph(g).size() + 0L);
                }
            });
            return m;
        });
        counts.forEach((id, n) -> sb.append("ashyq_dataset_triples{dataset=\"").append(id).append("\"} ").append(n).append('\n'));
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        write(resp, sb.toString());
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

}
