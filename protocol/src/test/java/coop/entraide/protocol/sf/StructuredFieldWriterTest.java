package coop.entraide.protocol.sf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Serialisation, RFC 8941 §4.1, including the examples given in the RFC text. */
class StructuredFieldWriterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1.0|1.0",
        "1.5|1.5",
        "1.50|1.5",
        "0.0001|0.0",
        "0.0005|0.0",
        "0.0015|0.002",
        "0.0025|0.002",
        "1.2345|1.234",
        "1.2355|1.236",
        "-1.2345|-1.234",
        "-0.0001|0.0",
        "999999999999.999|999999999999.999",
        "5|5.0",
    })
    void roundsDecimalsToThreePlacesHalfToEven(String input, String expected) {
        assertEquals(expected, StructuredFieldWriter.serialize(new BareItem.SfDecimal(new BigDecimal(input))));
    }

    @Test
    void refusesValuesOutsideTheRanges() {
        assertThrows(IllegalArgumentException.class, () -> new BareItem.SfInteger(1_000_000_000_000_000L));
        assertThrows(IllegalArgumentException.class, () -> new BareItem.SfInteger(-1_000_000_000_000_000L));
        assertThrows(IllegalArgumentException.class, () -> BareItem.SfDecimal.of("1000000000000.0"));
        // Rounding can carry into the thirteenth digit.
        assertThrows(IllegalArgumentException.class, () -> BareItem.SfDecimal.of("999999999999.9999"));
        assertThrows(IllegalArgumentException.class, () -> new BareItem.SfString("caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> new BareItem.SfString("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new BareItem.SfToken("1abc"));
        assertThrows(IllegalArgumentException.class, () -> new BareItem.SfToken("a b"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.EMPTY.with("Upper", BareItem.SfBoolean.TRUE));
    }

    @Test
    void serialisesTheRfc8941Examples() {
        // RFC 8941 §3.1: Example-List: sugar, tea, rum
        assertEquals("sugar, tea, rum", StructuredFieldWriter.serialize(new SfList(List.of(
                Item.token("sugar"), Item.token("tea"), Item.token("rum")))));
        // RFC 8941 §3.1.1: Example-List: ("foo" "bar"), ("baz"), ("bat" "one"), ()
        assertEquals("(\"foo\" \"bar\"), (\"baz\"), (\"bat\" \"one\"), ()", StructuredFieldWriter.serialize(new SfList(List.of(
                InnerList.of(List.of(Item.string("foo"), Item.string("bar"))),
                InnerList.of(List.of(Item.string("baz"))),
                InnerList.of(List.of(Item.string("bat"), Item.string("one"))),
                InnerList.of(List.of())))));
        // RFC 8941 §3.1.2: Example-List: abc;a=1;b=2; cde_456 -> canonical form drops the space
        Item abc = Item.token("abc").withParameter("a", new BareItem.SfInteger(1)).withParameter("b", new BareItem.SfInteger(2));
        Item cde = Item.token("cde_456");
        assertEquals("abc;a=1;b=2, cde_456", StructuredFieldWriter.serialize(new SfList(List.<Member>of(abc, cde))));
        // RFC 8941 §3.2: Example-Dict: en="Applepie", da=:w4ZibGV0w6ZydGUK:
        Map<String, Member> dict = new LinkedHashMap<>();
        dict.put("en", Item.string("Applepie"));
        dict.put("da", Item.bytes(java.util.Base64.getDecoder().decode("w4ZibGV0w6ZydGUK")));
        assertEquals("en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:", StructuredFieldWriter.serialize(SfDictionary.of(dict)));
        // RFC 8941 §3.2: Example-Dict: a=?0, b, c; foo=bar -> canonical "a=?0, b, c;foo=bar"
        Map<String, Member> flags = new LinkedHashMap<>();
        flags.put("a", Item.bool(false));
        flags.put("b", Item.bool(true));
        flags.put("c", Item.bool(true).withParameter("foo", new BareItem.SfToken("bar")));
        assertEquals("a=?0, b, c;foo=bar", StructuredFieldWriter.serialize(SfDictionary.of(flags)));
        // RFC 8941 §3.3.6: Example-Boolean: ?1
        assertEquals("?1", StructuredFieldWriter.serialize(Item.bool(true)));
        // RFC 8941 §3.3.3: Example-String: "hello world"
        assertEquals("\"hello world\"", StructuredFieldWriter.serialize(Item.string("hello world")));
        // RFC 8941 §3.3.1: Example-Integer: 42
        assertEquals("42", StructuredFieldWriter.serialize(Item.integer(42)));
        // RFC 8941 §3.3.2: Example-Decimal: 4.5
        assertEquals("4.5", StructuredFieldWriter.serialize(Item.of(BareItem.SfDecimal.of("4.5"))));
        // RFC 8941 §3.3.5: Example-ByteSequence: :cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:
        assertEquals(":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:", StructuredFieldWriter.serialize(
                Item.bytes("pretend this is binary content.".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void parsesTheRfc8941ExamplesWithTheirWhitespace() throws StructuredFieldException {
        // RFC 8941 §3.1.2 and §3.2 show optional whitespace the canonical form removes.
        // Example-List: abc;a=1;b=2; cde_456 is one item with three parameters.
        assertEquals("abc;a=1;b=2;cde_456",
                StructuredFieldWriter.serialize(StructuredFieldParser.parseList("abc;a=1;b=2; cde_456")));
        assertEquals("a=?0, b, c;foo=bar",
                StructuredFieldWriter.serialize(StructuredFieldParser.parseDictionary("a=?0, b, c; foo=bar")));
        // RFC 8941 §3.1.2: Example-List: ("foo"; a=1;b=2);lvl=5, ("bar" "baz");lvl=1
        assertEquals("(\"foo\";a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1", StructuredFieldWriter.serialize(
                StructuredFieldParser.parseList("(\"foo\"; a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1")));
        // RFC 8941 §3.2: Example-Dict: rating=1.5, feelings=(joy sadness)
        assertEquals("rating=1.5, feelings=(joy sadness)", StructuredFieldWriter.serialize(
                StructuredFieldParser.parseDictionary("rating=1.5, feelings=(joy sadness)")));
    }

    @Test
    void escapesDisplayStrings() {
        // RFC 9651 §4.1.11: '%', '"' and non-ASCII bytes are percent-encoded in lower case.
        assertEquals("%\"50%25 %22off%22 f%c3%bcr\"",
                StructuredFieldWriter.serialize(new BareItem.SfDisplayString("50% \"off\" f\u00fcr")));
    }
}
