package coop.entraide.protocol.sig.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.protocol.sig.FailureReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LegacyDigestTest {

    private static final byte[] HELLO_LF = "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void makesTheMastodonStyleHeader() {
        // The digest of the derived draft-cavage vector (PROTOCOL.md TV-14), body with final LF.
        assertEquals("SHA-256=RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=", LegacyDigest.headerValue(HELLO_LF));
        // draft-ietf-httpbis-message-signatures-06 test-request: Digest of {"hello": "world"}.
        assertEquals("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", LegacyDigest.headerValue(HELLO));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
        "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
        "MD5=Sd/dVLAcvNLSq16eXua5uQ==, SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
        "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=,unixsum=30637",
        " SHA-256 = X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE= ",
    })
    void acceptsWhatServersSend(String header) {
        assertEquals(new DigestCheck.Matched(DigestAlgorithm.SHA_256), LegacyDigest.verify(header, HELLO));
    }

    @Test
    void acceptsSha512() {
        String header = LegacyDigest.headerValue(HELLO, DigestAlgorithm.SHA_512);
        assertEquals(new DigestCheck.Matched(DigestAlgorithm.SHA_512), LegacyDigest.verify(header, HELLO));
    }

    @Test
    void rejectsATamperedBody() {
        DigestCheck check = LegacyDigest.verify(LegacyDigest.headerValue(HELLO), HELLO_LF);
        assertEquals(FailureReason.BAD_DIGEST, ((DigestCheck.Failed) check).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Hex is refused, as Mastodon does ("not a SHA-256 digest").
        "SHA-256=5f8f04f6a3a892aaabbedbdb1cf3897049337394e0d4a325b105fee4bbbd04f1",
        "SHA-256=not base64!",
        "SHA-256",
        "=abc",
        "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=,",
    })
    void reportsMalformedHeaders(String header) {
        DigestCheck check = LegacyDigest.verify(header, HELLO);
        assertEquals(FailureReason.MALFORMED_HEADER, ((DigestCheck.Failed) check).reason(), check.toString());
    }

    @Test
    void reportsMissingAndUnknown() {
        assertEquals(FailureReason.MISSING_DIGEST, ((DigestCheck.Failed) LegacyDigest.verify(List.of(), HELLO)).reason());
        assertEquals(FailureReason.MISSING_DIGEST, ((DigestCheck.Failed) LegacyDigest.verify((String) null, HELLO)).reason());
        assertEquals(FailureReason.UNKNOWN_ALGORITHM,
                ((DigestCheck.Failed) LegacyDigest.verify("MD5=Sd/dVLAcvNLSq16eXua5uQ==", HELLO)).reason());
    }
}
