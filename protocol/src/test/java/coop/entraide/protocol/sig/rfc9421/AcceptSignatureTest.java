package coop.entraide.protocol.sig.rfc9421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.rfc9421.AcceptSignature.Read;
import coop.entraide.protocol.sig.rfc9421.AcceptSignature.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptSignatureTest {

    /** RFC 9421 §5.1, the example field, unwrapped (RFC 8792 line folding removed). */
    private static final String RFC_EXAMPLE = "sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\" "
            + "\"cache-control\");keyid=\"test-key-rsa-pss\";created;tag=\"app-123\"";

    private static AcceptSignature parsed(String... lines) {
        Read read = AcceptSignature.parse(Arrays.asList(lines));
        return assertInstanceOf(Read.Parsed.class, read, () -> read.toString()).field();
    }

    private static String malformed(String... lines) {
        Read read = AcceptSignature.parse(Arrays.asList(lines));
        return assertInstanceOf(Read.Malformed.class, read, () -> read.toString()).why();
    }

    @Test
    void readsTheRfcExample() {
        AcceptSignature field = parsed(RFC_EXAMPLE);

        assertEquals(1, field.requests().size());
        Request sig1 = field.request("sig1").orElseThrow();
        assertEquals(List.of("@method", "@target-uri", "@authority", "content-digest", "cache-control"),
                sig1.components().stream().map(ComponentIdentifier::name).toList());
        assertEquals(Optional.of("test-key-rsa-pss"), sig1.keyId());
        assertEquals(Optional.of("app-123"), sig1.tag());
        assertTrue(sig1.wantsCreated());
        assertFalse(sig1.wantsExpires());
        assertEquals(Optional.empty(), sig1.alg());
        assertTrue(sig1.covers("content-digest"));
        assertFalse(sig1.covers("date"));
    }

    @Test
    void writesTheRfcExampleBackByteForByte() {
        assertEquals(RFC_EXAMPLE, parsed(RFC_EXAMPLE).serialize());
    }

    @Test
    void writesWhatOurInboxesAskFor() {
        AcceptSignature ours = AcceptSignature.of(List.of(
                AcceptSignature.request("ed25519", SignatureAlgorithm.ED25519, ComponentIdentifier.METHOD,
                        ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST),
                AcceptSignature.request("rsa", SignatureAlgorithm.RSA_V1_5_SHA256, ComponentIdentifier.METHOD,
                        ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST)));

        String value = ours.serialize();

        assertEquals("ed25519=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"ed25519\";created, "
                + "rsa=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"rsa-v1_5-sha256\";created", value);
        assertEquals(ours, parsed(value));
        assertEquals(Optional.of("ed25519"), parsed(value).request("ed25519").orElseThrow().alg());
    }

    @Test
    void combinesSeveralFieldLines() {
        AcceptSignature field = parsed("a=(\"@method\");alg=\"ed25519\"", "b=(\"@path\")");
        assertEquals(List.of("a", "b"), field.requests().stream().map(Request::label).toList());
    }

    @Test
    void anEmptyFieldAsksForNothing() {
        assertTrue(parsed("").requests().isEmpty());
        assertTrue(parsed("   ").requests().isEmpty());
    }

    @Test
    void keepsUnknownParametersAndComponentParameters() {
        Request r = parsed("sig1=(\"signature\";key=\"sig0\" \"@query-param\";name=\"a\");future=?1;alg=\"ed25519\"")
                .request("sig1").orElseThrow();
        assertTrue(r.parameters().containsKey("future"));
        assertTrue(r.components().get(0).has("key"));
        assertEquals("@query-param", r.components().get(1).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sig1=\"@method\"",                       // an item, not an inner list
            "sig1=(@method)",                          // tokens cannot start with @
            "sig1=(method)",                           // a token, not a string
            "sig1=(\"@Method\")",                     // component names are lower case
            "sig1=(\"\")",                             // empty name
            "sig1=(\"@method\" 1)",                    // an integer component
            "sig1=(\"@method\");created=1618884475",  // created asks; it carries no value
            "sig1=(\"@method\");expires=?0",           // a false flag
            "sig1=(\"@method\");alg=ed25519",          // alg must be a string
            "sig1=(\"@method\");keyid=:AAAA:",         // keyid must be a string
            "sig1=(\"@method\");tag=1",
            "sig1=(\"@method\");nonce=?1",
            "sig1=(\"@method\"",                       // unclosed
            "sig1=(\"@method\"),",                     // trailing comma
            "Sig1=(\"@method\")",                      // keys are lower case
            "sig1=(\"@method\") sig2=(\"@path\")",     // missing comma
            "sig1=(\"caf\u00e9\")",                    // non-ASCII
    })
    void refusesMalformedFields(String value) {
        malformed(value);
    }

    @Test
    void refusesAbsentAndNullLines() {
        assertInstanceOf(Read.Malformed.class, AcceptSignature.parse(List.of()));
        assertInstanceOf(Read.Malformed.class, AcceptSignature.parse(Arrays.asList("sig1=(\"@method\")", null)));
    }

    @Test
    void refusesHostileSizesBeforeParsing() {
        String huge = "sig1=(" + "\"@method\" ".repeat(1000) + ")";
        assertTrue(malformed(huge).contains("longer than"));

        List<String> members = new ArrayList<>();
        for (int i = 0; i <= AcceptSignature.MAX_REQUESTS; i++) {
            members.add("s" + i + "=(\"@method\")");
        }
        assertTrue(malformed(String.join(", ", members)).contains("more than " + AcceptSignature.MAX_REQUESTS));

        String manyComponents = "sig1=(" + "\"@path\" ".repeat(AcceptSignature.MAX_COMPONENTS + 1).trim() + ")";
        assertTrue(malformed(manyComponents).contains("components"));

        List<String> manyLines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            manyLines.add("a=(\"@path\")");
        }
        assertTrue(malformed(manyLines.toArray(String[]::new)).contains("longer than"));
    }

    @Test
    void neverThrowsOnArbitraryInput() {
        String alphabet = "sig1=(\"@method\" content-digest);alg=\"ed25519\";created,:*?-_.0123456789 \t\\%\u00e9";
        java.util.Random random = new java.util.Random(9421);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(80);
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Read read = AcceptSignature.parse(List.of(value.toString()));
            assertTrue(read instanceof Read.Parsed || read instanceof Read.Malformed, value::toString);
        }
    }

    @Test
    void refusesDuplicateLabelsAndTooManyRequestsWhenBuilt() {
        Request one = AcceptSignature.request("sig1", SignatureAlgorithm.ED25519, ComponentIdentifier.METHOD);
        assertThrows(IllegalArgumentException.class, () -> AcceptSignature.of(List.of(one, one)));
        assertThrows(IllegalArgumentException.class,
                () -> AcceptSignature.request("Not A Key", SignatureAlgorithm.ED25519, ComponentIdentifier.METHOD));
    }
}
