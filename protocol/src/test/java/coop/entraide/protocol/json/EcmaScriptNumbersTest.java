package coop.entraide.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcmaScriptNumbersTest {

    /** RFC 8785 Appendix B, "Number Serialization Samples", verbatim (IEEE-754 hex, JSON). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void formatsTheRfc8785Samples(String ieee754, String expected) {
        assertEquals(expected, EcmaScriptNumbers.format(fromHex(ieee754)));
    }

    /** RFC 8785 Appendix B: NaN and Infinity are errors. */
    @Test
    void refusesNaNAndInfinity() {
        assertThrows(IllegalArgumentException.class, () -> EcmaScriptNumbers.format(fromHex("7fffffffffffffff")));
        assertThrows(IllegalArgumentException.class, () -> EcmaScriptNumbers.format(fromHex("7ff0000000000000")));
        assertThrows(IllegalArgumentException.class, () -> EcmaScriptNumbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void switchesToExponentsWhereEcmaScriptDoes() {
        assertEquals("100000000000000000000", EcmaScriptNumbers.format(1e20));
        assertEquals("1e+21", EcmaScriptNumbers.format(1e21));
        assertEquals("1.5e+21", EcmaScriptNumbers.format(1.5e21));
        assertEquals("0.000001", EcmaScriptNumbers.format(1e-6));
        assertEquals("1e-7", EcmaScriptNumbers.format(1e-7));
        assertEquals("1.23e-7", EcmaScriptNumbers.format(1.23e-7));
        assertEquals("0.1", EcmaScriptNumbers.format(0.1));
        assertEquals("-71.184902", EcmaScriptNumbers.format(-71.184902));
        assertEquals("1152921504606847000", EcmaScriptNumbers.format(Math.pow(2, 60)));
        assertEquals("9007199254740991", EcmaScriptNumbers.format(9007199254740991.0));
        assertEquals("4.5", EcmaScriptNumbers.format(4.50));
    }

    /**
     * Three thousand random doubles against an independent oracle (Python's shortest repr laid out
     * per ECMA-262), written when the test was made.
     */
    @Test
    void agreesWithTheOracleOnRandomDoubles() {
        List<String> lines = TestFiles.text("json/ecmascript-numbers.txt").lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .toList();
        assertTrue(lines.size() > 2000, "oracle file looks truncated");
        for (String line : lines) {
            String[] parts = line.split(" ");
            double value = fromHex(parts[0]);
            String formatted = EcmaScriptNumbers.format(value);
            assertEquals(parts[1], formatted, parts[0]);
            assertEquals(value, Double.parseDouble(formatted), parts[0]);
        }
    }

    private static double fromHex(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }
}
