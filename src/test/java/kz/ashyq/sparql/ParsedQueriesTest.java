package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.algebra.Algebra;
import org.junit.jupiter.api.Test;

/** Kept parses give each request the query a new parse would, and what one request changes stays its own. */
class ParsedQueriesTest {

    private static final String BASE = "http://server/unset-base/";

    /** Every query of the W3C SPARQL 1.1 suites, sent twice: the copy of the kept parse is the parse. */
    @Test
    void aCopyOfAKeptParseIsTheQueryANewParseGives() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/conformance/sparql11"))) {
            files = walk.filter(f -> f.toString().endsWith(".rq")).sorted().toList();
        }
        ParsedQueries parsed = new ParsedQueries(10_000, BASE);
        int compared = 0;
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (Path f : files) {
            String text = Files.readString(f);
            Query fresh;
            try {
                fresh = QueryFactory.create(text, BASE, Syntax.syntaxARQ);
            } catch (QueryParseException e) {
                continue; // the suites' negative syntax tests
            }
            ParsedQueries.Parsed first = parsed.parse(text);
            Algebra.compile(first.query()); // as a request runs it before its text is kept
            first.query().setLimit(7); // and as the cap on rows changes it
            first.keep();
            Query again = parsed.parse(text).query();
            assertNotSame(first.query(), again, f.toString());
            assertEquals(fresh.serialize(), again.serialize(), f.toString());
            assertEquals(Algebra.compile(fresh), Algebra.compile(again), f.toString());
            assertEquals(fresh.getResultVars(), again.getResultVars(), f.toString());
            compared++;
            texts.add(text);
        }
        assertTrue(compared > 200, "queries compared: " + compared);
        assertEquals(texts.size(), parsed.size()); // a few suites share a text
    }

    @Test
    void whatARequestChangesInItsQueryIsNotSeenByTheNext() {
        String text = "SELECT * FROM <http://g/1> FROM NAMED <http://g/2> { ?s ?p ?o } LIMIT 10";
        ParsedQueries parsed = new ParsedQueries(4, BASE);
        ParsedQueries.Parsed first = parsed.parse(text);
        first.query().getGraphURIs().clear(); // as Fuseki does once it has picked the dataset
        first.query().getNamedGraphURIs().clear();
        first.query().setLimit(3);
        first.keep();
        for (int i = 0; i < 3; i++) {
            Query q = parsed.parse(text).query();
            assertEquals(List.of("http://g/1"), q.getGraphURIs());
            assertEquals(List.of("http://g/2"), q.getNamedGraphURIs());
            assertEquals(10, q.getLimit());
            q.setLimit(1);
            q.getGraphURIs().clear();
        }
    }

    @Test
    void onlyShortTextsThatParseAreKeptAndTheLeastUsedGoFirst() {
        ParsedQueries parsed = new ParsedQueries(2, BASE);
        assertThrows(QueryParseException.class, () -> parsed.parse("SELECT * { ?s ?p }"));
        String longText = "SELECT * { ?s ?p ?o }" + " ".repeat(ParsedQueries.MAX_TEXT);
        parsed.parse(longText).keep();
        assertEquals(0, parsed.size());
        String a = "ASK { ?s ?p 1 }";
        String b = "ASK { ?s ?p 2 }";
        String c = "ASK { ?s ?p 3 }";
        parsed.parse(a).keep();
        parsed.parse(b).keep();
        parsed.parse(a).keep(); // a used again: b is now the least recently used
        parsed.parse(c).keep();
        assertEquals(2, parsed.size());
        assertTrue(parsed.holds(a) && parsed.holds(c) && !parsed.holds(b));
        assertEquals(QueryFactory.create(a).serialize(), parsed.parse(a).query().serialize());
        assertEquals(QueryFactory.create(c).serialize(), parsed.parse(c).query().serialize());
        // and no more characters in all than MAX_CHARS, however many texts that is
        ParsedQueries many = new ParsedQueries(100_000, BASE);
        String pad = " ".repeat(ParsedQueries.MAX_TEXT - 100);
        int n = ParsedQueries.MAX_CHARS / ParsedQueries.MAX_TEXT * 2;
        for (int i = 0; i < n; i++) {
            many.parse("ASK { ?s ?p " + i + " }" + pad).keep();
        }
        assertTrue(many.size() < n && many.size() >= n / 2 - 1, "kept " + many.size() + " of " + n);
        assertTrue(many.holds("ASK { ?s ?p " + (n - 1) + " }" + pad) && !many.holds("ASK { ?s ?p 0 }" + pad));
        assertEquals(0, new ParsedQueries(0, BASE).size());
        assertThrows(IllegalArgumentException.class, () -> new ParsedQueries(-1, BASE));
    }
}
