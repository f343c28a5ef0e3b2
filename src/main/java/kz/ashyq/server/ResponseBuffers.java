package kz.ashyq.server;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Response buffers of the Jetty that Fuseki builds. Fuseki gives every response a 5 MB buffer (a
 * SPARQL result that fails before 5 MB are written still gets a clean error status), but leaves
 * Jetty's default pool, which keeps buffers of at most 64 KB: every response then allocated and
 * zeroed a fresh 5 MB array (apache/jena#4084). Under load that was a sixth of the CPU, and as
 * direct memory it ran out and made the JDK call {@code System.gc()}. Here the connectors get a
 * pool that keeps buffers of that size, on the heap, within a bound; pages and documents ask for
 * small buffers anyway ({@link Pages}).
 */
final class ResponseBuffers {

    /** Memory the pool may keep, once on the heap and once direct. */
    static final long POOL_MEMORY = 64L << 20;

    private ResponseBuffers() {}

    /** Reconnects an unstarted server's connectors to a pool sized for its output buffers. */
    static void install(Server jetty) {
        int largest = 64 * 1024;
        for (Connector c : jetty.getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setUseOutputDirectByteBuffers(false);
                largest = Math.max(largest, http.getHttpConfiguration().getOutputBufferSize());
            }
        }
        ByteBufferPool pool = new ArrayByteBufferPool(0, -1, largest, -1, POOL_MEMORY, POOL_MEMORY);
        Connector[] connectors = jetty.getConnectors();
        Connector[] pooled = new Connector[connectors.length];
        for (int i = 0; i < connectors.length; i++) {
            pooled[i] = connectors[i] instanceof ServerConnector sc ? reconnect(jetty, sc, pool) : connectors[i];
        }
        jetty.setConnectors(pooled);
    }

    private static ServerConnector reconnect(Server jetty, ServerConnector old, ByteBufferPool pool) {
        ServerConnector c = new ServerConnector(jetty, old.getExecutor(), old.getScheduler(), pool, old.getAcceptors(),
                old.getSelectorManager().getSelectorCount(), old.getConnectionFactories().toArray(new ConnectionFactory[0]));
        c.setHost(old.getHost());
        c.setPort(old.getPort());
        c.setIdleTimeout(old.getIdleTimeout());
        c.setName(old.getName());
        c.setReuseAddress(old.getReuseAddress());
        c.setAcceptQueueSize(old.getAcceptQueueSize());
        return c;
    }

    /**
     * Pages, documents and APIs write into a small buffer, within what the pool keeps: they need
     * far less than Fuseki's 5 MB, which is for SPARQL results that fail late.
     */
    static final class Pages extends jakarta.servlet.http.HttpFilter {

        static final int BUFFER = 32 * 1024;

        @Override
        protected void doFilter(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws java.io.IOException, jakarta.servlet.ServletException {
            if (CostClass.of(request) == CostClass.PAGE) {
                response.setBufferSize(BUFFER);
            }
            chain.doFilter(request, response);
        }
    }
}
