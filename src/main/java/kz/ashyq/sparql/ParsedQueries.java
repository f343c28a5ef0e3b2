package kz.ashyq.sparql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

/**
 * Queries the endpoint has parsed, kept by their text, so that a text sent again skips ARQ's
 * parser. The parser's tokenizer took 0.15 to 0.25 ms for each of BSBM's explore queries (about
 * 200 ns a character), a sixth of the server's time over a mix of them; apps and dashboards send
 * the same text again and again, as the result cache's comment says.
 *
 * <p>Each request gets a query of its own: ARQ's shallow copy of the one kept, with its own
 * limit, projection and dataset description, which the endpoint sets or clears as it runs (the
 * cap on rows, {@code FROM}). The copies share the syntax tree, which ARQ only reads once
 * parsed; the one lazy field in it, the function an {@code E_Function} binds at its first call,
 * is bound by the first query run before its text is kept, and binding it again in a race gives
 * the same function.
 *
 * <p>At most {@code capacity} texts of at most {@value #MAX_TEXT} characters each, and
 * {@value #MAX_CHARS} characters in all, are kept, the least recently used going first: a parse
 * takes some ten times its text's size, so a client sending long texts of its own cannot make the
 * parses take more than some 20 MB. A text that does not parse is never kept.
 */
final class ParsedQueries {

    /** Longer texts are parsed every time: a few of them would take the space of many short ones. */
    static final int MAX_TEXT = 16 * 1024;
    /** Characters of all the texts kept. */
    static final int MAX_CHARS = 1 << 21;

    private final int capacity;
    private final String base;
    private final Map<String, Query> kept = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    /**
     * @param capacity the most texts kept; 0 keeps none
     * @param base the base IRI a query's relative IRIs resolve against
     */
    ParsedQueries(int capacity, String base) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the texts kept must be 0 or more, was " + capacity);
        }
        this.capacity = capacity;
        this.base = base;
    }

    /** A query parsed from a text, the request's own to change; {@link #keep} once it has run whole. */
    final class Parsed {
        private final String text;
        private final Query query;
        private final Query pristine;

        private Parsed(String text, Query query, Query pristine) {
            this.text = text;
            this.query = query;
            this.pristine = pristine;
        }

        Query query() {
            return query;
        }

        /** Keeps the text's parse for later requests (once its query has run, which bound its functions). */
        void keep() {
            if (pristine != null) {
                put(text, pristine);
            }
        }
    }

    /**
     * The query of {@code text}: a copy of the parse kept for it, or a new parse.
     *
     * @throws org.apache.jena.query.QueryException when the text is not a query
     */
    Parsed parse(String text) {
        Query known = get(text);
        if (known != null) {
            return new Parsed(text, copy(known), null);
        }
        Query query = QueryFactory.create(text, base, Syntax.syntaxARQ);
        // copied before the endpoint changes the request's query: the copy is what is kept
        boolean keepable = capacity > 0 && text.length() <= MAX_TEXT;
        return new Parsed(text, query, keepable ? copy(query) : null);
    }

    /**
     * ARQ's shallow copy, with the aggregates and the base: Jena 5.6's copy leaves the aggregates
     * out (later versions copy them), so a grouped query would lose its group, and copies a base
     * only when the text declared one, so the copy would write IRIs under the base in full.
     */
    private static Query copy(Query query) {
        Query copy = QueryTransformOps.shallowCopy(query);
        if (copy.getAggregators().isEmpty()) {
            copy.getAggregators().addAll(query.getAggregators());
        }
        if (copy.getBase() == null && query.getBase() != null) {
            copy.setBase(query.getBase());
        }
        return copy;
    }

    /** How many texts are kept now. */
    synchronized int size() {
        return kept.size();
    }

    /** Whether the parse of {@code text} is kept (without counting as a use). */
    synchronized boolean holds(String text) {
        return kept.containsKey(text);
    }

    private synchronized Query get(String text) {
        return kept.get(text);
    }

    private synchronized void put(String text, Query query) {
        if (kept.putIfAbsent(text, query) == null) {
            chars += text.length();
        }
        var eldest = kept.keySet().iterator();
        while (kept.size() > capacity || chars > MAX_CHARS) {
            chars -= eldest.next().length();
            eldest.remove();
        }
    }
}
