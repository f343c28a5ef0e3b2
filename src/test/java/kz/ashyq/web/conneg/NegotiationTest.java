package kz.ashyq.web.conneg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NegotiationTest {

    private static final List<Format> OFFERED = List.of(Format.TURTLE, Format.HTML, Format.JSONLD, Format.RDFXML,
            Format.NTRIPLES);

    @ParameterizedTest(name = "Accept [{0}] format [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // a browser names text/html
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8 | - | HTML",
        // programs
        "-                                     | -       | TURTLE",
        "*/*                                   | -       | TURTLE",
        "text/turtle                           | -       | TURTLE",
        "application/ld+json                   | -       | JSONLD",
        "application/rdf+xml                   | -       | RDFXML",
        "application/n-triples                 | -       | NTRIPLES",
        "text/*                                | -       | TURTLE",
        "application/*                         | -       | JSONLD",
        // q-values
        "text/html;q=0.5, text/turtle;q=0.9    | -       | TURTLE",
        "text/turtle;q=0.4, application/ld+json | -      | JSONLD",
        "application/ld+json;q=0.5, */*;q=0.1  | -       | JSONLD",
        // a specific q=0 excludes what a wildcard would allow
        "*/*, text/turtle;q=0                  | -       | HTML",
        "*/*;q=0.5, text/html;q=0              | -       | TURTLE",
        // a name matched exactly beats a wildcard at equal q
        "*/*, application/rdf+xml              | -       | RDFXML",
        // ?format= overrides Accept
        "text/html                             | ttl     | TURTLE",
        "text/turtle                           | html    | HTML",
        "text/turtle                           | jsonld  | JSONLD",
        "-                                     | rdf     | RDFXML",
        "-                                     | nt      | NTRIPLES",
        // nothing offered matches
        "image/png                             | -       | -",
        "text/turtle;q=0, */*;q=0              | -       | -",
        "-                                     | pdf     | -",
        "garbage                               | -       | -",
    })
    void negotiates(String accept, String format, String expected) {
        Negotiation.Result r = Negotiation.negotiate(accept, format, OFFERED);
        assertEquals(Optional.ofNullable(expected).map(Format::valueOf), r.format());
        assertEquals(OFFERED, r.offered());
    }
}
