package coop.entraide.protocol.sig.rfc9421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.digest.ContentDigest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An ActivityPub delivery, signed as we sign it, verifies under our policy; and every single
 * mutation of it fails with the precise reason.
 */
class Rfc9421VerifierTest {

    static final String KEY_ID = "https://social.example/users/bob#main-key";
    static final Instant NOW = Instant.parse("2026-11-20T10:15:40Z");
    static final Instant CREATED = NOW.minusSeconds(10);
    static final URI INBOX = URI.create("https://entraide.example/users/alice/inbox");

    static byte[] body() {
        try (InputStream in = Rfc9421VerifierTest.class.getResourceAsStream("/activitypub/create-note.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpMessage delivery() {
        return HttpMessage.request("POST", INBOX, List.of(
                new HttpMessage.Header("Host", "entraide.example"),
                new HttpMessage.Header("Date", "Fri, 20 Nov 2026 10:15:30 GMT"),
                new HttpMessage.Header("Content-Type", "application/activity+json")), body());
    }

    static HttpMessage signed(SignatureAlgorithm alg, PrivateKey key) throws SigningException {
        return Rfc9421Signer.sign(delivery(), SigningSpec.activityPub(alg, key, KEY_ID, CREATED, true));
    }

    static HttpMessage signedEd25519() {
        try {
            return signed(SignatureAlgorithm.ED25519, TestKeys.ed25519Private());
        } catch (SigningException e) {
            throw new AssertionError(e);
        }
    }

    static VerifyResult verify(HttpMessage m, Key key, Instant now, VerificationPolicy policy) {
        ParseResult parsed = Rfc9421Verifier.parse(m);
        if (parsed instanceof ParseResult.Failed f) {
            return f.failure();
        }
        return Rfc9421Verifier.verify(m, ((ParseResult.Parsed) parsed).first(), key, now, policy);
    }

    static VerifyResult verify(HttpMessage m) {
        return verify(m, TestKeys.ed25519Public(), NOW, VerificationPolicy.activityPub());
    }

    static FailureReason reason(VerifyResult r) {
        return assertInstanceOf(VerifyResult.Failed.class, r, "expected a failure").reason();
    }

    @Test
    void verifiesWhatWeSignWithEd25519() {
        HttpMessage m = signedEd25519();
        assertEquals("sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=" + CREATED.getEpochSecond()
                + ";keyid=\"" + KEY_ID + "\";alg=\"ed25519\"", m.header("Signature-Input").orElseThrow());
        assertEquals(ContentDigest.sha256(body()), m.header("Content-Digest").orElseThrow());
        assertEquals(VerifyResult.verified(SignatureScheme.RFC_9421, KEY_ID), verify(m));
    }

    @Test
    void verifiesWhatWeSignWithRsa() throws SigningException {
        HttpMessage m = signed(SignatureAlgorithm.RSA_V1_5_SHA256, TestKeys.rsaPrivate());
        assertEquals(VerifyResult.verified(SignatureScheme.RFC_9421, KEY_ID),
                verify(m, TestKeys.rsaPublic(), NOW, VerificationPolicy.activityPub()));
    }

    @Test
    void parseReportsWhatTheCallerNeedsToFetchTheKey() {
        ParseResult.Parsed parsed = assertInstanceOf(ParseResult.Parsed.class, Rfc9421Verifier.parse(signedEd25519()));
        ParsedSignature sig = parsed.first();
        assertEquals("sig1", sig.label());
        assertEquals(KEY_ID, sig.keyId());
        assertEquals("ed25519", sig.alg());
        assertEquals(List.of(ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST),
                sig.components());
        assertEquals(CREATED, sig.parameters().createdAt().orElseThrow());
        assertTrue(sig.parameters().expiresAt().isEmpty());
        assertEquals(64, sig.signature().length);
    }

    static Stream<Arguments> mutations() {
        String input = signedEd25519().header("Signature-Input").orElseThrow();
        String signature = signedEd25519().header("Signature").orElseThrow();
        long created = CREATED.getEpochSecond();
        return Stream.of(
                mutation("body changed", m -> withBody(m, flipLastBrace(m.body())), FailureReason.BAD_DIGEST),
                mutation("body and digest changed", m -> withBody(m, flipLastBrace(m.body()))
                        .withReplacedHeader("Content-Digest", ContentDigest.sha256(flipLastBrace(m.body()))),
                        FailureReason.BAD_SIGNATURE),
                mutation("body emptied", m -> withBody(m, new byte[0]), FailureReason.BAD_DIGEST),
                mutation("method changed", m -> new HttpMessage("PUT", m.target(), 0, m.headers(), m.body()),
                        FailureReason.BAD_SIGNATURE),
                mutation("method case changed", m -> new HttpMessage("post", m.target(), 0, m.headers(), m.body()),
                        FailureReason.BAD_SIGNATURE),
                mutation("path changed", m -> withTarget(m, "https://entraide.example/users/carol/inbox"),
                        FailureReason.BAD_SIGNATURE),
                mutation("query added", m -> withTarget(m, "https://entraide.example/users/alice/inbox?x=1"),
                        FailureReason.BAD_SIGNATURE),
                mutation("host changed", m -> withTarget(m, "https://other.example/users/alice/inbox"),
                        FailureReason.BAD_SIGNATURE),
                mutation("scheme changed", m -> withTarget(m, "http://entraide.example/users/alice/inbox"),
                        FailureReason.BAD_SIGNATURE),
                mutation("created changed", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("created=" + created, "created=" + (created + 1))), FailureReason.BAD_SIGNATURE),
                mutation("keyid changed", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("#main-key", "#other-key")), FailureReason.BAD_SIGNATURE),
                mutation("alg removed", m -> m.withReplacedHeader("Signature-Input",
                        input.replace(";alg=\"ed25519\"", "")), FailureReason.BAD_SIGNATURE),
                mutation("component removed", m -> m.withReplacedHeader("Signature-Input",
                        input.replace(" \"@target-uri\"", " \"@authority\" \"@path\"")), FailureReason.BAD_SIGNATURE),
                mutation("signature bit flipped", m -> m.withReplacedHeader("Signature", flipSignatureBit(signature)),
                        FailureReason.BAD_SIGNATURE),
                mutation("Signature-Input removed", m -> without(m, "Signature-Input"), FailureReason.MISSING_SIGNATURE),
                mutation("both signature headers removed", m -> without(without(m, "Signature-Input"), "Signature"),
                        FailureReason.MISSING_SIGNATURE),
                mutation("Signature removed", m -> without(m, "Signature"), FailureReason.MALFORMED_HEADER),
                mutation("Content-Digest removed", m -> without(m, "Content-Digest"), FailureReason.MISSING_COMPONENT),
                mutation("Content-Digest not a dictionary", m -> m.withReplacedHeader("Content-Digest",
                        "SHA-256=" + Base64.getEncoder().encodeToString(new byte[32])), FailureReason.MALFORMED_HEADER),
                mutation("Content-Digest with unknown algorithm only", m -> m.withReplacedHeader("Content-Digest",
                        "md5=:AAAAAAAAAAAAAAAAAAAAAA==:"), FailureReason.UNKNOWN_ALGORITHM),
                mutation("labels do not match", m -> m.withReplacedHeader("Signature", signature.replace("sig1=", "sig2=")),
                        FailureReason.MALFORMED_HEADER),
                mutation("Signature-Input unparseable", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("(\"@method\"", "(\"@method")), FailureReason.MALFORMED_HEADER),
                mutation("Signature-Input member not an inner list", m -> m.withReplacedHeader("Signature-Input",
                        "sig1=\"@method\";created=" + created), FailureReason.MALFORMED_HEADER),
                mutation("component not a string", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("\"@method\"", "method")), FailureReason.MALFORMED_HEADER),
                mutation("component name in upper case", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("\"content-digest\"", "\"Content-Digest\"")), FailureReason.MALFORMED_HEADER),
                mutation("created not an integer", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("created=" + created, "created=\"" + created + "\"")), FailureReason.MALFORMED_HEADER),
                mutation("keyid not a string", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("keyid=\"" + KEY_ID + "\"", "keyid=main-key")), FailureReason.MALFORMED_HEADER),
                mutation("signature not a byte sequence", m -> m.withReplacedHeader("Signature",
                        "sig1=\"" + signature.substring(6, signature.length() - 1) + "\""), FailureReason.MALFORMED_HEADER),
                mutation("non-ASCII in Signature-Input", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("bob", "b\u00f6b")), FailureReason.MALFORMED_HEADER),
                mutation("unknown alg", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("alg=\"ed25519\"", "alg=\"rsa-sha1\"")), FailureReason.UNKNOWN_ALGORITHM),
                mutation("alg for another key type", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("alg=\"ed25519\"", "alg=\"rsa-v1_5-sha256\"")), FailureReason.KEY_MISMATCH),
                mutation("unknown derived component", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("\"@method\"", "\"@method\" \"@nonsense\"")), FailureReason.MALFORMED_HEADER),
                mutation("component covered twice", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("\"@method\"", "\"@method\" \"@method\"")), FailureReason.MALFORMED_HEADER),
                mutation("covered header absent", m -> m.withReplacedHeader("Signature-Input",
                        input.replace("\"@method\"", "\"@method\" \"x-absent\"")), FailureReason.MISSING_COMPONENT));
    }

    private static Arguments mutation(String name, UnaryOperator<HttpMessage> change, FailureReason expected) {
        return Arguments.of(name, change, expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("mutations")
    void everyMutationFails(String name, UnaryOperator<HttpMessage> change, FailureReason expected) {
        HttpMessage mutated = change.apply(signedEd25519());
        assertEquals(expected, reason(verify(mutated)), name);
    }

    @Test
    void timeWindow() {
        HttpMessage m = signedEd25519();
        VerificationPolicy ap = VerificationPolicy.activityPub();
        Key key = TestKeys.ed25519Public();
        assertTrue(verify(m, key, CREATED.plus(Duration.ofMinutes(59)), ap).ok(), "59 minutes old");
        assertTrue(verify(m, key, CREATED.plus(Duration.ofHours(1)), ap).ok(), "exactly one hour old");
        assertEquals(FailureReason.CLOCK_SKEW, reason(verify(m, key, CREATED.plus(Duration.ofSeconds(3601)), ap)),
                "an hour and a second old");
        assertTrue(verify(m, key, CREATED.minus(Duration.ofMinutes(5)), ap).ok(), "five minutes ahead");
        assertEquals(FailureReason.CLOCK_SKEW, reason(verify(m, key, CREATED.minus(Duration.ofSeconds(301)), ap)),
                "five minutes and a second ahead");
        assertTrue(verify(m, key, CREATED.plus(Duration.ofDays(3)), ap.withMaxAge(null)).ok(), "no age limit");
        assertTrue(verify(m, key, CREATED.plus(Duration.ofHours(2)), ap.withMaxAge(Duration.ofHours(3))).ok(),
                "a longer window");
    }

    @Test
    void expiry() throws SigningException {
        SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Private())
                .components(ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST)
                .created(CREATED).expires(CREATED.plusSeconds(60)).keyId(KEY_ID).build();
        HttpMessage m = Rfc9421Signer.sign(delivery(), spec);
        Key key = TestKeys.ed25519Public();
        VerificationPolicy ap = VerificationPolicy.activityPub();
        assertTrue(verify(m, key, CREATED.plusSeconds(60), ap).ok());
        assertTrue(verify(m, key, CREATED.plusSeconds(60 + 300), ap).ok(), "within the clock skew");
        assertEquals(FailureReason.EXPIRED, reason(verify(m, key, CREATED.plusSeconds(60 + 301), ap)));
        assertTrue(verify(m, key, CREATED.plusSeconds(60 + 301), ap.withEnforceExpires(false)).ok(), "not enforced");
    }

    @Test
    void requiredComponentsOfTheActivityPubPolicy() throws SigningException {
        Key key = TestKeys.ed25519Public();
        PrivateKey priv = TestKeys.ed25519Private();
        VerificationPolicy ap = VerificationPolicy.activityPub();

        HttpMessage noTarget = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ED25519, priv)
                .components("@method", "content-digest").created(CREATED).keyId(KEY_ID).build());
        assertEquals(FailureReason.MISSING_COMPONENT, reason(verify(noTarget, key, NOW, ap)));
        assertTrue(verify(noTarget, key, NOW, ap.withRequiredComponents(List.of(Set.of("@method")))).ok());

        HttpMessage authorityAndPath = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ED25519, priv)
                .components("@method", "@authority", "@path", "content-digest").created(CREATED).keyId(KEY_ID).build());
        assertTrue(verify(authorityAndPath, key, NOW, ap).ok(), "@authority and @path instead of @target-uri");

        HttpMessage noDigest = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ED25519, priv)
                .components("@method", "@target-uri").created(CREATED).keyId(KEY_ID).build());
        assertEquals(FailureReason.MISSING_DIGEST, reason(verify(noDigest, key, NOW, ap)));
        assertTrue(verify(noDigest, key, NOW, ap.withRequireDigestForBody(false)).ok());

        HttpMessage get = HttpMessage.request("GET", URI.create("https://entraide.example/offers/42"),
                List.of(new HttpMessage.Header("Accept", "application/activity+json")), null);
        HttpMessage signedGet = Rfc9421Signer.sign(get, SigningSpec.activityPub(SignatureAlgorithm.ED25519, priv, KEY_ID,
                CREATED, false));
        assertTrue(verify(signedGet, key, NOW, ap).ok(), "a GET has no body to cover");

        HttpMessage noCreated = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ED25519, priv)
                .components("@method", "@target-uri", "content-digest").keyId(KEY_ID).build());
        assertEquals(FailureReason.MISSING_COMPONENT, reason(verify(noCreated, key, NOW, ap)));

        HttpMessage noKeyId = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ED25519, priv)
                .components("@method", "@target-uri", "content-digest").created(CREATED).build());
        VerifyResult.Failed failed = (VerifyResult.Failed) verify(noKeyId, key, NOW, ap);
        assertEquals(FailureReason.MISSING_COMPONENT, failed.reason());
        assertNull(failed.keyId());
        assertEquals(VerifyResult.verified(SignatureScheme.RFC_9421, ""), verify(noKeyId, key, NOW, VerificationPolicy.minimal()));
    }

    @Test
    void keysThatDoNotFit() throws Exception {
        HttpMessage m = signedEd25519();
        VerificationPolicy ap = VerificationPolicy.activityPub();
        assertEquals(FailureReason.KEY_MISMATCH, reason(verify(m, TestKeys.rsaPublic(), NOW, ap)), "RSA key");
        assertEquals(FailureReason.KEY_MISMATCH, reason(verify(m, TestKeys.ed25519Private(), NOW, ap)), "private key");
        assertEquals(FailureReason.KEY_MISMATCH, reason(verify(m, TestKeys.sharedSecret(), NOW, ap)), "secret");
        Key otherEd25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertEquals(FailureReason.BAD_SIGNATURE, reason(verify(m, otherEd25519, NOW, ap)), "another Ed25519 key");

        ParsedSignature sig = ((ParseResult.Parsed) Rfc9421Verifier.parse(m)).first();
        assertEquals(FailureReason.KEY_MISMATCH, reason(Rfc9421Verifier.verify(m, null, sig, TestKeys.ed25519Public(),
                SignatureAlgorithm.ECDSA_P256_SHA256, NOW, ap)), "key registered for another algorithm");
        assertEquals(FailureReason.UNKNOWN_ALGORITHM, reason(Rfc9421Verifier.verify(m, sig, TestKeys.ed25519Public(), NOW,
                ap.withAllowedAlgorithms(Set.of(SignatureAlgorithm.RSA_V1_5_SHA256)))), "algorithm not allowed");
    }

    @Test
    void withoutAlgTheKeyDecides() throws Exception {
        PrivateKey priv = TestKeys.ed25519Private();
        HttpMessage m = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ED25519, priv)
                .components("@method", "@target-uri", "content-digest").created(CREATED).keyId(KEY_ID).build());
        assertTrue(verify(m).ok());
        Key x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
        assertEquals(FailureReason.UNKNOWN_ALGORITHM, reason(verify(m, x25519, NOW, VerificationPolicy.activityPub())));
        assertEquals(FailureReason.BAD_SIGNATURE, reason(verify(m, TestKeys.eccPublic(), NOW, VerificationPolicy.activityPub())));
    }

    @Test
    void ed25519KeysOfAnotherProviderWork() throws Exception {
        java.security.KeyPair bc = KeyPairGenerator.getInstance("Ed25519",
                new org.bouncycastle.jce.provider.BouncyCastleProvider()).generateKeyPair();
        assertEquals(SignatureAlgorithm.ED25519, SignatureAlgorithm.forKey(bc.getPublic()).orElseThrow());
        HttpMessage m = signed(SignatureAlgorithm.ED25519, bc.getPrivate());
        assertTrue(verify(m, bc.getPublic(), NOW, VerificationPolicy.activityPub()).ok());
        assertEquals(FailureReason.BAD_SIGNATURE, reason(verify(m, TestKeys.ed25519Public(), NOW,
                VerificationPolicy.activityPub())));
    }

    @Test
    void ecdsaSignaturesOfTheWrongLengthDoNotVerify() throws Exception {
        HttpMessage m = Rfc9421Signer.sign(delivery(), SigningSpec.builder(SignatureAlgorithm.ECDSA_P256_SHA256,
                TestKeys.eccPrivate()).components("@method", "@target-uri", "content-digest").created(CREATED)
                .keyId(KEY_ID).build());
        assertTrue(verify(m, TestKeys.eccPublic(), NOW, VerificationPolicy.activityPub()).ok());
        String sig = m.header("Signature").orElseThrow();
        byte[] raw = Base64.getDecoder().decode(sig.substring(6, sig.length() - 1));
        byte[] longer = java.util.Arrays.copyOf(raw, 65);
        HttpMessage padded = m.withReplacedHeader("Signature", "sig1=:" + Base64.getEncoder().encodeToString(longer) + ":");
        assertEquals(FailureReason.BAD_SIGNATURE, reason(verify(padded, TestKeys.eccPublic(), NOW, VerificationPolicy.activityPub())));
    }

    @Test
    void severalSignaturesAreParsedAndVerifiedOneByOne() throws SigningException {
        HttpMessage once = signedEd25519();
        HttpMessage twice = Rfc9421Signer.sign(once, SigningSpec.builder(SignatureAlgorithm.HMAC_SHA256, TestKeys.sharedSecret())
                // A second signer covers the first signature by its label (RFC 9421 §4.3), not the whole
                // field, which changes when the second signature is added.
                .label("proxy").components("@method", "@target-uri", "content-digest")
                .components(ComponentIdentifier.of("signature").key("sig1")).created(CREATED)
                .keyId("shared").build());
        assertEquals(2, twice.headerValues("Signature-Input").size());
        ParseResult.Parsed parsed = assertInstanceOf(ParseResult.Parsed.class, Rfc9421Verifier.parse(twice));
        assertEquals(List.of("sig1", "proxy"), parsed.signatures().stream().map(ParsedSignature::label).toList());
        VerificationPolicy ap = VerificationPolicy.activityPub();
        assertTrue(Rfc9421Verifier.verify(twice, parsed.byLabel("sig1").orElseThrow(), TestKeys.ed25519Public(), NOW, ap).ok());
        assertTrue(Rfc9421Verifier.verify(twice, parsed.byLabel("proxy").orElseThrow(), TestKeys.sharedSecret(), NOW, ap).ok());
        assertTrue(parsed.byLabel("other").isEmpty());
    }

    @Test
    void signingFailuresAreReported() throws SigningException {
        SigningException absent = assertThrows(SigningException.class, () -> Rfc9421Signer.sign(delivery(),
                SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Private()).components("x-absent").build()));
        assertEquals(FailureReason.MISSING_COMPONENT, absent.reason());
        SigningException wrongKey = assertThrows(SigningException.class, () -> Rfc9421Signer.sign(delivery(),
                SigningSpec.builder(SignatureAlgorithm.RSA_V1_5_SHA256, TestKeys.ed25519Private()).components("@method").build()));
        assertEquals(FailureReason.KEY_MISMATCH, wrongKey.reason());
        SigningException publicKey = assertThrows(SigningException.class, () -> Rfc9421Signer.sign(delivery(),
                SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Public()).components("@method").build()));
        assertEquals(FailureReason.KEY_MISMATCH, publicKey.reason());
        SigningException sameLabel = assertThrows(SigningException.class, () -> Rfc9421Signer.sign(signedEd25519(),
                SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Private()).components("@method").build()));
        assertEquals(FailureReason.MALFORMED_HEADER, sameLabel.reason());
        assertThrows(IllegalArgumentException.class,
                () -> SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Private()).label("Sig 1"));
    }

    @Test
    void theSignerKeepsAContentDigestAlreadyPresent() throws SigningException {
        String sha512 = ContentDigest.headerValue(body(), coop.entraide.protocol.sig.digest.DigestAlgorithm.SHA_512);
        HttpMessage m = Rfc9421Signer.sign(delivery().withHeader("Content-Digest", sha512),
                SigningSpec.activityPub(SignatureAlgorithm.ED25519, TestKeys.ed25519Private(), KEY_ID, CREATED, true));
        assertEquals(List.of(sha512), m.headerValues("Content-Digest"));
        assertTrue(verify(m).ok());
    }

    private static HttpMessage withBody(HttpMessage m, byte[] body) {
        return new HttpMessage(m.method(), m.target(), m.status(), m.headers(), body);
    }

    private static HttpMessage withTarget(HttpMessage m, String uri) {
        return new HttpMessage(m.method(), URI.create(uri), m.status(), m.headers(), m.body());
    }

    private static HttpMessage without(HttpMessage m, String header) {
        List<HttpMessage.Header> kept = new ArrayList<>();
        for (HttpMessage.Header h : m.headers()) {
            if (!h.name().equalsIgnoreCase(header)) {
                kept.add(h);
            }
        }
        return new HttpMessage(m.method(), m.target(), m.status(), kept, m.body());
    }

    private static byte[] flipLastBrace(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length - 2] = (byte) ']';
        return copy;
    }

    private static String flipSignatureBit(String signatureHeader) {
        byte[] raw = Base64.getDecoder().decode(signatureHeader.substring(6, signatureHeader.length() - 1));
        raw[10] ^= 1;
        return "sig1=:" + Base64.getEncoder().encodeToString(raw) + ":";
    }
}
