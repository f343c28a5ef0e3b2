package kz.ashyq.server;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import kz.ashyq.web.QueryPage;
import kz.ashyq.web.conneg.Format;
import kz.ashyq.web.conneg.Negotiation;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;

/** What a GET of {@code /sparql} without a query answers: the Service Description, or the query UI. */
final class EndpointPage extends jakarta.servlet.http.HttpFilter {

    private static final List<Format> OFFERED = List.of(Format.TURTLE, Format.HTML, Format.JSONLD, Format.RDFXML,
            Format.NTRIPLES);

    private final Supplier<Graph> description;
    private final QueryPage page;

    EndpointPage(Supplier<Graph> description, QueryPage page) {
        this.description = description;
        this.page = page;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, jakarta.servlet.FilterChain chain)
            throws IOException, jakarta.servlet.ServletException {
        if (CostClass.route(request.getRequestURI()).equals("/sparql") && request.getMethod().equals("GET")
                && request.getParameter("query") == null) {
            write(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** A GET of the endpoint without a query: its Service Description as RDF, or YASGUI for a browser. */
    private void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Format f = Negotiation.negotiate(request.getHeader("Accept"), request.getParameter("format"), OFFERED)
                .format().orElse(Format.TURTLE);
        response.setHeader("Vary", kz.ashyq.web.Vary.FORMAT_AND_LANGUAGE);
        byte[] body;
        if (f == Format.HTML) {
            response.setContentType("text/html; charset=utf-8");
            body = page.render(request.getParameter("lang"), cookie(request, "lang"), request.getHeader("Accept-Language"))
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, description.get(), kz.ashyq.web.RdfWriters.of(f));
            response.setContentType(f.contentType());
            body = out.toByteArray();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }
}
