package kz.ashyq.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.web.conneg.Format;
import kz.ashyq.web.conneg.Negotiation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@code application/problem+json} for programs,
 * an HTML page for browsers, by {@code Accept}. Server errors are logged and never leaked.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HANDLED = "ashyq.problem";

    private final Templates templates;

    ErrorMapper(Templates templates) {
        this.templates = templates;
    }

    void problem(HttpProblem p, Context ctx) {
        respond(ctx, p.status(), p.title(), p.getMessage(), p.offered());
    }

    void unexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        respond(ctx, 500, "Internal Server Error", "The server failed to answer; the error is logged.", List.of());
    }

    void notFound(Context ctx) {
        if (ctx.attribute(HANDLED) == null) {
            respond(ctx, 404, "Not Found", ctx.path() + " is not known here", List.of());
        }
    }

    private void respond(Context ctx, int status, String title, String detail, List<String> offered) {
        ctx.attribute(HANDLED, true);
        ctx.status(status);
        Vary.formatAndLanguage(ctx);
        boolean html = status != 406 && Negotiation.negotiate(ctx.header("Accept"), null,
                List.of(Format.TURTLE, Format.HTML)).format().filter(f -> f == Format.HTML).isPresent();
        if (html) {
            String lang = Languages.choose(ctx.queryParam("lang"), ctx.cookie("lang"), ctx.header("Accept-Language"));
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(templates.render("error", lang,
                    Map.of("status", status, "title", title, "detail", detail, "offered", offered)));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (!offered.isEmpty()) {
            body.put("offered", offered);
        }
        try {
            ctx.contentType("application/problem+json");
            ctx.result(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(status + " " + title);
        }
    }
}
