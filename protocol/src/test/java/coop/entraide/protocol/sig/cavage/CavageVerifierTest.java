package coop.entraide.protocol.sig.cavage;

import static coop.entraide.protocol.sig.cavage.Messages.assertFails;
import static coop.entraide.protocol.sig.cavage.Messages.assertVerified;
import static coop.entraide.protocol.sig.cavage.Messages.replacing;
import static coop.entraide.protocol.sig.cavage.Messages.verify;
import static coop.entraide.protocol.sig.cavage.Messages.withBody;
import static coop.entraide.protocol.sig.cavage.Messages.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CavageVerifierTest {

    private static final String KEY_ID = "https://entraide.example/actors/coop#main-key";
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    private static final byte[] BODY = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);
    private static final CavageSigner RSA = CavageSigner.rsaSha256(KEY_ID, TestKeys.RSA_PRIVATE);
    private static final CavageSigner ED25519 = CavageSigner.hs2019(KEY_ID, TestKeys.ED25519_PRIVATE);
    private static final CavageVerifier VERIFIER = new CavageVerifier();

    private static HttpMessage post() {
        return HttpMessage.request("POST", URI.create("https://entraide.example/inbox"),
                List.of(new HttpMessage.Header("Content-Type", "application/activity+json")), BODY);
    }

    private static HttpMessage get() {
        return HttpMessage.request("GET", URI.create("https://entraide.example/offers/42"), List.of(), null);
    }

    private static CavageSignature parsed(HttpMessage message) {
        return assertInstanceOf(CavageParseResult.Parsed.class, VERIFIER.parse(message)).signature();
    }

    private static VerifyFailure parseFailure(HttpMessage message) {
        return new VerifyFailure(assertInstanceOf(CavageParseResult.Rejected.class, VERIFIER.parse(message)));
    }

    private record VerifyFailure(CavageParseResult.Rejected rejected) {
        FailureReason reason() {
            return rejected.failure().reason();
        }
    }

    // GET

    @Test
    void signedGetVerifies() {
        assertVerified(verify(RSA.sign(get(), NOW), TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void getWithoutHostCoveredFails() {
        HttpMessage signed = RSA.sign(get(), NOW, List.of("(request-target)", "date"));
        assertFails(FailureReason.MISSING_COMPONENT, verify(signed, TestKeys.RSA_PUBLIC, NOW));
    }

    @Test
    void getSignedForAnotherPathFails() {
        HttpMessage signed = RSA.sign(get(), NOW);
        HttpMessage moved = Messages.withTarget(signed, "GET", "https://entraide.example/offers/43");
        assertFails(FailureReason.BAD_SIGNATURE, verify(moved, TestKeys.RSA_PUBLIC, NOW));
    }

    @Test
    void getWithABodyMustCoverDigest() {
        HttpMessage signed = RSA.sign(get(), NOW);
        assertFails(FailureReason.MISSING_DIGEST, verify(withBody(signed, BODY), TestKeys.RSA_PUBLIC, NOW));
    }

    @Test
    void postWithEmptyBodyMustStillCoverDigest() {
        HttpMessage empty = HttpMessage.request("POST", URI.create("https://entraide.example/inbox"), List.of(), null);
        HttpMessage signed = RSA.sign(empty, NOW, List.of("(request-target)", "host", "date"));
        assertFails(FailureReason.MISSING_DIGEST, verify(signed, TestKeys.RSA_PUBLIC, NOW));
        assertVerified(verify(RSA.sign(empty, NOW), TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    // Ed25519 under hs2019

    @Test
    void ed25519RoundTrip() {
        HttpMessage signed = ED25519.sign(post(), NOW);
        assertVerified(verify(signed, TestKeys.ED25519_PUBLIC, NOW), KEY_ID);
        assertVerified(verify(ED25519.sign(get(), NOW), TestKeys.ED25519_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void ed25519SignatureFailsWithAnotherKeyOrChangedHeader() {
        HttpMessage signed = ED25519.sign(post(), NOW);
        assertFails(FailureReason.BAD_SIGNATURE, verify(signed, TestKeys.otherEd25519().getPublic(), NOW));
        assertFails(FailureReason.BAD_SIGNATURE,
                verify(replacing(signed, "Content-Type", "text/html"), TestKeys.ED25519_PUBLIC, NOW));
    }

    @Test
    void hs2019SignatureCheckedWithTheOtherKindOfKeyFails() {
        assertFails(FailureReason.BAD_SIGNATURE, verify(ED25519.sign(post(), NOW), TestKeys.RSA_PUBLIC, NOW));
    }

    @Test
    void keyOfAnUnsupportedTypeIsAMismatch() throws Exception {
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertFails(FailureReason.KEY_MISMATCH, verify(ED25519.sign(post(), NOW), ec.generateKeyPair().getPublic(), NOW));
    }

    // Header forms

    @Test
    void authorizationSignatureFormVerifies() {
        HttpMessage signed = RSA.sign(post(), NOW);
        HttpMessage authorization = without(signed, "Signature")
                .withHeader("Authorization", "Signature " + signed.header("Signature").orElseThrow());
        assertVerified(verify(authorization, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void authorizationWithAnotherSchemeIsNoSignature() {
        HttpMessage bearer = get().withHeader("Authorization", "Bearer abc");
        assertEquals(FailureReason.MISSING_SIGNATURE, parseFailure(bearer).reason());
    }

    @Test
    void strayPrefixAndSpacesInSignatureHeaderAreTolerated() {
        HttpMessage signed = RSA.sign(post(), NOW);
        String value = signed.header("Signature").orElseThrow().replace(",", " , ")
                .replaceAll("(keyId|algorithm|headers|signature)=\"", "$1 = \"");
        HttpMessage loose = replacing(signed, "Signature", "Signature  " + value);
        assertVerified(verify(loose, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        HttpMessage signed = RSA.sign(post(), NOW);
        List<HttpMessage.Header> shouting = new ArrayList<>();
        for (HttpMessage.Header h : signed.headers()) {
            String name = h.name().equals("Signature") ? "signature" : h.name().toUpperCase(java.util.Locale.ROOT);
            String value = h.name().equals("Signature")
                    ? h.value().replace("keyId=", "KEYID=").replace("(request-target) host date digest content-type",
                            "(Request-Target) Host DATE Digest Content-Type")
                    : h.value();
            shouting.add(new HttpMessage.Header(name, value));
        }
        HttpMessage renamed = new HttpMessage("POST", signed.target(), 0, shouting, BODY);
        assertVerified(verify(renamed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void headerValuesSplitOverSeveralLinesMatchOneCombinedLine() {
        HttpMessage request = get().withHeader("Accept", "application/activity+json")
                .withHeader("Accept", "application/ld+json");
        HttpMessage signed = RSA.sign(request, NOW, List.of("(request-target)", "host", "date", "accept"));
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
        HttpMessage combined = without(signed, "Accept")
                .withHeader("Accept", "application/activity+json, application/ld+json");
        assertVerified(verify(combined, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
        HttpMessage swapped = without(signed, "Accept")
                .withHeader("Accept", "application/ld+json").withHeader("Accept", "application/activity+json");
        assertFails(FailureReason.BAD_SIGNATURE, verify(swapped, TestKeys.RSA_PUBLIC, NOW));
    }

    // Parsing

    @Test
    void parsesAllParameters() {
        HttpMessage message = get().withHeader("Signature", "keyId=\"https://a.example/u/x, y \\\"z\\\"#k\","
                + "algorithm=\"HS2019\",headers=\"(request-target)  host\tdate (created)\",created=1700000000,"
                + "expires=\"1700000300\",signature=\"AAEC\",ext=\"ignored\"");
        CavageSignature s = parsed(message);
        assertEquals("https://a.example/u/x, y \"z\"#k", s.keyId());
        assertEquals("hs2019", s.algorithm());
        assertEquals(List.of("(request-target)", "host", "date", "(created)"), s.headers());
        assertArrayEquals(new byte[] {0, 1, 2}, s.signature());
        assertEquals(Optional.of(Instant.ofEpochSecond(1700000000)), s.created());
        assertEquals(Optional.of(Instant.ofEpochSecond(1700000300)), s.expires());
    }

    @Test
    void headerNamesAreSplitOnAnyRunOfSpacesAndTabs() {
        CavageSignature s = parsed(get().withHeader("Signature", "keyId=\"https://a.example/u#k\",signature=\"AAEC\","
                + "headers=\"\t Host \t\tDATE\t\""));
        assertEquals(List.of("host", "date"), s.headers());
        assertTrue(parseFailure(get().withHeader("Signature", "keyId=\"https://a.example/u#k\",signature=\"AAEC\","
                + "headers=\" \t \"")).rejected().failure().detail().contains("headers parameter is empty"));
    }

    @Test
    void quotedValuesWithAndWithoutEscapesReadTheSame() {
        CavageSignature plain = parsed(get().withHeader("Signature", "keyId=\"https://a.example/u#k\",signature=\"AAEC\""));
        CavageSignature escaped = parsed(get().withHeader("Signature", "keyId=\"https://a.example/\\u#k\",signature=\"AA\\EC\""));
        assertEquals("https://a.example/u#k", plain.keyId());
        assertEquals(plain.keyId(), escaped.keyId());
        assertArrayEquals(plain.signature(), escaped.signature());
    }

    @Test
    void absentHeadersDefaultLikeMastodon() {
        assertEquals(List.of("(created)"), parsed(get().withHeader("Signature", "keyId=\"k\",signature=\"AA==\"")).headers());
        assertEquals(List.of("date"), parsed(get().withHeader("Signature",
                "keyId=\"k\",algorithm=\"rsa-sha256\",signature=\"AA==\"")).headers());
    }

    @Test
    void malformedParametersAreRejectedWithTheKeyIdWhenKnown() {
        HttpMessage badCreated = get().withHeader("Signature", "keyId=\"k\",created=\"soon\",signature=\"AA==\"");
        VerifyFailure failure = parseFailure(badCreated);
        assertEquals(FailureReason.MALFORMED_HEADER, failure.reason());
        assertEquals("k", failure.rejected().failure().keyId());
        for (String header : List.of("", "keyId", "keyId=", "=\"x\"", "keyId=\"k\" signature=\"AA==\"",
                "keyId=\"k\",,signature=", "signature=\"AA==\"", "keyId=\"\",signature=\"AA==\"",
                "keyId=\"k\",signature=\"AA==\",expires=1.5", "keyId=\"k,signature=\"AA==",
                "keyId=\"k\",signature=\"AA==", "keyId=\"k\\\"\",signature=\"AA==\\\"", "keyId=\"k\\")) {
            assertEquals(FailureReason.MALFORMED_HEADER, parseFailure(get().withHeader("Signature", header)).reason(),
                    header);
        }
    }

    @Test
    void oversizedHeaderIsRejected() {
        String huge = "keyId=\"" + "k".repeat(SignatureHeaderParser.MAX_LENGTH) + "\",signature=\"AA==\"";
        assertEquals(FailureReason.MALFORMED_HEADER, parseFailure(get().withHeader("Signature", huge)).reason());
    }

    // Digest

    @Test
    void sha512DigestIsAccepted() throws Exception {
        HttpMessage request = post().withHeader("Digest",
                "SHA-512=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(BODY)));
        assertVerified(verify(RSA.sign(request, NOW), TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void everyKnownDigestMustMatchAndUnknownOnesAreSkipped() throws Exception {
        String sha256 = coop.entraide.protocol.sig.digest.LegacyDigest.headerValue(BODY).substring("SHA-256=".length());
        String wrong512 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(new byte[1]));
        HttpMessage mixed = RSA.sign(post().withHeader("Digest", "md5=xyz, sha-256=" + sha256), NOW);
        assertVerified(verify(mixed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
        HttpMessage oneWrong = RSA.sign(post().withHeader("Digest", "SHA-256=" + sha256 + ",SHA-512=" + wrong512), NOW);
        assertFails(FailureReason.BAD_DIGEST, verify(oneWrong, TestKeys.RSA_PUBLIC, NOW));
    }

    @Test
    void unknownDigestAlgorithmsAloneAreRefusedClearly() {
        HttpMessage md5 = RSA.sign(post().withHeader("Digest", "MD5=Sd/dVLAcvNLSq16eXua5uQ==, SHA=abc"), NOW);
        var result = assertInstanceOf(coop.entraide.protocol.sig.VerifyResult.Failed.class,
                verify(md5, TestKeys.RSA_PUBLIC, NOW));
        assertEquals(FailureReason.UNKNOWN_ALGORITHM, result.reason());
        assertEquals("Digest names no algorithm we accept (sha-256, sha-512)", result.detail());
    }

    @Test
    void digestSignedButAbsentIsMissingDigest() {
        HttpMessage signed = RSA.sign(post(), NOW);
        assertFails(FailureReason.MISSING_DIGEST, verify(without(signed, "Digest"), TestKeys.RSA_PUBLIC, NOW));
    }

    // (created) and (expires), hs2019 only

    private static HttpMessage signedWithCreated(PrivateKey key, String algorithm, long created, Long expires)
            throws Exception {
        HttpMessage request = get().withHeader("Host", "entraide.example");
        StringBuilder base = new StringBuilder("(request-target): get /offers/42\nhost: entraide.example\n(created): ")
                .append(created);
        String headers = "(request-target) host (created)";
        if (expires != null) {
            base.append("\n(expires): ").append(expires);
            headers += " (expires)";
        }
        Signature jdk = Signature.getInstance(algorithm);
        jdk.initSign(key);
        jdk.update(base.toString().getBytes(StandardCharsets.UTF_8));
        return request.withHeader("Signature", "keyId=\"" + KEY_ID + "\",algorithm=\"hs2019\",created=" + created
                + (expires == null ? "" : ",expires=" + expires) + ",headers=\"" + headers + "\",signature=\""
                + Base64.getEncoder().encodeToString(jdk.sign()) + "\"");
    }

    @Test
    void createdReplacesDate() throws Exception {
        HttpMessage signed = signedWithCreated(TestKeys.ED25519_PRIVATE, "Ed25519", NOW.getEpochSecond(), null);
        assertVerified(verify(signed, TestKeys.ED25519_PUBLIC, NOW), KEY_ID);
        assertVerified(verify(signed, TestKeys.ED25519_PUBLIC, NOW.plus(Duration.ofMinutes(65))), KEY_ID);
        assertFails(FailureReason.CLOCK_SKEW, verify(signed, TestKeys.ED25519_PUBLIC, NOW.plus(Duration.ofMinutes(66))));
        assertFails(FailureReason.CLOCK_SKEW, verify(signed, TestKeys.ED25519_PUBLIC, NOW.minus(Duration.ofMinutes(61))));
    }

    @Test
    void coveredExpiresInThePastIsExpired() throws Exception {
        HttpMessage signed = signedWithCreated(TestKeys.RSA_PRIVATE, "SHA256withRSA", NOW.getEpochSecond(),
                NOW.plus(Duration.ofHours(2)).getEpochSecond());
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW.plus(Duration.ofHours(2))), KEY_ID);
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW.plus(Duration.ofHours(3))), KEY_ID);
        assertFails(FailureReason.EXPIRED, verify(signed, TestKeys.RSA_PUBLIC, NOW.plus(Duration.ofHours(3)).plusSeconds(1)));
    }

    @Test
    void expiresIsCappedAtTwelveHours() throws Exception {
        HttpMessage signed = signedWithCreated(TestKeys.RSA_PRIVATE, "SHA256withRSA", NOW.getEpochSecond(),
                NOW.plus(Duration.ofDays(30)).getEpochSecond());
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW.plus(Duration.ofHours(13))), KEY_ID);
        assertFails(FailureReason.EXPIRED, verify(signed, TestKeys.RSA_PUBLIC, NOW.plus(Duration.ofHours(13)).plusSeconds(1)));
    }

    @Test
    void createdCoveredButAbsentIsAMissingComponent() throws Exception {
        HttpMessage signed = signedWithCreated(TestKeys.RSA_PRIVATE, "SHA256withRSA", NOW.getEpochSecond(), null);
        HttpMessage stripped = replacing(signed, "Signature",
                signed.header("Signature").orElseThrow().replace(",created=" + NOW.getEpochSecond(), ""));
        assertFails(FailureReason.MISSING_COMPONENT, verify(stripped, TestKeys.RSA_PUBLIC, NOW));
    }

    @Test
    void changedCreatedFailsTheSignature() throws Exception {
        HttpMessage signed = signedWithCreated(TestKeys.RSA_PRIVATE, "SHA256withRSA", NOW.getEpochSecond(), null);
        HttpMessage shifted = replacing(signed, "Signature", signed.header("Signature").orElseThrow()
                .replace("created=" + NOW.getEpochSecond(), "created=" + (NOW.getEpochSecond() + 1)));
        assertFails(FailureReason.BAD_SIGNATURE, verify(shifted, TestKeys.RSA_PUBLIC, NOW));
    }
}
