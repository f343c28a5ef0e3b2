package kz.ashyq.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import kz.ashyq.catalog.ReleaseHistory;
import kz.ashyq.config.BaseIri;
import kz.ashyq.quality.Assessment;
import kz.ashyq.quality.DataProfile;
import kz.ashyq.quality.Mqa;
import kz.ashyq.store.WriteSession;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;

/** What a release does for its quality: counts its triples as they go in, and keeps its measurements. */
final class Quality {

    private Quality() {}

    /** A stream that shows every triple to {@code profile} on its way to {@code out}. */
    static StreamRDF tee(DataProfile profile, StreamRDF out) {
        return new StreamRDFWrapper(out) {
            @Override
            public void triple(Triple t) {
                profile.triple(t);
                super.triple(t);
            }
        };
    }

    /** Adds the release's measurements to the dataset's quality graph, beside those of the releases before. */
    static void record(WriteSession session, BaseIri base, Assessment a) {
        Graph q = session.graph(base.qualityGraph(a.dataset()));
        GraphUtil.addInto(q, a.toGraph(base));
    }

    /** Whether release {@code n} of the dataset has its measurements. */
    static boolean measured(WriteSession session, BaseIri base, String dataset, int n) {
        return session.graph(base.qualityGraph(dataset)).contains(
                org.apache.jena.graph.NodeFactory.createURI(base.dataset(dataset)),
                org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/ns/dqv#hasQualityMeasurement"),
                org.apache.jena.graph.NodeFactory.createURI(base.measurement(dataset, n, "mqa-score")));
    }

    /** Days from the last release to {@code now}; -1 without one. */
    static long daysSince(ReleaseHistory history, Instant now) {
        return history.last().map(e -> Duration.between(e.issued(), now).toDays()).orElse(-1L);
    }

    /**
     * Asks whether URLs outside Ashyq answer, when the operator allows outbound requests
     * ({@code ASHYQ_QUALITY_URL_CHECKS=1}); null otherwise, and MQA's indicators say they were not checked.
     */
    static Mqa.UrlCheck urlCheck() {
        if (!"1".equals(System.getenv("ASHYQ_QUALITY_URL_CHECKS"))) {
            return null;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return url -> {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return status < 400;
            } catch (java.io.IOException | IllegalArgumentException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }
}
