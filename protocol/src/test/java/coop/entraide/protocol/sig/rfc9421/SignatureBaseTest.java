package coop.entraide.protocol.sig.rfc9421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Component values, RFC 9421 §2.1 and §2.2, with the examples given in those sections. */
class SignatureBaseTest {

    private static String line(HttpMessage m, ComponentIdentifier id) throws ComponentException {
        String base = SignatureBase.build(m, null, List.of(id), "()");
        return base.substring(0, base.indexOf("\n\"@signature-params\""));
    }

    private static HttpMessage get(String uri, HttpMessage.Header... headers) {
        return HttpMessage.request("GET", URI.create(uri), List.of(headers), null);
    }

    private static HttpMessage.Header h(String name, String value) {
        return new HttpMessage.Header(name, value);
    }

    // RFC 9421 §2.1: the example message and the lines it yields.
    private static final HttpMessage FIELDS_EXAMPLE = get("https://www.example.com/",
            h("Host", "www.example.com"),
            h("Date", "Tue, 20 Apr 2021 02:07:56 GMT"),
            h("X-OWS-Header", "   Leading and trailing whitespace.   "),
            h("Cache-Control", "max-age=60"),
            h("Cache-Control", "   must-revalidate"),
            h("Example-Dict", " a=1,    b=2;x=1;y=2,   c=(a   b   c)"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host|\"host\": www.example.com",
        "date|\"date\": Tue, 20 Apr 2021 02:07:56 GMT",
        "x-ows-header|\"x-ows-header\": Leading and trailing whitespace.",
        "cache-control|\"cache-control\": max-age=60, must-revalidate",
        "example-dict|\"example-dict\": a=1,    b=2;x=1;y=2,   c=(a   b   c)",
        "Cache-Control|\"cache-control\": max-age=60, must-revalidate",
    })
    void fieldsAsTheRfcShows(String name, String expected) throws ComponentException {
        assertEquals(expected, line(FIELDS_EXAMPLE, ComponentIdentifier.of(name)));
    }

    @Test
    void emptyFieldHasAnEmptyValue() throws ComponentException {
        // RFC 9421 §2.1: "x-empty-header": followed by one space.
        assertEquals("\"x-empty-header\": ", line(get("https://a.example/", h("X-Empty-Header", "")),
                ComponentIdentifier.of("x-empty-header")));
    }

    @Test
    void dictionaryMembersWithKey() throws ComponentException {
        // RFC 9421 §2.1.2
        HttpMessage m = get("https://a.example/", h("Example-Dict", "  a=1, b=2;x=1;y=2, c=(a   b    c), d"));
        ComponentIdentifier dict = ComponentIdentifier.of("example-dict");
        assertEquals("\"example-dict\";key=\"a\": 1", line(m, dict.key("a")));
        assertEquals("\"example-dict\";key=\"d\": ?1", line(m, dict.key("d")));
        assertEquals("\"example-dict\";key=\"b\": 2;x=1;y=2", line(m, dict.key("b")));
        assertEquals("\"example-dict\";key=\"c\": (a b c)", line(m, dict.key("c")));
        ComponentException missing = assertThrows(ComponentException.class, () -> line(m, dict.key("e")));
        assertEquals(FailureReason.MISSING_COMPONENT, missing.reason());
    }

    @Test
    void byteSequenceWrapping() throws ComponentException {
        // RFC 9421 §2.1.3
        HttpMessage m = get("https://a.example/", h("Example-Header", "value, with, lots"), h("Example-Header", "of, commas"));
        assertEquals("\"example-header\": value, with, lots, of, commas", line(m, ComponentIdentifier.of("example-header")));
        assertEquals("\"example-header\";bs: :dmFsdWUsIHdpdGgsIGxvdHM=:, :b2YsIGNvbW1hcw==:",
                line(m, ComponentIdentifier.of("example-header").bs()));
    }

    @Test
    void structuredFieldsAreReserialised() throws ComponentException {
        // RFC 9421 §2.1.1 with a field whose type we know.
        HttpMessage m = get("https://a.example/", h("Content-Digest", "sha-256=:AAAA:,   sha-512=:BBBB:;p"));
        assertEquals("\"content-digest\";sf: sha-256=:AAAA:, sha-512=:BBBB:;p",
                line(m, ComponentIdentifier.CONTENT_DIGEST.sf()));
        HttpMessage unknown = get("https://a.example/", h("X-Thing", "a=1"));
        assertEquals(FailureReason.MALFORMED_HEADER, assertThrows(ComponentException.class,
                () -> line(unknown, ComponentIdentifier.of("x-thing").sf())).reason());
        HttpMessage broken = get("https://a.example/", h("Content-Digest", "sha-256=:AAAA"));
        assertEquals(FailureReason.MALFORMED_HEADER, assertThrows(ComponentException.class,
                () -> line(broken, ComponentIdentifier.CONTENT_DIGEST.sf())).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 9421 §2.2 examples for POST /path?param=value on www.example.com
        "https://www.example.com/path?param=value|@method|POST",
        "https://www.example.com/path?param=value|@target-uri|https://www.example.com/path?param=value",
        "https://www.example.com/path?param=value|@authority|www.example.com",
        "https://www.example.com/path?param=value|@scheme|https",
        "https://www.example.com/path?param=value|@request-target|/path?param=value",
        "https://www.example.com/path?param=value|@path|/path",
        "https://www.example.com/path?param=value|@query|?param=value",
        "https://www.example.com/path?param=value&foo=bar&baz=batman|@query|?param=value&foo=bar&baz=batman",
        "https://www.example.com/path?queryString|@query|?queryString",
        "https://www.example.com/path|@query|?",
        "https://www.example.com|@path|/",
        "https://www.example.com|@request-target|/",
        "HTTPS://WWW.Example.COM:443/x|@authority|www.example.com",
        "HTTPS://WWW.Example.COM:443/x|@scheme|https",
        "http://www.example.com:80/x|@authority|www.example.com",
        "https://www.example.com:8443/x|@authority|www.example.com:8443",
        "http://www.example.com:443/x|@authority|www.example.com:443",
        "https://www.example.com/a%20b/c?x=%41|@path|/a%20b/c",
        "https://www.example.com/a%20b/c?x=%41|@query|?x=%41",
    })
    void derivedComponents(String uri, String name, String expected) throws ComponentException {
        HttpMessage m = HttpMessage.request("POST", URI.create(uri), List.of(), null);
        assertEquals("\"" + name + "\": " + expected, line(m, ComponentIdentifier.of(name)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 9421 §2.2.8 examples.
        "?param=value&foo=bar&baz=batman&qux=|baz|batman",
        "?param=value&foo=bar&baz=batman&qux=|qux|''",
        "?param=value&foo=bar&baz=batman&qux=|param|value",
        "?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something|var|this%20is%20a%20big%0Amultiline%20value",
        "?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something|bar|with%20plus%20whitespace",
        "?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something|fa%C3%A7ade%22%3A%20|something",
        "?flag&x=1|flag|''",
    })
    void queryParameters(String query, String name, String expected) throws ComponentException {
        HttpMessage m = get("https://www.example.com/path" + query);
        assertEquals("\"@query-param\";name=\"" + name + "\": " + expected, line(m, ComponentIdentifier.queryParam(name)));
    }

    @Test
    void queryParametersThatCannotBeSigned() {
        HttpMessage repeated = get("https://a.example/p?a=1&a=2");
        assertEquals(FailureReason.MISSING_COMPONENT,
                assertThrows(ComponentException.class, () -> line(repeated, ComponentIdentifier.queryParam("a"))).reason());
        HttpMessage absent = get("https://a.example/p?a=1");
        assertEquals(FailureReason.MISSING_COMPONENT,
                assertThrows(ComponentException.class, () -> line(absent, ComponentIdentifier.queryParam("b"))).reason());
        assertEquals(FailureReason.MALFORMED_HEADER,
                assertThrows(ComponentException.class, () -> line(absent, ComponentIdentifier.of("@query-param"))).reason());
    }

    @Test
    void statusOfAResponseAndRequestComponentsWithReq() throws ComponentException {
        // RFC 9421 §2.2.9 and §2.4.
        HttpMessage request = HttpMessage.request("POST", URI.create("https://example.com/foo"),
                List.of(h("Content-Type", "application/json")), null);
        HttpMessage response = HttpMessage.response(200, URI.create("https://example.com/foo"), List.of(), null);
        assertEquals("\"@status\": 200", line(response, ComponentIdentifier.STATUS));
        String base = SignatureBase.build(response, request,
                List.of(ComponentIdentifier.STATUS, ComponentIdentifier.METHOD.req(), ComponentIdentifier.of("content-type").req()),
                "()");
        assertEquals("\"@status\": 200\n\"@method\";req: POST\n\"content-type\";req: application/json\n"
                + "\"@signature-params\": ()", base);
        assertEquals(FailureReason.MISSING_COMPONENT, assertThrows(ComponentException.class,
                () -> line(response, ComponentIdentifier.METHOD.req())).reason());
        assertEquals(FailureReason.MISSING_COMPONENT, assertThrows(ComponentException.class,
                () -> line(response, ComponentIdentifier.METHOD)).reason());
        assertEquals(FailureReason.MISSING_COMPONENT, assertThrows(ComponentException.class,
                () -> line(request, ComponentIdentifier.STATUS)).reason());
        assertEquals(FailureReason.MALFORMED_HEADER, assertThrows(ComponentException.class,
                () -> line(request, ComponentIdentifier.METHOD.req())).reason());
    }

    @Test
    void refusesWhatCannotBeSigned() {
        HttpMessage m = get("https://a.example/", h("A", "1"), h("B", "x\ny"));
        assertEquals(FailureReason.MISSING_COMPONENT,
                assertThrows(ComponentException.class, () -> line(m, ComponentIdentifier.of("absent"))).reason());
        assertEquals(FailureReason.MALFORMED_HEADER,
                assertThrows(ComponentException.class, () -> line(m, ComponentIdentifier.of("b"))).reason());
        assertEquals(FailureReason.MALFORMED_HEADER,
                assertThrows(ComponentException.class, () -> line(m, ComponentIdentifier.of("@unknown"))).reason());
        assertEquals(FailureReason.MALFORMED_HEADER,
                assertThrows(ComponentException.class, () -> line(m, ComponentIdentifier.of("@signature-params"))).reason());
        assertEquals(FailureReason.MALFORMED_HEADER,
                assertThrows(ComponentException.class, () -> line(m, ComponentIdentifier.of("a").bs().sf())).reason());
        assertEquals(FailureReason.MALFORMED_HEADER, assertThrows(ComponentException.class,
                () -> SignatureBase.build(m, null, List.of(ComponentIdentifier.of("a"), ComponentIdentifier.of("a")), "()"))
                .reason());
        ComponentIdentifier trailer = ComponentIdentifier.fromItem("a",
                coop.entraide.protocol.sf.Parameters.EMPTY.with("tr", coop.entraide.protocol.sf.BareItem.SfBoolean.TRUE));
        assertEquals(FailureReason.MALFORMED_HEADER, assertThrows(ComponentException.class, () -> line(m, trailer)).reason());
    }
}
