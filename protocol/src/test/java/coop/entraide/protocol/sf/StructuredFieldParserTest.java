package coop.entraide.protocol.sf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing cases in the manner of the public structured-field-tests suite: each row is a field
 * value, the type it is parsed as, and either its canonical serialisation or {@code null} when
 * RFC 8941 §4.2 requires the parse to fail.
 */
class StructuredFieldParserTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // Integers (§3.3.1, §4.2.4)
                row("basic integer", "item", "42", "42"),
                row("zero integer", "item", "0", "0"),
                row("negative zero", "item", "-0", "0"),
                row("double negative", "item", "--0", null),
                row("negative integer", "item", "-42", "-42"),
                row("leading zeros", "item", "042", "42"),
                row("negative leading zeros", "item", "-042", "-42"),
                row("comma", "item", "2,3", null),
                row("negative non-DIGIT first", "item", "-a23", null),
                row("sign out of place", "item", "4-2", null),
                row("whitespace after sign", "item", "- 42", null),
                row("long integer", "item", "123456789012345", "123456789012345"),
                row("long negative integer", "item", "-123456789012345", "-123456789012345"),
                row("too long integer", "item", "1234567890123456", null),
                row("too long negative integer", "item", "-1234567890123456", null),
                row("minus alone", "item", "-", null),
                // Decimals (§3.3.2)
                row("simple decimal", "item", "1.23", "1.23"),
                row("negative decimal", "item", "-1.23", "-1.23"),
                row("decimal trailing zeros", "item", "1.500", "1.5"),
                row("decimal zero fraction", "item", "1.0", "1.0"),
                row("decimal, whitespace after decimal", "item", "1. 23", null),
                row("decimal, whitespace before decimal", "item", "1 .23", null),
                row("negative decimal, whitespace after sign", "item", "- 1.23", null),
                row("tricky precision decimal", "item", "123456789012.1", "123456789012.1"),
                row("double decimal decimal", "item", "1.5.4", null),
                row("adjacent double decimal decimal", "item", "1..4", null),
                row("decimal with three fractional digits", "item", "1.123", "1.123"),
                row("negative decimal with three fractional digits", "item", "-1.123", "-1.123"),
                row("decimal with four fractional digits", "item", "1.1234", null),
                row("negative decimal with four fractional digits", "item", "-1.1234", null),
                row("decimal with thirteen integer digits", "item", "1234567890123.0", null),
                row("negative decimal with thirteen integer digits", "item", "-1234567890123.0", null),
                row("decimal ending in a dot", "item", "1.", null),
                row("long decimal", "item", "123456789012.123", "123456789012.123"),
                // Strings (§3.3.3, §4.2.5)
                row("basic string", "item", "\"foo bar\"", "\"foo bar\""),
                row("empty string", "item", "\"\"", "\"\""),
                row("long string", "item", "\"" + "foo ".repeat(64) + "\"", "\"" + "foo ".repeat(64) + "\""),
                row("whitespace string", "item", "\"   \"", "\"   \""),
                row("non-ascii string", "item", "\"f\u00fc\u00fc\"", null),
                row("tab in string", "item", "\"\t\"", null),
                row("newline in string", "item", "\" \n \"", null),
                row("single quoted string", "item", "'foo'", null),
                row("unbalanced string", "item", "\"foo", null),
                row("string quoting", "item", "\"foo \\\"bar\\\" \\\\ baz\"", "\"foo \\\"bar\\\" \\\\ baz\""),
                row("bad string quoting", "item", "\"foo \\,\"", null),
                row("ending string quote", "item", "\"foo \\\"", null),
                row("abruptly ending string quote", "item", "\"foo \\", null),
                // Tokens (§3.3.4, §4.2.6)
                row("basic token", "item", "a_b-c.d3:f%00/*", "a_b-c.d3:f%00/*"),
                row("token with capitals", "item", "fooBar", "fooBar"),
                row("token starting with capitals", "item", "FooBar", "FooBar"),
                row("token starting with star", "item", "*foo", "*foo"),
                row("token with all tchars", "item", "a!#$%&'*+-.^_`|~:/", "a!#$%&'*+-.^_`|~:/"),
                row("token starting with digit is a number, then junk", "item", "1foo", null),
                row("token starting with a dot", "item", ".foo", null),
                row("token with a comma", "item", "foo,bar", null),
                row("token with a quote", "item", "foo\"bar", null),
                // Byte sequences (§3.3.5, §4.2.7)
                row("basic binary", "item", ":aGVsbG8=:", ":aGVsbG8=:"),
                row("empty binary", "item", "::", "::"),
                row("missing padding is synthesised", "item", ":aGVsbG8:", ":aGVsbG8=:"),
                row("non-zero pad bits are accepted", "item", ":iZ==:", ":iQ==:"),
                row("padding at beginning", "item", ":=aGVsbG8=:", null),
                row("padding in middle", "item", ":a=GVsbG8=:", null),
                row("too much padding", "item", ":aGVsbA===:", null),
                row("bad end delimiter", "item", ":aGVsbG8=", null),
                row("extra whitespace", "item", ":aGVsb G8=:", null),
                row("extra chars", "item", ":aGVsbG!8=:", null),
                row("suffix chars", "item", ":aGVsbG8=!:", null),
                row("base64url binary", "item", ":_-Ah:", null),
                row("impossible base64 length", "item", ":aGVsb:", null),
                // Booleans (§3.3.6, §4.2.8)
                row("basic true boolean", "item", "?1", "?1"),
                row("basic false boolean", "item", "?0", "?0"),
                row("unknown boolean", "item", "?Q", null),
                row("whitespace boolean", "item", "? 1", null),
                row("negative zero boolean", "item", "?-0", null),
                row("T boolean", "item", "?T", null),
                row("F boolean", "item", "?F", null),
                row("t boolean", "item", "?t", null),
                row("truncated boolean", "item", "?", null),
                // Dates and Display Strings (RFC 9651)
                row("date", "item", "@1659578233", "@1659578233"),
                row("negative date", "item", "@-1659578233", "@-1659578233"),
                row("decimal date", "item", "@1659578233.12", null),
                row("display string", "item", "%\"This is intended for display to %c3%bcsers.\"",
                        "%\"This is intended for display to %c3%bcsers.\""),
                row("display string with upper-case hex", "item", "%\"%C3%BC\"", null),
                row("display string with bad UTF-8", "item", "%\"%c3\"", null),
                row("display string unterminated", "item", "%\"abc", null),
                // Items, whitespace and junk (§4.2)
                row("leading and trailing space", "item", "   42   ", "42"),
                row("leading tab", "item", "\t42", null),
                row("empty item", "item", "", null),
                row("only spaces", "item", "   ", null),
                row("item followed by junk", "item", "42 43", null),
                row("item with parameters", "item", "abc;a=1;b=2;cde_456", "abc;a=1;b=2;cde_456"),
                row("parameter with spaces before key", "item", "abc; a=1", "abc;a=1"),
                row("parameter with space before ';'", "item", "abc ;a=1", null),
                row("parameter with space around '='", "item", "abc;a = 1", null),
                row("duplicate parameters, last wins in first place", "item", "1;a=1;b=2;a=3", "1;a=3;b=2"),
                row("parameter key with upper case", "item", "1;aA=1", null),
                row("parameter key starting with digit", "item", "1;1a=1", null),
                row("parameter key starting with star", "item", "1;*a=1", "1;*a=1"),
                row("boolean false parameter", "item", "1;a=?0", "1;a=?0"),
                row("boolean true parameter is bare", "item", "1;a=?1", "1;a"),
                // Lists (§3.1, §4.2.1)
                row("basic list", "list", "1, 42", "1, 42"),
                row("empty list", "list", "", ""),
                row("leading SP list", "list", "  42, 43", "42, 43"),
                row("single item list", "list", "42", "42"),
                row("no whitespace list", "list", "1,42", "1, 42"),
                row("extra whitespace list", "list", "1 , 42", "1, 42"),
                row("tab separated list", "list", "1\t,\t42", "1, 42"),
                row("two line list via comma join", "list", "1, 42", "1, 42"),
                row("trailing comma list", "list", "1, 42,", null),
                row("empty item list", "list", "1,,42", null),
                row("list with junk", "list", "1 2", null),
                row("basic list of lists", "list", "(1 2), (42 43)", "(1 2), (42 43)"),
                row("single item inner list", "list", "(42)", "(42)"),
                row("empty inner list", "list", "()", "()"),
                row("empty inner list in list", "list", "(), a", "(), a"),
                row("extra whitespace inner list", "list", "(  1  42  )", "(1 42)"),
                row("wrong whitespace inner list", "list", "(1\t 42)", null),
                row("no trailing parenthesis", "list", "(1 42", null),
                row("no separator between inner list items", "list", "(1\"x\")", null),
                row("inner list with parameters", "list", "(abc;a=1;b=2);cde_456", "(abc;a=1;b=2);cde_456"),
                row("nested inner list", "list", "((1))", null),
                // Dictionaries (§3.2, §4.2.2)
                row("basic dictionary", "dictionary", "en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:",
                        "en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:"),
                row("empty dictionary", "dictionary", "", ""),
                row("single item dictionary", "dictionary", "a=1", "a=1"),
                row("list item dictionary", "dictionary", "a=(1 2)", "a=(1 2)"),
                row("no whitespace dictionary", "dictionary", "a=1,b=2", "a=1, b=2"),
                row("extra whitespace dictionary", "dictionary", "a=1 ,  b=2", "a=1, b=2"),
                row("tab separated dictionary", "dictionary", "a=1\t,\tb=2", "a=1, b=2"),
                row("leading whitespace dictionary", "dictionary", "     a=1 ,  b=2", "a=1, b=2"),
                row("whitespace before = dictionary", "dictionary", "a =1, b=2", null),
                row("whitespace after = dictionary", "dictionary", "a= 1, b=2", null),
                row("two lines dictionary", "dictionary", "a=1, b=2", "a=1, b=2"),
                row("missing value dictionary is true", "dictionary", "a=1, b, c=3", "a=1, b, c=3"),
                row("all missing value dictionary", "dictionary", "a, b, c", "a, b, c"),
                row("start missing value dictionary", "dictionary", "a, b=2", "a, b=2"),
                row("missing value with params dictionary", "dictionary", "a=1, b;foo=9, c=3", "a=1, b;foo=9, c=3"),
                row("explicit true value with params dictionary", "dictionary", "a=1, b=?1;foo=9, c=3",
                        "a=1, b;foo=9, c=3"),
                row("trailing comma dictionary", "dictionary", "a=1, b=2,", null),
                row("empty item dictionary", "dictionary", "a=1,,b=2", null),
                row("duplicate key dictionary, last wins in first place", "dictionary", "a=1,b=2,a=3", "a=3, b=2"),
                row("numeric key dictionary", "dictionary", "a=1,1b=2,a=1", null),
                row("uppercase key dictionary", "dictionary", "a=1,B=2,a=1", null),
                row("bad key dictionary", "dictionary", "a=1,b!=2,a=1", null),
                row("key with all allowed characters", "dictionary", "a0_-.*=1", "a0_-.*=1"),
                row("dictionary with junk", "dictionary", "a=1 b=2", null));
    }

    private static Arguments row(String name, String type, String input, String canonical) {
        return Arguments.of(name, type, input, canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAsTheRfcSays(String name, String type, String input, String canonical) {
        if (canonical == null) {
            assertThrows(StructuredFieldException.class, () -> parseAndSerialize(type, input), name);
        } else {
            assertEquals(canonical, assertDoesNotFail(type, input), name);
            // Serialisation is a fixed point: the canonical form parses back to itself.
            assertEquals(canonical, assertDoesNotFail(type, canonical), name + " (round trip)");
        }
    }

    private static String assertDoesNotFail(String type, String input) {
        try {
            return parseAndSerialize(type, input);
        } catch (StructuredFieldException e) {
            throw new AssertionError("unexpected parse failure: " + e.getMessage(), e);
        }
    }

    private static String parseAndSerialize(String type, String input) throws StructuredFieldException {
        return switch (type) {
            case "item" -> StructuredFieldWriter.serialize(StructuredFieldParser.parseItem(input));
            case "list" -> StructuredFieldWriter.serialize(StructuredFieldParser.parseList(input));
            case "dictionary" -> StructuredFieldWriter.serialize(StructuredFieldParser.parseDictionary(input));
            default -> throw new IllegalArgumentException(type);
        };
    }

    @Test
    void givesTypedValues() throws StructuredFieldException {
        assertEquals(new BareItem.SfInteger(-999_999_999_999_999L),
                StructuredFieldParser.parseItem("-999999999999999").value());
        assertEquals(new BareItem.SfDecimal(new BigDecimal("-1.5")), StructuredFieldParser.parseItem("-1.50").value());
        assertEquals(new BareItem.SfString("a\"b\\c"), StructuredFieldParser.parseItem("\"a\\\"b\\\\c\"").value());
        assertEquals(new BareItem.SfToken("text/html"), StructuredFieldParser.parseItem("text/html").value());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII),
                ((BareItem.SfByteSequence) StructuredFieldParser.parseItem(":aGVsbG8=:").value()).value());
        assertEquals(BareItem.SfBoolean.FALSE, StructuredFieldParser.parseItem("?0").value());
        assertEquals(new BareItem.SfDate(1_659_578_233L), StructuredFieldParser.parseItem("@1659578233").value());
        assertEquals(new BareItem.SfDisplayString("f\u00fcr"), StructuredFieldParser.parseItem("%\"f%c3%bcr\"").value());
    }

    @Test
    void combinesSeveralFieldLines() throws StructuredFieldException {
        // RFC 8941 §4.2: field lines are joined with commas before parsing.
        SfDictionary d = StructuredFieldParser.parseDictionary(List.of("a=1", "b=2, a=3"));
        assertEquals("a=3, b=2", StructuredFieldWriter.serialize(d));
        SfList l = StructuredFieldParser.parseList(List.of("1", "(2 3)"));
        assertEquals(2, l.members().size());
        assertInstanceOf(InnerList.class, l.members().get(1));
        assertThrows(StructuredFieldException.class, () -> StructuredFieldParser.parseItem(List.of("1", "2")));
    }

    @Test
    void exposesDictionaryMembersAndParametersInOrder() throws StructuredFieldException {
        SfDictionary d = StructuredFieldParser.parseDictionary("b=(1 2);p=?0, a=x;q=\"y\"");
        assertEquals(List.of("b", "a"), List.copyOf(d.asMap().keySet()));
        InnerList inner = (InnerList) d.get("b").orElseThrow();
        assertEquals(2, inner.items().size());
        assertEquals(BareItem.SfBoolean.FALSE, inner.parameters().get("p").orElseThrow());
        Item a = (Item) d.get("a").orElseThrow();
        assertEquals(new BareItem.SfString("y"), a.parameters().get("q").orElseThrow());
    }

    @Test
    void rejectsNullInputAsAParseError() {
        assertThrows(StructuredFieldException.class, () -> StructuredFieldParser.parseItem((String) null));
    }
}
