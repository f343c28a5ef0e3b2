package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import kz.ashyq.store.DataVersion;

/**
 * The result cache in front of the slots: a kept answer of the data served now is written at
 * once, without a slot; another is computed and offered to the cache once answered. The data
 * version is taken before the request waits or runs, so an answer is never tagged with data
 * newer than it was computed from, and an answer that failed on the way is not kept.
 */
final class KeptAnswers extends HttpFilter {

    private final ResultCache cache;
    private final Metrics metrics;

    KeptAnswers(ResultCache cache, Metrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String key = CostClass.of(request).costly()
                ? cache.key(request, CostClass.route(request.getRequestURI())) : null;
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        DataVersion now = cache.version();
        if (cache.serve(key, now, response)) {
            metrics.cache(true);
            return;
        }
        metrics.cache(false);
        ResultCache.Capture capture = cache.capture(response);
        Answered.then(request, () -> {
            if (!Answered.hasFailed(request)) {
                cache.keep(key, now, capture);
            }
        });
        chain.doFilter(request, capture);
    }
}
