package coop.entraide.protocol.sig.cavage;

import static coop.entraide.protocol.sig.cavage.Messages.assertFails;
import static coop.entraide.protocol.sig.cavage.Messages.assertVerified;
import static coop.entraide.protocol.sig.cavage.Messages.replacing;
import static coop.entraide.protocol.sig.cavage.Messages.verify;
import static coop.entraide.protocol.sig.cavage.Messages.withBody;
import static coop.entraide.protocol.sig.cavage.Messages.withSignatureParam;
import static coop.entraide.protocol.sig.cavage.Messages.withTarget;
import static coop.entraide.protocol.sig.cavage.Messages.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A known-good inbox delivery shaped like Mastodon's verifies, and every single change to it
 * fails for the reason that change deserves.
 */
class MastodonSignedPostTest {

    private static final HttpMessage SIGNED = RawHttp.request("/mastodon/inbox-post-signed.http");
    private static final Instant SIGNED_AT = Instant.parse("2021-04-20T02:07:55Z");
    private static final String KEY_ID = "https://example.org/users/alice#main-key";

    private static VerifyAt verifyNow(HttpMessage message) {
        return new VerifyAt(message);
    }

    private record VerifyAt(HttpMessage message) {
        coop.entraide.protocol.sig.VerifyResult at(Instant now) {
            return verify(message, TestKeys.RSA_PUBLIC, now);
        }
    }

    @Test
    void verifiesMastodonDelivery() {
        assertVerified(verify(SIGNED, TestKeys.RSA_PUBLIC, SIGNED_AT), KEY_ID);
    }

    @Test
    void signerReproducesTheSameDeliveryByteForByte() {
        HttpMessage unsigned = without(without(without(SIGNED, "Signature"), "Digest"), "Date");
        HttpMessage signed = CavageSigner.rsaSha256(KEY_ID, TestKeys.RSA_PRIVATE).sign(unsigned, SIGNED_AT);
        assertEquals(SIGNED.header("Signature"), signed.header("Signature"));
        assertEquals(SIGNED.header("Digest"), signed.header("Digest"));
        assertEquals(SIGNED.header("Date"), signed.header("Date"));
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                // The body and its digest.
                mutation("one body byte changed", m -> withBody(m, "{\"hello\": \"World\"}\n".getBytes(StandardCharsets.UTF_8)),
                        FailureReason.BAD_DIGEST),
                mutation("body lost its final newline", m -> withBody(m, "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)),
                        FailureReason.BAD_DIGEST),
                mutation("body emptied", m -> withBody(m, new byte[0]), FailureReason.BAD_DIGEST),
                mutation("body and Digest both replaced", m -> replacing(
                                withBody(m, "{}".getBytes(StandardCharsets.UTF_8)), "Digest",
                                coop.entraide.protocol.sig.digest.LegacyDigest.headerValue("{}".getBytes(StandardCharsets.UTF_8))),
                        FailureReason.BAD_SIGNATURE),
                mutation("Digest removed", m -> without(m, "Digest"), FailureReason.MISSING_DIGEST),
                mutation("Digest of another algorithm only", m -> replacing(m, "Digest", "MD5=Sd/dVLAcvNLSq16eXua5uQ=="),
                        FailureReason.UNKNOWN_ALGORITHM),
                mutation("Digest in hex", m -> replacing(m, "Digest",
                                "SHA-256=44aff4ab2d7c32505256756a8f0cfa9591168cffe51791c5f5bbc417c15a6c38"),
                        // A hex digest decodes as base64 of the wrong length: reported as malformed,
                        // with the length in the detail, by the shared digest code.
                        FailureReason.MALFORMED_HEADER),
                mutation("Digest not base64", m -> replacing(m, "Digest", "SHA-256=not base64!"),
                        FailureReason.MALFORMED_HEADER),
                // Covered header values.
                mutation("Host changed", m -> replacing(m, "Host", "mastodon.example.net"), FailureReason.BAD_SIGNATURE),
                mutation("Date one second later", m -> replacing(m, "Date", "Tue, 20 Apr 2021 02:07:56 GMT"),
                        FailureReason.BAD_SIGNATURE),
                mutation("Content-Type changed", m -> replacing(m, "Content-Type", "application/ld+json"),
                        FailureReason.BAD_SIGNATURE),
                mutation("second Content-Type value", m -> m.withHeader("Content-Type", "text/plain"),
                        FailureReason.BAD_SIGNATURE),
                mutation("Date not an HTTP date", m -> replacing(m, "Date", "2021-04-20T02:07:55Z"),
                        FailureReason.MALFORMED_HEADER),
                mutation("Date removed", m -> without(m, "Date"), FailureReason.MISSING_COMPONENT),
                mutation("Host removed", m -> without(m, "Host"), FailureReason.MISSING_COMPONENT),
                mutation("Content-Type removed", m -> without(m, "Content-Type"), FailureReason.MISSING_COMPONENT),
                // The request line.
                mutation("method changed", m -> withTarget(m, "PUT", m.target().toString()), FailureReason.BAD_SIGNATURE),
                mutation("path changed", m -> withTarget(m, "POST", "https://mastodon.example/users/bob/inbox"),
                        FailureReason.BAD_SIGNATURE),
                mutation("path to the shared inbox", m -> withTarget(m, "POST", "https://mastodon.example/inbox"),
                        FailureReason.BAD_SIGNATURE),
                // The Signature header itself.
                mutation("Signature removed", m -> without(m, "Signature"), FailureReason.MISSING_SIGNATURE),
                mutation("signature not base64", m -> withSignatureParam(m, "signature", "\"!!not*base64!!\""),
                        FailureReason.MALFORMED_HEADER),
                mutation("signature one bit flipped", m -> withSignatureParam(m, "signature", flippedSignature(m)),
                        FailureReason.BAD_SIGNATURE),
                mutation("signature truncated", m -> withSignatureParam(m, "signature", "\"bTlWyhioU67EXOL2\""),
                        FailureReason.BAD_SIGNATURE),
                mutation("signature empty", m -> withSignatureParam(m, "signature", "\"\""), FailureReason.MALFORMED_HEADER),
                mutation("algorithm unknown", m -> withSignatureParam(m, "algorithm", "\"rsa-sha512\""),
                        FailureReason.UNKNOWN_ALGORITHM),
                mutation("algorithm hmac", m -> withSignatureParam(m, "algorithm", "\"hmac-sha256\""),
                        FailureReason.UNKNOWN_ALGORITHM),
                mutation("headers reordered", m -> withSignatureParam(m, "headers",
                        "\"(request-target) date host digest content-type\""), FailureReason.BAD_SIGNATURE),
                mutation("digest dropped from headers", m -> withSignatureParam(m, "headers",
                        "\"(request-target) host date content-type\""), FailureReason.MISSING_DIGEST),
                mutation("content-type dropped from headers", m -> withSignatureParam(m, "headers",
                        "\"(request-target) host date digest\""), FailureReason.BAD_SIGNATURE),
                mutation("host dropped from headers", m -> withSignatureParam(m, "headers",
                        "\"(request-target) date digest content-type\""), FailureReason.MISSING_COMPONENT),
                mutation("(request-target) dropped from headers", m -> withSignatureParam(m, "headers",
                        "\"host date digest content-type\""), FailureReason.MISSING_COMPONENT),
                mutation("date dropped from headers", m -> withSignatureParam(m, "headers",
                        "\"(request-target) host digest content-type\""), FailureReason.MISSING_COMPONENT),
                mutation("headers parameter removed", m -> withSignatureParam(m, "headers", null),
                        FailureReason.MISSING_COMPONENT),
                mutation("headers parameter empty", m -> withSignatureParam(m, "headers", "\"\""),
                        FailureReason.MALFORMED_HEADER),
                mutation("(created) covered under rsa-sha256", m -> withSignatureParam(withSignatureParam(m, "headers",
                                "\"(request-target) host (created) digest content-type\""), "created", "1618884475"),
                        FailureReason.MALFORMED_HEADER),
                mutation("keyId removed", m -> withSignatureParam(m, "keyId", null), FailureReason.MALFORMED_HEADER),
                mutation("keyId quote left open", m -> withSignatureParam(m, "keyId", "\"https://example.org/users/alice"),
                        FailureReason.MALFORMED_HEADER),
                mutation("parameter repeated", m -> withSignatureParam(m, "algorithm", "\"rsa-sha256\",algorithm=\"hs2019\""),
                        FailureReason.MALFORMED_HEADER),
                mutation("second Signature header", m -> m.withHeader("Signature", m.header("Signature").orElseThrow()),
                        FailureReason.MALFORMED_HEADER),
                mutation("RFC 9421 Signature-Input alongside", m -> m.withHeader("Signature-Input",
                        "sig1=(\"@method\");keyid=\"k\""), FailureReason.MALFORMED_HEADER));
    }

    private static Arguments mutation(String name, UnaryOperator<HttpMessage> change, FailureReason reason) {
        return Arguments.of(name, change, reason);
    }

    private static String flippedSignature(HttpMessage m) {
        String header = m.header("Signature").orElseThrow();
        String b64 = header.substring(header.indexOf("signature=\"") + 11, header.length() - 1);
        byte[] bytes = Base64.getDecoder().decode(b64);
        bytes[100] ^= 0x01;
        return "\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("mutations")
    void everyMutationFailsForItsReason(String name, UnaryOperator<HttpMessage> change, FailureReason reason) {
        HttpMessage mutated = change.apply(SIGNED);
        assertFails(reason, verify(mutated, TestKeys.RSA_PUBLIC, SIGNED_AT));
    }

    @Test
    void otherKeyFails() {
        assertFails(FailureReason.BAD_SIGNATURE, verify(SIGNED, TestKeys.otherRsa().getPublic(), SIGNED_AT));
    }

    @Test
    void ed25519KeyForRsaSha256IsAKeyMismatch() {
        assertFails(FailureReason.KEY_MISMATCH, verify(SIGNED, TestKeys.ED25519_PUBLIC, SIGNED_AT));
    }

    @Test
    void acceptsDateFromSixtyFiveMinutesBeforeToSixtyMinutesAfter() {
        assertVerified(verifyNow(SIGNED).at(SIGNED_AT.minus(Duration.ofMinutes(60))), KEY_ID);
        assertVerified(verifyNow(SIGNED).at(SIGNED_AT.plus(Duration.ofMinutes(65))), KEY_ID);
    }

    @Test
    void dateTooFarInThePastOrFutureIsClockSkew() {
        Duration justOver = Duration.ofSeconds(1);
        assertFails(FailureReason.CLOCK_SKEW,
                verifyNow(SIGNED).at(SIGNED_AT.minus(Duration.ofMinutes(60)).minus(justOver)));
        assertFails(FailureReason.CLOCK_SKEW,
                verifyNow(SIGNED).at(SIGNED_AT.plus(Duration.ofMinutes(65)).plus(justOver)));
        assertFails(FailureReason.CLOCK_SKEW, verifyNow(SIGNED).at(SIGNED_AT.plus(Duration.ofHours(12))));
    }

    @Test
    void uncoveredExpiresCannotWidenTheWindow() {
        HttpMessage stretched = withSignatureParam(SIGNED, "expires",
                Long.toString(SIGNED_AT.plus(Duration.ofHours(12)).getEpochSecond()));
        assertFails(FailureReason.CLOCK_SKEW, verifyNow(stretched).at(SIGNED_AT.plus(Duration.ofHours(3))));
    }

    @Test
    void uncoveredCreatedCannotRefreshAStaleDate() {
        Instant later = SIGNED_AT.plus(Duration.ofHours(5));
        HttpMessage refreshed = withSignatureParam(SIGNED, "created", Long.toString(later.getEpochSecond()));
        assertFails(FailureReason.CLOCK_SKEW, verifyNow(refreshed).at(later));
    }

    @Test
    void algorithmHs2019WithTheSameRsaSignatureVerifies() {
        assertVerified(verify(withSignatureParam(SIGNED, "algorithm", "\"hs2019\""), TestKeys.RSA_PUBLIC, SIGNED_AT),
                KEY_ID);
    }

    @Test
    void absentAlgorithmMeansHs2019AndVerifiesWithRsa() {
        assertVerified(verify(withSignatureParam(SIGNED, "algorithm", null), TestKeys.RSA_PUBLIC, SIGNED_AT), KEY_ID);
    }

    @Test
    void addedQueryPassesOnlyThroughMastodonsLegacyFallback() {
        HttpMessage withQuery = withTarget(SIGNED, "POST", "https://mastodon.example/users/alice/inbox?x=1");
        assertVerified(verify(withQuery, TestKeys.RSA_PUBLIC, SIGNED_AT), KEY_ID);
        CavageVerifier.Policy strict = new CavageVerifier.Policy(
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(12), false);
        assertFails(FailureReason.BAD_SIGNATURE, verify(withQuery, TestKeys.RSA_PUBLIC, SIGNED_AT, strict));
    }
}
