package kz.ashyq.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryParseException;

/**
 * A parameterised SPARQL file that becomes an API: a header of comments names it, describes it
 * and declares its parameters, each bound to a query variable of the same name by type (never
 * pasted into the text):
 *
 * <pre>
 * # name: near
 * # description: Places within a radius of a point, nearest first.
 * # param: lat decimal required Latitude of the point
 * # param: radius decimal default=25 Radius in kilometres
 * </pre>
 *
 * Types: {@code string}, {@code integer}, {@code decimal}, {@code iri}. A parameter is
 * {@code required}, {@code optional} (its variable stays unbound when not given) or has a
 * {@code default=}. Every file is bound with sample values when it is read, so a query that is not
 * valid SPARQL once a value is in place stops the server at start, naming the file.
 */
record SavedQuery(String name, String description, List<Param> params, String text) {

    private static final Pattern PARAM = Pattern.compile(
            "#\\s*param:\\s*(\\w+)\\s+(string|integer|decimal|iri)\\s+(required|optional|default=(\\S+))\\s*(.*)");

    /** A declared parameter. */
    record Param(String name, String type, boolean required, String fallback, String description) {}

    static SavedQuery read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - 3);
        String description = "";
        List<Param> params = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (!l.startsWith("#")) {
                continue;
            }
            Matcher m = PARAM.matcher(l);
            if (l.matches("#\\s*name:.*")) {
                name = l.substring(l.indexOf(':') + 1).strip();
            } else if (l.matches("#\\s*description:.*")) {
                description = l.substring(l.indexOf(':') + 1).strip();
            } else if (m.matches()) {
                params.add(new Param(m.group(1), m.group(2), m.group(3).equals("required"), m.group(4), m.group(5)));
            } else if (l.matches("#\\s*param:.*")) {
                throw new IllegalArgumentException(file + ": cannot read '" + l
                        + "' (# param: NAME string|integer|decimal|iri required|optional|default=VALUE description)");
            }
        }
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(file + ": API name '" + name + "' must be lower-case letters, digits, '-'");
        }
        SavedQuery q = new SavedQuery(name, description, List.copyOf(params), text);
        q.bind(Map.of(), true);
        return q;
    }

    /**
     * The query with the request's parameters bound by type.
     *
     * @throws HttpProblem 400 naming the parameter when one is missing or does not fit its type
     */
    Query bind(Map<String, String> values) {
        return bind(values, false);
    }

    private Query bind(Map<String, String> values, boolean checkOnly) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(text);
        for (Param p : params) {
            String v = values.get(p.name());
            if (v == null || v.isBlank()) {
                v = p.fallback();
            }
            if (checkOnly) {
                // bind every parameter, so that a query that breaks once a value is in place fails now
                v = switch (p.type()) {
                    case "integer" -> "1";
                    case "decimal" -> "1.5";
                    case "iri" -> "http://example.org/x";
                    default -> "x";
                };
            }
            if (v == null) {
                if (p.required() && !checkOnly) {
                    throw new HttpProblem(400, "Bad Request", "parameter '" + p.name() + "' is required (" + p.type()
                            + "): " + p.description());
                }
                continue;
            }
            set(pss, p, v.strip());
        }
        try {
            return pss.asQuery();
        } catch (QueryParseException e) {
            throw new IllegalArgumentException("saved query '" + name + "' is not valid SPARQL: " + e.getMessage(), e);
        }
    }

    private static void set(ParameterizedSparqlString pss, Param p, String v) {
        try {
            switch (p.type()) {
                case "integer" -> pss.setLiteral(p.name(), new java.math.BigInteger(v).toString(), XSDDatatype.XSDinteger);
                case "decimal" -> pss.setLiteral(p.name(), new BigDecimal(v).toPlainString(), XSDDatatype.XSDdecimal);
                case "iri" -> {
                    if (IRIx.create(v).isRelative()) {
                        throw new NumberFormatException("not an absolute IRI");
                    }
                    pss.setIri(p.name(), v);
                }
                default -> pss.setLiteral(p.name(), v);
            }
        } catch (NumberFormatException | IRIException e) {
            throw new HttpProblem(400, "Bad Request", "parameter '" + p.name() + "' must be " + article(p.type()) + " "
                    + p.type() + ", not '" + v + "'");
        }
    }

    private static String article(String type) {
        return type.startsWith("i") ? "an" : "a";
    }
}
