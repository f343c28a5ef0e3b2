package kz.ashyq.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionBase;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;

/**
 * Full-text search in SPARQL over the label index that {@code /search} uses (case and the
 * Kazakh letters folded, Cyrillic also found by its Latin spelling), under two names:
 * {@code ashyq:search} and jena-text's {@code text:query}, so that queries written for Fuseki's
 * text index run unchanged.
 *
 * <pre>
 *   ?s text:query "Қарағанды"
 *   (?s ?score ?label) ashyq:search ("Қараған*" "lang:kk" "dataset:kato" 20)
 *   ?s text:query (rdfs:label "Астана" 10)
 * </pre>
 *
 * <p>The subject is the entity, or a list of the entity, its score (xsd:float) and its best
 * matching label. The object is the query, or a list: a property first (jena-text's form; every
 * label property is searched whichever is named), the query, then in any order a limit,
 * {@code "lang:TAG"} (labels in that language), {@code "dataset:ID"} (one dataset's things) and
 * jena-text's {@code "highlight:…"}, which is accepted and has no effect. Every word of the
 * query must be in a label; a final {@code *} makes the last word a prefix; {@code OR} between
 * words gives the things that match either side.
 */
public final class TextSearchFunction extends PropertyFunctionBase {

    /** Ashyq's name for the function. */
    public static final String IRI = kz.ashyq.config.Namespaces.ASHYQ + "search";

    /** jena-text's name for its text query. */
    public static final String JENA_TEXT_IRI = "http://jena.apache.org/text#query";

    /** Most things one call returns, as jena-text's default. */
    static final int LIMIT = 10_000;

    /** Registers the function under both names, in place of jena-text's own (which needs its index). */
    public static void register() {
        PropertyFunctionRegistry.get().put(IRI, TextSearchFunction.class);
        PropertyFunctionRegistry.get().put(JENA_TEXT_IRI, TextSearchFunction.class);
    }

    @Override
    public void build(PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
        int n = subject.isList() ? subject.getArgListSize() : 1;
        if (n < 1 || n > 3) {
            throw new QueryBuildException("text search binds ?thing or (?thing ?score ?label), not "
                    + subject.getArgList());
        }
        if (object.isList() && object.getArgListSize() == 0) {
            throw new QueryBuildException("text search needs a query: ?thing text:query \"words\"");
        }
        for (Node arg : object.isList() ? object.getArgList() : List.of(object.getArg())) {
            if (arg.isConcrete() && !arg.isLiteral() && !arg.isURI()) {
                throw new QueryBuildException("text search takes literals and one property, not " + arg);
            }
        }
    }

    @Override
    public QueryIterator exec(Binding binding, PropFuncArg subject, Node predicate, PropFuncArg object,
            ExecutionContext cxt) {
        Object index = cxt.getContext().get(NearFunction.INDEX);
        if (!(index instanceof SearchIndex search)) {
            throw new QueryExecException("text search needs the server's search index, which this dataset does not have");
        }
        Request r = Request.of(object.isList() ? object.getArgList() : List.of(object.getArg()), binding);
        List<Node> targets = subject.isList() ? subject.getArgList() : List.of(subject.getArg());
        List<Binding> out = new ArrayList<>();
        for (SearchIndex.LabelMatch m : r.run(search)) {
            BindingBuilder b = BindingBuilder.create(binding);
            if (NearFunction.bind(b, targets.get(0), NodeFactory.createURI(m.iri()))
                    && (targets.size() < 2 || NearFunction.bind(b, targets.get(1),
                            NodeFactory.createLiteralDT(Float.toString(m.score()), XSDDatatype.XSDfloat)))
                    && (targets.size() < 3 || NearFunction.bind(b, targets.get(2), m.lang().isEmpty()
                            ? NodeFactory.createLiteralString(m.label())
                            : NodeFactory.createLiteralLang(m.label(), m.lang())))) {
                out.add(b.build());
            }
        }
        return QueryIterPlainWrapper.create(out.iterator(), cxt);
    }

    /** What one call asks, read from its arguments. */
    record Request(String query, String lang, String dataset, int limit) {

        static Request of(List<Node> args, Binding binding) {
            String query = null;
            String lang = null;
            String dataset = null;
            int limit = LIMIT;
            for (int i = 0; i < args.size(); i++) {
                Node a = value(args.get(i), binding);
                if (a.isURI() && i == 0) {
                    continue; // jena-text's property: every label property is indexed together
                }
                if (!a.isLiteral()) {
                    throw mistake("text search takes literals after the property, not " + a);
                }
                Object v = a.getLiteralValue();
                String s = a.getLiteralLexicalForm();
                if (v instanceof Number number) {
                    limit = (int) Math.max(0, Math.min(LIMIT, number.longValue()));
                } else if (query == null) {
                    query = s;
                } else if (s.startsWith("lang:")) {
                    lang = s.substring(5).strip();
                } else if (s.startsWith("dataset:")) {
                    dataset = s.substring(8).strip();
                } else if (!s.startsWith("highlight:")) {
                    throw mistake("text search does not know the option \"" + s
                            + "\" (options: a limit, \"lang:TAG\", \"dataset:ID\")");
                }
            }
            if (query == null) {
                throw mistake("text search needs a query string");
            }
            return new Request(query, lang == null || lang.isEmpty() ? null : lang, dataset, limit);
        }

        /** Each side of an OR searched, the best score of a thing kept, best first. */
        List<SearchIndex.LabelMatch> run(SearchIndex search) {
            Map<String, SearchIndex.LabelMatch> best = new LinkedHashMap<>();
            for (String side : query.split("\\s+OR\\s+|\\s*\\|\\|\\s*")) {
                String words = side.replaceAll("(?<=\\s|^)(AND|&&)(?=\\s|$)", " ").replace('"', ' ').strip();
                boolean prefix = words.endsWith("*");
                try {
                    for (SearchIndex.LabelMatch m : search.labels(words.replace("*", " "), prefix, dataset, lang, limit)) {
                        best.merge(m.iri(), m, (a, b) -> a.score() >= b.score() ? a : b);
                    }
                } catch (SearchIndex.TooManyWords e) {
                    throw mistake("text search: " + e.getMessage());
                }
            }
            return best.values().stream().sorted(Comparator.comparing(SearchIndex.LabelMatch::score).reversed())
                    .limit(limit).toList();
        }

        private static Node value(Node n, Binding binding) {
            if (Var.isVar(n)) {
                Node bound = binding.get(Var.alloc(n));
                if (bound == null) {
                    throw mistake("text search's argument " + n + " is not bound");
                }
                return bound;
            }
            return n;
        }
    }

    /**
     * The query's mistake, found as it runs: a parse error, which Fuseki answers with 400 (as it
     * does jena-text's for a query string Lucene cannot read), where other errors give 500.
     */
    static QueryParseException mistake(String message) {
        return new QueryParseException(message, -1, -1);
    }
}
