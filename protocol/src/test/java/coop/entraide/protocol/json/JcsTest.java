package coop.entraide.protocol.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JcsTest {

    /** RFC 8785 §3.2.2 input and §3.2.3 output ("values" sample), verbatim. */
    @Test
    void canonicalizesTheRfc8785Sample() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = """
                {"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],\
                "string":"€$\\u000f\\nA'B\\"\\\\\\\\\\"/"}""";

        assertEquals(expected, Jcs.canonicalString(parse(input)));
    }

    /** RFC 8785 §3.2.4: the UTF-8 bytes of the sample above, verbatim. */
    @Test
    void encodesTheSampleAsTheRfcBytes() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String hex = """
                7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
                75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
                5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
                65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
                5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
                30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d""";

        assertArrayEquals(coop.entraide.protocol.TestFiles.hex(hex.replaceAll("\\s", "")), Jcs.canonicalize(parse(input)));
    }

    /** RFC 8785 §3.2.3 sorting sample, verbatim: members sort by UTF-16 code units. */
    @Test
    void sortsMembersByUtf16CodeUnits() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        assertEquals(expected, Jcs.canonicalString(parse(input)));
    }

    @Test
    void sortsASurrogatePairBeforeAHigherBmpCharacter() {
        // By code point U+1F600 would come after U+FB33; by UTF-16 code unit 0xD83D comes first.
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("\ufb33", 1);
        node.put("\ud83d\ude00", 2);
        assertEquals("{\"\ud83d\ude00\":2,\"\ufb33\":1}", Jcs.canonicalString(node));
    }

    /** RFC 8785 §3.2.2.2: the short escapes, \\u00xx for other controls, everything else as is. */
    @Test
    void escapesStringsExactlyAsTheRfcSays() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        JsonNode node = JsonNodeFactory.instance.textNode(controls + "\"\\/\u007f\u2028\u00e9\ud83d\ude00");
        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019"
                + "\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\\"\\\\/\u007f\u2028\u00e9\ud83d\ude00\"";

        assertEquals(expected, Jcs.canonicalString(node));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Jcs.canonicalize(node));
    }

    @Test
    void keepsArrayOrderAndNestsCanonically() {
        JsonNode node = parse("{ \"b\" : [ 3, {\"z\": true, \"a\": null}, \"x\" ], \"a\" : { } , \"\": -0.0}");
        assertEquals("{\"\":0,\"a\":{},\"b\":[3,{\"a\":null,\"z\":true},\"x\"]}", Jcs.canonicalString(node));
    }

    @Test
    void writesLargeIntegersAsTheirDoubleValue() {
        // RFC 8785 §3.2.2.3 serializes the IEEE-754 value: precision beyond 2^53 is lost.
        JsonNode node = parse("[9007199254740993, 12345678901234567890, 100000000000000000000000]");
        assertEquals("[9007199254740992,12345678901234567000,1e+23]", Jcs.canonicalString(node));
    }

    @Test
    void refusesWhatIJsonCannotCarry() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(nodes.numberNode(Double.NaN)));
        assertThrows(IllegalArgumentException.class,
                () -> Jcs.canonicalize(nodes.numberNode(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class,
                () -> Jcs.canonicalize(nodes.numberNode(BigInteger.TEN.pow(400))));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(nodes.textNode("a\ud800b")));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(nodes.textNode("\udc00")));
        ObjectNode badName = nodes.objectNode();
        badName.put("\ud83d", 1);
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(badName));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(nodes.binaryNode(new byte[] {1})));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(nodes.missingNode()));
    }

    private static JsonNode parse(String json) {
        JsonReadResult result = StrictJsonReader.withDefaults().read(json);
        if (result instanceof JsonReadResult.Parsed parsed) {
            return parsed.value();
        }
        throw new AssertionError("test input rejected: " + result);
    }
}
