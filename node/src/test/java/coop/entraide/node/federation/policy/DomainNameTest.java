package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DomainNameTest {

    static DomainName valid(String text) {
        DomainName.Parsed parsed = DomainName.parse(text);
        return assertInstanceOf(DomainName.Valid.class, parsed, () -> text + " -> " + parsed).domain();
    }

    static DomainName.Invalid invalid(String text) {
        DomainName.Parsed parsed = DomainName.parse(text);
        return assertInstanceOf(DomainName.Invalid.class, parsed, () -> text + " -> " + parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.org             | example.org",
            "Example.ORG             | example.org",
            "'  example.org  '       | example.org",
            "example.org.            | example.org",
            "example.org:8443        | example.org",
            "social.example.org:443  | social.example.org",
            "bücher.example          | xn--bcher-kva.example",
            "BÜCHER.example          | xn--bcher-kva.example",
            "xn--bcher-kva.example   | xn--bcher-kva.example",
            "пример.испытание        | xn--e1afmkfd.xn--80akhbyknj4f",
            "localhost               | localhost",
            "192.0.2.7               | 192.0.2.7",
            "192.0.2.7:8080          | 192.0.2.7",
            "[2001:DB8::1]           | [2001:db8:0:0:0:0:0:1]",
            "[2001:db8::1]:8443      | [2001:db8:0:0:0:0:0:1]",
    })
    void normalisesWhatOperatorsAndRequestsWrite(String text, String expected) {
        assertEquals(expected, valid(text).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "*", "*.example.org", "https://example.org", "example.org/users/a",
            "exa mple.org", "alice@example.org", "example..org", "-bad.example", "example.org:http",
            "ex_ample.org", "example.org?x", "[2001:db8::1", "[zz::1]", "300.1.2.3"})
    void refusesWhatIsNotADomain(String text) {
        DomainName.Invalid e = invalid(text);
        assertTrue(e.message().startsWith("'" + text + "' is not a domain name: "), e.message());
        assertFalse(e.message().contains("\n"));
    }

    @Test
    void explainsTheCommonMistakes() {
        assertTrue(invalid("https://example.org").reason().contains("without https://"));
        assertTrue(invalid("*.example.org").reason().contains("also covers"));
        assertTrue(invalid("exa mple.org").reason().contains("spaces"));
        assertTrue(invalid("").reason().contains("empty"));
        assertTrue(invalid("example.org/about").reason().contains("path"));
    }

    @Test
    void listsItselfThenItsParents() {
        assertEquals(List.of("a.b.example.org", "b.example.org", "example.org", "org"),
                valid("a.b.example.org").selfAndParents());
        assertEquals(List.of("192.0.2.7"), valid("192.0.2.7").selfAndParents(), "an address has no parents");
    }

    @Test
    void coversItsSubdomainsOnly() {
        DomainName example = valid("example.org");
        assertTrue(example.covers(valid("example.org")));
        assertTrue(example.covers(valid("a.b.example.org")));
        assertFalse(example.covers(valid("badexample.org")), "a suffix that is not at a dot is another domain");
        assertFalse(example.covers(valid("example.org.evil")));
        assertFalse(valid("2.7").covers(valid("192.0.2.7")));
    }
}
