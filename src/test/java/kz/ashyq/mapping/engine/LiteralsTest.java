package kz.ashyq.mapping.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literals the engine makes are the ones Jena's factory makes, value and validity included. */
class LiteralsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|integer", "230|integer", "-5|integer", "+7|integer", "007|integer", "-0|integer",
        "2147483647|integer", "2147483648|integer", "-2147483648|integer", "-2147483649|integer",
        "999999999999999999|integer", "9999999999999999999|integer", "99999999999999999999|integer",
        "' 12'|integer", "12 |integer", "1.5|integer", "+|integer", "-|integer", "''|integer", "1e3|integer",
        "1,5|integer", "١٢|integer",
        "1362.8|decimal", "1362,8|decimal", "1e3|double", "true|boolean", "yes|boolean",
        "2025-11-26|date", "26.11.2025|date", "2025|gYear", "2025-11-26T10:00:00|dateTime"})
    void typedLiteralsAreJenasOwn(String lexical, String type) {
        RDFDatatype dt = TypeMapper.getInstance().getSafeTypeByName(XSDDatatype.XSD + "#" + type);
        Node jena = NodeFactory.createLiteralDT(lexical, dt);
        Node ours = Literals.typed(lexical, dt);
        if (dt == XSDDatatype.XSDinteger && Literals.isPlainInteger(lexical)) {
            // the encoded path writes such a form without asking Jena: it must be one Jena accepts
            assertTrue(jena.getLiteral().isWellFormed(), lexical);
        }
        if (!jena.getLiteral().isWellFormed()) {
            assertNull(ours, lexical + " is not a valid xsd:" + type);
            assertFalse(dt.isValid(lexical));
            return;
        }
        assertEquals(jena, ours);
        assertEquals(jena.hashCode(), ours.hashCode());
        assertEquals(jena.getLiteralValue(), ours.getLiteralValue());
        assertEquals(jena.getLiteralValue().getClass(), ours.getLiteralValue().getClass());
        assertEquals(jena.getLiteral().isWellFormed(), ours.getLiteral().isWellFormed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0", "230", "-5", "+7", "007", "999999999999999999", "9999999999999999999",
        "' 12'", "1.5", "+", "''", "1e3", "١٢"})
    void thePlainIntegerCheckAgreesWithThePlainIntegerReader(String lexical) {
        assertEquals(Literals.plainInteger(lexical) != null, Literals.isPlainInteger(lexical), lexical);
    }

    @ParameterizedTest
    @CsvSource({"Алматы", "''", "' a '", "13.10.1989", "50.369377, 57.175858"})
    void stringLiteralsAreJenasOwn(String lexical) {
        Node jena = NodeFactory.createLiteralString(lexical);
        Node ours = Literals.string(lexical);
        assertEquals(jena, ours);
        assertEquals(jena.hashCode(), ours.hashCode());
        assertEquals(jena.getLiteralValue(), ours.getLiteralValue());
        assertEquals(jena.getLiteralDatatype(), ours.getLiteralDatatype());
        assertEquals(jena.getLiteral().isWellFormed(), ours.getLiteral().isWellFormed());
    }

    @ParameterizedTest
    @CsvSource({"Алматы,kk", "Almaty,en-us", "Алма-Ата,ru-KZ", "x,sr-latn-rs"})
    void languageLiteralsAreJenasOwn(String lexical, String tag) {
        Node jena = NodeFactory.createLiteralLang(lexical, tag);
        Node ours = Literals.lang(lexical, Literals.formatTag(tag));
        assertEquals(jena, ours);
        assertEquals(jena.hashCode(), ours.hashCode());
        assertEquals(jena.getLiteralLanguage(), ours.getLiteralLanguage());
        assertEquals(jena.getLiteralDatatype(), ours.getLiteralDatatype());
        assertEquals(jena.getLiteralValue(), ours.getLiteralValue());
    }
}
