package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kz.ashyq.web.conneg.Format;
import kz.ashyq.web.conneg.Negotiation;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;

/** What a GET of {@code /sparql} without a query answers: the Service Description, or a query page. */
final class EndpointPage {

    private EndpointPage() {}

    /** A GET of the endpoint without a query: its Service Description, as RDF or as a page with a form. */
    static void write(Graph description, HttpServletRequest request, HttpServletResponse response) throws IOException {
        java.util.List<Format> offered = List.of(Format.TURTLE,
                Format.HTML, Format.JSONLD, Format.RDFXML,
                Format.NTRIPLES);
        Format f = Negotiation.negotiate(request.getHeader("Accept"),
                request.getParameter("format"), offered).format().orElse(Format.TURTLE);
        response.setHeader("Vary", "Accept");
        byte[] body;
        if (f == Format.HTML) {
            response.setContentType("text/html; charset=utf-8");
            body = FORM.getBytes(StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, description, f.rdfFormat());
            response.setContentType(f.contentType());
            body = out.toByteArray();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A page for people who open the endpoint in a browser: a query box. */
    private static final String FORM = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>SPARQL — Ashyq</title><link rel="stylesheet" href="/static/style.css"></head>
            <body><main><h1>SPARQL endpoint</h1>
            <p>SPARQL 1.1 queries over every dataset (the default graph is their union). Results as JSON, XML,
            CSV or TSV by <code>Accept</code>; this endpoint's description is served as RDF to programs.</p>
            <form action="/sparql" method="get">
            <p><textarea name="query" rows="12" cols="80" style="width:100%">PREFIX skos: &lt;http://www.w3.org/2004/02/skos/core#&gt;
            SELECT ?unit ?name WHERE { ?unit skos:notation "710000000" ; skos:prefLabel ?name }</textarea></p>
            <p><button type="submit">Run</button> <a href="/">Datasets</a> · <a href="/api">API</a></p>
            </form></main></body></html>
            """;
}
