package kz.ashyq.sparql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.jena.datatypes.BaseDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Filters evaluated on node ids ({@link IdExprs}) and counts grouped on them ({@link OpGroupOnIds})
 * give plain ARQ's answers: random filters testing
 * a variable against IRIs (in the store or not, on either side, negated), comparing numbers and
 * reading terms, over random patterns whose variables take IRIs, blank nodes, numbers, strings,
 * language-tagged strings and literals of a datatype ARQ does not know.
 */
class IdExprsTest extends RewriteFixture {

    @BeforeAll
    static void unknownDatatypes() {
        // a literal of an unknown datatype compared with an IRI: false in ARQ, not an error
        Txn.executeWrite(dsg, () -> {
            for (int i = 0; i < 40; i++) {
                dsg.add(NodeFactory.createURI(EX + "graph/1"), NodeFactory.createURI(EX + "s" + i * 7),
                        NodeFactory.createURI(EX + "p" + i % 5),
                        NodeFactory.createLiteralDT("v" + i % 4, new BaseDatatype(EX + "unknown")));
                // integers TDB2 holds inline (negative ones, of a derived type, written with a
                // leading zero) and one too large to be inline: read from their ids' bits
                dsg.add(NodeFactory.createURI(EX + "graph/1"), NodeFactory.createURI(EX + "s" + i * 7 % 300),
                        NodeFactory.createURI(EX + "p" + i % 5), NUMBERS.get(i % NUMBERS.size()));
            }
        });
    }

    private static final java.util.List<org.apache.jena.graph.Node> NUMBERS = java.util.List.of(
            NodeFactory.createLiteralDT("-12", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger),
            NodeFactory.createLiteralDT("012", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger),
            NodeFactory.createLiteralDT("25", org.apache.jena.datatypes.xsd.XSDDatatype.XSDint),
            NodeFactory.createLiteralDT("-7", org.apache.jena.datatypes.xsd.XSDDatatype.XSDlong),
            NodeFactory.createLiteralDT("123456789012345678901234567890", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger),
            NodeFactory.createLiteralDT("36028797018963967", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger),
            NodeFactory.createLiteralDT("-36028797018963968", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));

    private static String iri(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "<" + EX + "Type" + random.nextInt(6) + ">";
            case 1 -> "<" + EX + "nowhere>";
            default -> "<" + EX + "s" + random.nextInt(300) + ">";
        };
    }

    private static String filter(Random random, String v) {
        String iri = iri(random);
        return switch (random.nextInt(13)) {
            case 0 -> v + " = " + iri;
            case 1 -> iri + " != " + v;
            case 2 -> "sameTerm(" + v + ", " + iri + ")";
            case 3 -> "!sameTerm(" + iri + ", " + v + ")";
            case 4 -> v + " > 10 && " + v + " < (30 + 1)";
            case 5 -> v + " = 7 || " + v + " != " + iri;
            case 6 -> "STRSTARTS(STR(" + v + "), 'name') || " + v + " = " + iri;
            case 7 -> v + " = " + v;
            case 8 -> "isLiteral(" + v + ") && " + v + " != \"v1\"^^<" + EX + "unknown>";
            case 9 -> "!(" + v + " != " + iri + ")";
            case 10 -> "DATATYPE(" + v + ") = <http://www.w3.org/2001/XMLSchema#integer> && STR(" + v + ") != \"12\"";
            case 11 -> "(" + v + " + 3) * 2 < 40 || STRLEN(STR(" + v + ")) > 10";
            default -> v + " < -5 || " + v + " = 12";
        };
    }

    private static String query(Random random) {
        String p = "<" + EX + "p" + random.nextInt(5) + ">";
        String q = "<" + EX + "p" + random.nextInt(5) + ">";
        String[] vars = {"?a", "?b", "?c", "?none"};
        String where = switch (random.nextInt(4)) {
            case 0 -> "?a " + p + " ?b";
            case 1 -> "?a " + p + " ?b . ?b " + q + " ?c";
            case 2 -> "VALUES ?b { <" + EX + "s3> 7 \"name 2\" } ?a " + p + " ?b . ?a " + q + " ?c";
            default -> "?a " + p + " ?b OPTIONAL { ?b " + q + " ?c }";
        };
        StringBuilder filters = new StringBuilder();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            filters.append(" FILTER (").append(filter(random, vars[random.nextInt(vars.length)])).append(")");
        }
        return random.nextInt(4) == 0
                ? "SELECT ?a (COUNT(*) AS ?n) { " + where + filters + " } GROUP BY ?a"
                : "SELECT * { " + where + filters + " }";
    }

    @Test
    void randomFiltersOnIdsGivePlainArqsAnswers() {
        Random random = new Random(SEED + 17);
        int compared = 0;
        for (int i = 0; i < 300; i++) {
            compared += compare(query(random)) ? 1 : 0;
        }
        assertTrue(compared >= 250, "only " + compared + " of 300 answers small enough to compare, seed " + SEED);
    }

    /** A random count grouped on one variable, over rows that bind it as TDB2 ids, as terms, or not at all. */
    private static String groupQuery(Random random) {
        String p = "<" + EX + "p" + random.nextInt(6) + ">";
        String q = "<" + EX + "p" + random.nextInt(6) + ">";
        String where = switch (random.nextInt(5)) {
            case 0 -> "?a " + p + " ?g";
            case 1 -> "?g " + p + " ?a OPTIONAL { ?a " + q + " ?x }";
            case 2 -> "{ VALUES ?g { <" + EX + "s3> <" + EX + "Type1> 7 \"name 2\" } ?a " + p + " ?g } UNION { ?a " + q + " ?g }";
            case 3 -> "?a " + p + " ?b OPTIONAL { ?b " + q + " ?g }";
            default -> "?a " + p + " ?b . ?b " + q + " ?g FILTER (?g != <" + EX + "s5>)";
        };
        String counts = switch (random.nextInt(3)) {
            case 0 -> "(COUNT(*) AS ?n)";
            case 1 -> "(COUNT(?x) AS ?n) (COUNT(?a) AS ?m)";
            default -> "(COUNT(?a) AS ?n) (COUNT(*) AS ?m)";
        };
        return "SELECT ?g " + counts + " { " + where + " } GROUP BY ?g" + (random.nextInt(4) == 0 ? " HAVING (COUNT(*) > 2)" : "");
    }

    @Test
    void randomGroupsOnIdsGivePlainArqsAnswers() {
        Random random = new Random(SEED + 19);
        int onIds = 0;
        for (int i = 0; i < 150; i++) {
            String q = groupQuery(random);
            boolean compared = compare(q);
            onIds += compared && plan(q).contains("groupOnIds") ? 1 : 0;
        }
        assertTrue(onIds >= 50, "only " + onIds + " of 150 grouped on ids, seed " + SEED);
    }

    @Test
    void randomGroupsOnSeveralVariablesGivePlainArqsAnswers() {
        // the same rows grouped on ?g and another variable, bound as ids, as terms or not at all
        Random random = new Random(SEED + 29);
        int onIds = 0;
        for (int i = 0; i < 150; i++) {
            String q = groupQuery(random);
            String[] second = {"?a", "?a ?x", "?x"};
            String more = q.contains("?x") ? second[random.nextInt(3)] : "?a";
            q = q.replace("SELECT ?g ", "SELECT ?g " + more + " ").replace("GROUP BY ?g", "GROUP BY " + more + " ?g");
            boolean compared = compare(q);
            onIds += compared && plan(q).contains("groupOnIds") ? 1 : 0;
        }
        assertTrue(onIds >= 50, "only " + onIds + " of 150 grouped on ids, seed " + SEED);
    }

    @Test
    void integersReadFromTheirIdsAreTheValuesArqReadsFromTheirTerms() {
        String xsd = "http://www.w3.org/2001/XMLSchema#";
        for (String f : new String[] {"DATATYPE(?v) = <" + xsd + "integer>", "DATATYPE(?v) = <" + xsd + "int>",
                "STR(?v) = \"12\"", "?v + 1 < 0", "?v > 100000000000", "?v * 2 = 24", "?v = -36028797018963968"}) {
            String q = "SELECT ?s ?v { ?s ?p ?v FILTER (isNumeric(?v)) FILTER (" + f + ") }";
            assertTrue(compare(q), q);
            assertTrue(run(q, false).size() > 0, "no rows to compare: " + q);
        }
    }

    @Test
    void aTestAgainstAnIriIsMadeOneOnIds() {
        String q = "SELECT * { ?a <" + EX + "p1> ?b FILTER (?b != <" + EX + "s5>) }";
        assertTrue(plan(q).contains("!="), plan(q));
        assertTrue(IdExprs.of(new org.apache.jena.sparql.expr.ExprList(
                org.apache.jena.sparql.util.ExprUtils.parse("?b != <" + EX + "s5>"))).get(0)
                instanceof IdExprs.IdTermTest);
        compare(q);
    }
}
