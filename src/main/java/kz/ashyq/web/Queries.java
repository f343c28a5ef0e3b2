package kz.ashyq.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;

/**
 * The front's SPARQL, read from {@code queries/web/*.rq} once. IRIs are bound with
 * {@link ParameterizedSparqlString}, never pasted into query text.
 */
final class Queries {

    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private Queries() {}

    /** A query with {@code ?this} bound to an IRI. */
    static Query about(String name, String iri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(text(name));
        pss.setIri("this", iri);
        return pss.asQuery();
    }

    /** A query with named variables bound to IRIs or literals. */
    static Query with(String name, Map<String, Object> bindings) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(text(name));
        bindings.forEach((var, value) -> {
            if (value instanceof IriValue iri) {
                pss.setIri(var, iri.iri());
            } else {
                pss.setLiteral(var, String.valueOf(value));
            }
        });
        return pss.asQuery();
    }

    /** The text of a query with {@code ?graph} bound, comments kept: for people to read and run. */
    static String textFor(String name, String graph) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(text(name));
        pss.setIri("graph", graph);
        return pss.toString();
    }

    /** An IRI to bind, as opposed to a string literal. */
    record IriValue(String iri) {}

    static String text(String name) {
        return TEXTS.computeIfAbsent(name, n -> {
            String path = "queries/web/" + n + ".rq";
            try (InputStream in = Queries.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("query " + path + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
