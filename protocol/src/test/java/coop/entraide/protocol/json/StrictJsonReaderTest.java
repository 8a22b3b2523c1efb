package coop.entraide.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.protocol.json.JsonReadResult.Rejected;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonReaderTest {

    private static final StrictJsonReader READER = StrictJsonReader.withDefaults();

    @Test
    void readsAMastodonStyleNote() {
        String note = """
                {"@context":["https://www.w3.org/ns/activitystreams",{"sensitive":"as:sensitive"}],
                 "id":"https://mastodon.example/users/alice/statuses/1","type":"Note",
                 "content":"<p>Vélo à prêter 🚲</p>","sensitive":false,"inReplyTo":null,
                 "location":{"type":"Place","latitude":48.8566,"longitude":2.3522}}""";
        JsonNode node = parsed(READER.readObject(note));
        assertEquals("<p>Vélo à prêter 🚲</p>", node.get("content").textValue());
        assertEquals(48.8566, node.get("location").get("latitude").doubleValue());
    }

    @Test
    void rejectsDuplicateKeys() {
        Rejected rejected = rejected(READER.read("{\"type\":\"Note\",\"type\":\"Delete\"}"));
        assertEquals(JsonRejection.DUPLICATE_KEY, rejected.reason());
        assertTrue(rejected.detail().contains("type"), rejected.detail());
        assertEquals(JsonRejection.DUPLICATE_KEY, rejected(READER.read("{\"a\":{\"b\":1,\"b\":1}}")).reason());
    }

    @Test
    void allowsTheSameKeyInDifferentObjects() {
        parsed(READER.read("{\"a\":{\"id\":1},\"b\":{\"id\":2}}"));
    }

    @Test
    void limitsNestingDepth() {
        StrictJsonReader reader = new StrictJsonReader(new StrictJsonReader.Limits(1 << 20, 5, 1000, 100, 100));
        parsed(reader.read("[[[[[1]]]]]"));
        parsed(reader.read("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"));
        assertEquals(JsonRejection.TOO_DEEP, rejected(reader.read("[[[[[[1]]]]]]")).reason());
        assertEquals(JsonRejection.TOO_DEEP, rejected(reader.read("{\"a\":[{\"b\":[{\"c\":[]}]}]}")).reason());
        assertEquals(JsonRejection.TOO_DEEP, rejected(READER.read("[".repeat(100_000))).reason());
    }

    @Test
    void limitsDocumentSize() {
        StrictJsonReader reader = new StrictJsonReader(new StrictJsonReader.Limits(20, 10, 1000, 100, 100));
        parsed(reader.read("{\"a\":\"0123456789\"}"));
        assertEquals(JsonRejection.TOO_LARGE, rejected(reader.read("{\"a\":\"01234567890123\"}")).reason());
        assertEquals(JsonRejection.TOO_LARGE,
                rejected(reader.read("{\"a\":\"01234567890123\"}".getBytes(StandardCharsets.UTF_8))).reason());
    }

    @Test
    void limitsStringNameAndNumberLengths() {
        StrictJsonReader reader = new StrictJsonReader(new StrictJsonReader.Limits(1 << 20, 10, 10, 5, 8));
        parsed(reader.read("{\"name\":\"0123456789\",\"n\":12345678}"));
        assertEquals(JsonRejection.TOO_LONG, rejected(reader.read("{\"a\":\"01234567890\"}")).reason());
        assertEquals(JsonRejection.TOO_LONG, rejected(reader.read("{\"longname\":1}")).reason());
        assertEquals(JsonRejection.TOO_LONG, rejected(reader.read("[123456789]")).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "[1.7976931348623159e308]", "{\"n\":123456789e999}"})
    void rejectsNumbersBeyondADouble(String json) {
        assertEquals(JsonRejection.NUMBER_OUT_OF_RANGE, rejected(READER.read(json)).reason());
    }

    @Test
    void rejectsAnIntegerBeyondADouble() {
        StrictJsonReader reader = new StrictJsonReader(new StrictJsonReader.Limits(1 << 20, 10, 1000, 100, 1000));
        assertEquals(JsonRejection.NUMBER_OUT_OF_RANGE, rejected(reader.read("9".repeat(400))).reason());
        assertEquals(JsonRejection.TOO_LONG, rejected(READER.read("9".repeat(400))).reason());
    }

    @Test
    void acceptsTheExtremesOfADouble() {
        parsed(READER.read("[1.7976931348623157e308, 5e-324, 1e-400, -0]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"a\\udc00b\"", "{\"\\ud83d\":1}", "[\"\\ude00\\ud83d\"]"})
    void rejectsLoneSurrogates(String json) {
        assertEquals(JsonRejection.INVALID_STRING, rejected(READER.read(json)).reason());
    }

    @Test
    void namesWhereTheForbiddenValueIs() {
        assertEquals("string at $.a[1].b holds a lone surrogate",
                rejected(READER.read("{\"a\":[1,{\"b\":\"\\ud800\"}],\"c\":\"\\ud801\"}")).detail());
        assertEquals("number at $.x.y[2] does not fit an IEEE-754 double",
                rejected(READER.read("{\"x\":{\"y\":[1,2,1e400]}}")).detail());
        assertEquals("member name in $.x holds a lone surrogate",
                rejected(READER.read("{\"x\":{\"ok\":1,\"\\udc00\":2}}")).detail());
        assertEquals("string at $ holds a lone surrogate", rejected(READER.read("\"\\ud800\"")).detail());
    }

    @Test
    void acceptsSurrogatePairs() {
        assertEquals("😀", parsed(READER.read("\"\\ud83d\\ude00\"")).textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "NaN", "[Infinity]", "[-Infinity]",
        "// comment\n{}", "{} {}", "{}x", "[01]", "[+1]", "[.5]", "\"\t\"", "tru", "{\"a\" 1}",
    })
    void rejectsWhatIsNotJson(String json) {
        assertEquals(JsonRejection.MALFORMED, rejected(READER.read(json)).reason(), json);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = {'"', (byte) 0xc3, '"'};
        assertEquals(JsonRejection.MALFORMED, rejected(READER.read(bytes)).reason());
    }

    @Test
    void requiresAnObjectWhenAskedTo() {
        assertEquals(JsonRejection.NOT_AN_OBJECT, rejected(READER.readObject("[{}]")).reason());
        assertEquals(JsonRejection.NOT_AN_OBJECT, rejected(READER.readObject("\"Note\"")).reason());
        assertEquals(JsonRejection.DUPLICATE_KEY, rejected(READER.readObject("{\"a\":1,\"a\":2}")).reason());
        assertTrue(parsed(READER.readObject("{}")).isObject());
    }

    @Test
    void everythingItAcceptsCanBeCanonicalized() {
        JsonNode node = parsed(READER.read("{\"b\":[1e-7,1e21,0.1,-0.0,\"\\u0007\"],\"a\":null}"));
        assertEquals("{\"a\":null,\"b\":[1e-7,1e+21,0.1,0,\"\\u0007\"]}", Jcs.canonicalString(node));
    }

    @Test
    void detailDoesNotEchoLongInput() {
        String secret = "x".repeat(5000);
        Rejected rejected = rejected(READER.read("{\"a\":" + secret + "}"));
        assertEquals(JsonRejection.MALFORMED, rejected.reason());
        assertFalse(rejected.detail().contains(secret), "detail should not carry the whole input");
    }

    private static JsonNode parsed(JsonReadResult result) {
        return assertInstanceOf(JsonReadResult.Parsed.class, result, () -> result.toString()).value();
    }

    private static Rejected rejected(JsonReadResult result) {
        return assertInstanceOf(Rejected.class, result, () -> "expected a rejection, got " + result);
    }

}
