package coop.entraide.protocol.sig.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sf.StructuredFieldException;
import coop.entraide.protocol.sig.FailureReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDigestTest {

    // RFC 9530 §2: the content is {"hello": "world"} followed by a line feed.
    private static final byte[] HELLO_LF = "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8);
    // RFC 9421 Appendix B.2: the test-request content, without the line feed.
    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    // Verbatim from RFC 9530 §2 and Appendix B.
    private static final String RFC9530_SHA256 = "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:";
    private static final String RFC9530_SHA512 =
            "sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:";
    private static final String RFC9530_EMPTY = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";
    // Verbatim from RFC 9421 Appendix B.2 (test-request).
    private static final String RFC9421_SHA512 =
            "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    @Test
    void makesTheRfc9530Values() {
        assertEquals(RFC9530_SHA256, ContentDigest.sha256(HELLO_LF));
        assertEquals(RFC9530_SHA512, ContentDigest.headerValue(HELLO_LF, DigestAlgorithm.SHA_512));
        assertEquals(RFC9530_EMPTY, ContentDigest.sha256(new byte[0]));
        assertEquals(RFC9421_SHA512, ContentDigest.headerValue(HELLO, DigestAlgorithm.SHA_512));
        assertEquals(RFC9530_SHA256 + ", " + RFC9530_SHA512,
                ContentDigest.headerValue(HELLO_LF, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512));
    }

    @Test
    void verifiesTheRfc9530Values() {
        assertEquals(new DigestCheck.Matched(DigestAlgorithm.SHA_256), ContentDigest.verify(List.of(RFC9530_SHA256), HELLO_LF));
        assertEquals(new DigestCheck.Matched(DigestAlgorithm.SHA_512), ContentDigest.verify(List.of(RFC9530_SHA512), HELLO_LF));
        assertTrue(ContentDigest.verify(List.of(RFC9530_EMPTY), new byte[0]).ok());
        assertTrue(ContentDigest.verify(List.of(RFC9421_SHA512), HELLO).ok());
        assertTrue(ContentDigest.verify(List.of(RFC9530_SHA256, RFC9530_SHA512), HELLO_LF).ok());
    }

    @Test
    void ignoresUnknownAlgorithmsNextToAKnownOne() {
        // RFC 9530 §5 and Appendix B list insecure and unknown algorithms a recipient may skip.
        String header = "md5=:XrY7u+Ae7tCTyyK7j1rNww==:, unixsum=30637, " + RFC9530_SHA256 + ", x-future=(1 2)";
        assertEquals(new DigestCheck.Matched(DigestAlgorithm.SHA_256), ContentDigest.verify(List.of(header), HELLO_LF));
    }

    @Test
    void failsWithOnlyUnknownAlgorithms() {
        DigestCheck check = ContentDigest.verify(List.of("md5=:XrY7u+Ae7tCTyyK7j1rNww==:"), HELLO_LF);
        assertEquals(FailureReason.UNKNOWN_ALGORITHM, ((DigestCheck.Failed) check).reason());
    }

    @Test
    void failsWhenAnyKnownDigestIsWrong() {
        String wrongSha512 = ContentDigest.headerValue(HELLO, DigestAlgorithm.SHA_512);
        DigestCheck check = ContentDigest.verify(List.of(RFC9530_SHA256 + ", " + wrongSha512), HELLO_LF);
        assertEquals(FailureReason.BAD_DIGEST, ((DigestCheck.Failed) check).reason());
    }

    @Test
    void failsForATamperedBody() {
        DigestCheck check = ContentDigest.verify(List.of(RFC9530_SHA256), HELLO);
        assertEquals(FailureReason.BAD_DIGEST, ((DigestCheck.Failed) check).reason());
    }

    @Test
    void failsWhenAbsent() {
        assertEquals(FailureReason.MISSING_DIGEST, ((DigestCheck.Failed) ContentDigest.verify(List.of(), HELLO)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sha-256=RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=", // RFC 3230 syntax, not a dictionary
        "sha-256=\"RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=\"", // a string, not a byte sequence
        "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=", // unterminated byte sequence
        "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:,", // trailing comma
        "SHA-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:", // keys are lower case
        "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8Fa:", // truncated digest
        "sha-256=(:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:)", // inner list
    })
    void reportsMalformedHeaders(String header) {
        DigestCheck check = ContentDigest.verify(List.of(header), HELLO_LF);
        assertEquals(FailureReason.MALFORMED_HEADER, ((DigestCheck.Failed) check).reason(), check.toString());
    }

    @Test
    void parsesKnownDigestsAcrossFieldLines() throws StructuredFieldException {
        Map<DigestAlgorithm, byte[]> digests = ContentDigest.parse(List.of(RFC9530_SHA512, "md5=:AA==:", RFC9530_SHA256));
        assertEquals(2, digests.size());
        assertArrayEquals(Base64.getDecoder().decode("RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg="),
                digests.get(DigestAlgorithm.SHA_256));
        assertThrows(StructuredFieldException.class, () -> ContentDigest.parse(List.of("sha-512=1")));
    }
}
