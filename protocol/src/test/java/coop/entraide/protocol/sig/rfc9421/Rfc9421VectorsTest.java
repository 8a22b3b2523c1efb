package coop.entraide.protocol.sig.rfc9421;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.VerifyResult;
import java.net.URI;
import java.security.Key;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 9421 (Appendix B and §4.3), copied verbatim from
 * https://www.rfc-editor.org/rfc/rfc9421 with their RFC 8792 line wrapping.
 *
 * <p>rsa-v1_5-sha256, hmac-sha256 and ed25519 are deterministic: signing must reproduce the
 * published signature exactly. rsa-pss-sha512 and ecdsa-p256-sha256 are randomised, so their
 * published signatures are only verified, and our own signatures are checked by a round trip.
 */
class Rfc9421VectorsTest {

    static final long CREATED = 1618884473L;
    static final Instant JUST_AFTER = Instant.ofEpochSecond(CREATED + 5);

    // RFC 9421 Appendix B.2, test-request.
    static final String TEST_REQUEST = """
            NOTE: '\\' line wrapping per RFC 8792

            POST /foo?param=Value&Pet=dog HTTP/1.1
            Host: example.com
            Date: Tue, 20 Apr 2021 02:07:55 GMT
            Content-Type: application/json
            Content-Digest: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+T\\
              aPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
            Content-Length: 18

            {"hello": "world"}""";

    // RFC 9421 Appendix B.2, test-response.
    static final String TEST_RESPONSE = """
            NOTE: '\\' line wrapping per RFC 8792

            HTTP/1.1 200 OK
            Date: Tue, 20 Apr 2021 02:07:56 GMT
            Content-Type: application/json
            Content-Digest: sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:
            Content-Length: 23

            {"message": "good dog"}""";

    static HttpMessage testRequest() {
        return HttpText.request(TEST_REQUEST);
    }

    static HttpMessage testResponse() {
        return HttpText.response(TEST_RESPONSE, URI.create("https://example.com/foo?param=Value&Pet=dog"));
    }

    /** Adds the two signature fields given as printed in the RFC. */
    static HttpMessage withSignatureFields(HttpMessage message, String fields) {
        HttpMessage m = message;
        for (String line : Rfc8792.unwrap(fields).split("\n")) {
            int colon = line.indexOf(':');
            m = m.withHeader(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return m;
    }

    static ParsedSignature parseOnly(HttpMessage signed) {
        ParseResult result = Rfc9421Verifier.parse(signed);
        return assertInstanceOf(ParseResult.Parsed.class, result, result.toString()).first();
    }

    static String baseOf(HttpMessage message, ParsedSignature signature) throws ComponentException {
        return SignatureBase.build(message, null, signature.components(), signature.signatureParams());
    }

    static void assertVerified(HttpMessage signed, Key key, SignatureAlgorithm keyAlgorithm, Instant now) {
        ParsedSignature sig = parseOnly(signed);
        VerifyResult result = Rfc9421Verifier.verify(signed, null, sig, key, keyAlgorithm, now, VerificationPolicy.minimal());
        assertTrue(result.ok(), result.toString());
    }

    @Test
    void theTestRequestDigestMatchesItsBody() {
        assertTrue(coop.entraide.protocol.sig.digest.ContentDigest.verify(
                testRequest().headerValues("Content-Digest"), testRequest().body()).ok());
        assertTrue(coop.entraide.protocol.sig.digest.ContentDigest.verify(
                testResponse().headerValues("Content-Digest"), testResponse().body()).ok());
    }

    @Nested
    class Keys {
        @Test
        void theJwkAndPemFormsOfTheEd25519KeyAreTheSameKey() throws Exception {
            assertArrayEquals(TestKeys.ed25519Public().getEncoded(), TestKeys.ed25519PublicFromJwk().getEncoded());
            byte[] message = "same key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertArrayEquals(SignatureAlgorithm.ED25519.sign(message, TestKeys.ed25519Private()),
                    SignatureAlgorithm.ED25519.sign(message, TestKeys.ed25519PrivateFromJwk()));
        }

        @Test
        void theKeysImplyTheirAlgorithms() {
            assertEquals(SignatureAlgorithm.RSA_V1_5_SHA256, SignatureAlgorithm.forKey(TestKeys.rsaPublic()).orElseThrow());
            assertEquals(SignatureAlgorithm.RSA_PSS_SHA512, SignatureAlgorithm.forKey(TestKeys.rsaPssPrivate()).orElseThrow());
            assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.forKey(TestKeys.eccPublic()).orElseThrow());
            assertEquals(SignatureAlgorithm.ED25519, SignatureAlgorithm.forKey(TestKeys.ed25519Public()).orElseThrow());
            assertEquals(SignatureAlgorithm.HMAC_SHA256, SignatureAlgorithm.forKey(TestKeys.sharedSecret()).orElseThrow());
            assertEquals(64, TestKeys.sharedSecret().getEncoded().length);
        }
    }

    /** §2.5 example signature base and the §3.1 example signature over it (rsa-pss-sha512). */
    @Nested
    class Section25 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "@method": POST
                "@authority": example.com
                "@path": /foo
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX\\
                  +TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "content-length": 18
                "content-type": application/json
                "@signature-params": ("@method" "@authority" "@path" \\
                  "content-digest" "content-length" "content-type")\\
                  ;created=1618884473;keyid="test-key-rsa-pss\"""";

        static final String SIGNATURE = """
                NOTE: '\\' line wrapping per RFC 8792

                HIbjHC5rS0BYaa9v4QfD4193TORw7u9edguPh0AW3dMq9WImrlFrCGUDih47vAxi4L2\\
                YRZ3XMJc1uOKk/J0ZmZ+wcta4nKIgBkKq0rM9hs3CQyxXGxHLMCy8uqK488o+9jrptQ\\
                +xFPHK7a9sRL1IXNaagCNN3ZxJsYapFj+JXbmaI5rtAdSfSvzPuBCh+ARHBmWuNo1Uz\\
                VVdHXrl8ePL4cccqlazIJdC4QEjrF+Sn4IxBQzTZsL9y9TP5FsZYzHvDqbInkTNigBc\\
                E9cKOYNFCn4D/WM7F6TNuZO9EgtzepLWcjTymlHzK7aXq6Am6sfOrpIC49yXjj3ae6H\\
                RalVc/g==""";

        static SigningSpec spec() {
            // rsa-pss-sha512 is randomised: the §3.1 signature is verified, never reproduced.
            return SigningSpec.builder(SignatureAlgorithm.RSA_PSS_SHA512, TestKeys.rsaPssPrivate())
                    .components("@method", "@authority", "@path", "content-digest", "content-length", "content-type")
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-key-rsa-pss").build();
        }

        @Test
        void signatureBaseMatches() throws Exception {
            assertEquals(Rfc8792.unwrap(BASE), Rfc9421Signer.signatureBase(testRequest(), null, spec()));
        }

        @Test
        void publishedSignatureVerifies() {
            HttpMessage signed = testRequest()
                    .withHeader("Signature-Input", "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" "
                            + "\"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"")
                    .withHeader("Signature", "sig1=:" + Rfc8792.unwrap(SIGNATURE) + ":");
            assertVerified(signed, TestKeys.rsaPssPublic(), SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }

        @Test
        void signingRoundTrips() throws Exception {
            assertVerified(Rfc9421Signer.sign(testRequest(), spec()), TestKeys.rsaPssPublic(),
                    SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }
    }

    /** B.2.1 Minimal Signature Using rsa-pss-sha512. */
    @Nested
    class B21 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "@signature-params": ();created=1618884473;keyid="test-key-rsa-pss"\\
                  ;nonce="b3k2pp5k7z-50gnwp.yemd\"""";

        static final String FIELDS = """
                NOTE: '\\' line wrapping per RFC 8792

                Signature-Input: sig-b21=();created=1618884473\\
                  ;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"
                Signature: sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopem\\
                  LJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG\\
                  52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx\\
                  2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6\\
                  UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3\\
                  +7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = withSignatureFields(testRequest(), FIELDS);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            // The key is an ordinary RSA key; the verifier is told it is registered for rsa-pss-sha512.
            assertVerified(withSignatureFields(testRequest(), FIELDS), TestKeys.rsaPssPublic(),
                    SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }

        @Test
        void signingRoundTrips() throws Exception {
            // rsa-pss-sha512 uses a random salt: the published signature cannot be reproduced.
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.RSA_PSS_SHA512, TestKeys.rsaPssPrivate())
                    .label("sig-b21").created(Instant.ofEpochSecond(CREATED)).keyId("test-key-rsa-pss")
                    .nonce("b3k2pp5k7z-50gnwp.yemd").build();
            HttpMessage signed = Rfc9421Signer.sign(testRequest(), spec);
            assertEquals(Rfc8792.unwrap(FIELDS).lines().findFirst().orElseThrow(),
                    "Signature-Input: " + signed.header("Signature-Input").orElseThrow());
            assertVerified(signed, TestKeys.rsaPssPublic(), SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }
    }

    /** B.2.2 Selective Covered Components Using rsa-pss-sha512. */
    @Nested
    class B22 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "@authority": example.com
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX\\
                  +TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "@query-param";name="Pet": dog
                "@signature-params": ("@authority" "content-digest" \\
                  "@query-param";name="Pet")\\
                  ;created=1618884473;keyid="test-key-rsa-pss"\\
                  ;tag="header-example\"""";

        static final String FIELDS = """
                NOTE: '\\' line wrapping per RFC 8792

                Signature-Input: sig-b22=("@authority" "content-digest" \\
                  "@query-param";name="Pet");created=1618884473\\
                  ;keyid="test-key-rsa-pss";tag="header-example"
                Signature: sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQ\\
                  EdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT\\
                  8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SA\\
                  RYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd\\
                  4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoK\\
                  UqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = withSignatureFields(testRequest(), FIELDS);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            assertVerified(withSignatureFields(testRequest(), FIELDS), TestKeys.rsaPssPublic(),
                    SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }

        @Test
        void signingRoundTrips() throws Exception {
            // Non-deterministic (PSS): round trip only.
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.RSA_PSS_SHA512, TestKeys.rsaPssPrivate())
                    .label("sig-b22")
                    .components(ComponentIdentifier.AUTHORITY, ComponentIdentifier.CONTENT_DIGEST,
                            ComponentIdentifier.queryParam("Pet"))
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-key-rsa-pss").tag("header-example").build();
            HttpMessage signed = Rfc9421Signer.sign(testRequest(), spec);
            assertEquals(Rfc8792.unwrap(FIELDS).lines().findFirst().orElseThrow(),
                    "Signature-Input: " + signed.header("Signature-Input").orElseThrow());
            assertEquals(Rfc8792.unwrap(BASE), Rfc9421Signer.signatureBase(testRequest(), null, spec));
            assertVerified(signed, TestKeys.rsaPssPublic(), SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }
    }

    /** B.2.3 Full Coverage Using rsa-pss-sha512. */
    @Nested
    class B23 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@query": ?param=Value&Pet=dog
                "@authority": example.com
                "content-type": application/json
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX\\
                  +TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@query" \\
                  "@authority" "content-type" "content-digest" "content-length")\\
                  ;created=1618884473;keyid="test-key-rsa-pss\"""";

        static final String FIELDS = """
                NOTE: '\\' line wrapping per RFC 8792

                Signature-Input: sig-b23=("date" "@method" "@path" "@query" \\
                  "@authority" "content-type" "content-digest" "content-length")\\
                  ;created=1618884473;keyid="test-key-rsa-pss"
                Signature: sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yB\\
                  iMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fU\\
                  xN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1\\
                  pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9\\
                  bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5Z\\
                  JzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = withSignatureFields(testRequest(), FIELDS);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            assertVerified(withSignatureFields(testRequest(), FIELDS), TestKeys.rsaPssPublic(),
                    SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }

        @Test
        void publishedSignatureVerifiesUnderTheActivityPubPolicy() {
            // It covers @method, @authority, @path and content-digest: our profile accepts it.
            HttpMessage signed = withSignatureFields(testRequest(), FIELDS);
            VerifyResult result = Rfc9421Verifier.verify(signed, null, parseOnly(signed), TestKeys.rsaPssPublic(),
                    SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER, VerificationPolicy.activityPub());
            assertEquals(VerifyResult.verified(coop.entraide.protocol.sig.SignatureScheme.RFC_9421, "test-key-rsa-pss"), result);
        }

        @Test
        void signingRoundTrips() throws Exception {
            // Non-deterministic (PSS): round trip only.
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.RSA_PSS_SHA512, TestKeys.rsaPssPrivate())
                    .label("sig-b23")
                    .components("date", "@method", "@path", "@query", "@authority", "content-type", "content-digest",
                            "content-length")
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-key-rsa-pss").build();
            HttpMessage signed = Rfc9421Signer.sign(testRequest(), spec);
            assertEquals(Rfc8792.unwrap(FIELDS).lines().findFirst().orElseThrow(),
                    "Signature-Input: " + signed.header("Signature-Input").orElseThrow());
            assertVerified(signed, TestKeys.rsaPssPublic(), SignatureAlgorithm.RSA_PSS_SHA512, JUST_AFTER);
        }
    }

    /** B.2.4 Signing a Response Using ecdsa-p256-sha256. */
    @Nested
    class B24 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "@status": 200
                "content-type": application/json
                "content-digest": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ4\\
                  1QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:
                "content-length": 23
                "@signature-params": ("@status" "content-type" "content-digest" \\
                  "content-length");created=1618884473;keyid="test-key-ecc-p256\"""";

        static final String FIELDS = """
                NOTE: '\\' line wrapping per RFC 8792

                Signature-Input: sig-b24=("@status" "content-type" \\
                  "content-digest" "content-length");created=1618884473\\
                  ;keyid="test-key-ecc-p256"
                Signature: sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NK\\
                  ocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = withSignatureFields(testResponse(), FIELDS);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            assertVerified(withSignatureFields(testResponse(), FIELDS), TestKeys.eccPublic(), null, JUST_AFTER);
        }

        @Test
        void signingRoundTrips() throws Exception {
            // ECDSA uses a random nonce: round trip only. The signature is raw r||s, 64 bytes.
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.ECDSA_P256_SHA256, TestKeys.eccPrivate())
                    .label("sig-b24")
                    .components("@status", "content-type", "content-digest", "content-length")
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-key-ecc-p256").build();
            HttpMessage signed = Rfc9421Signer.sign(testResponse(), spec);
            assertEquals(Rfc8792.unwrap(FIELDS).lines().findFirst().orElseThrow(),
                    "Signature-Input: " + signed.header("Signature-Input").orElseThrow());
            assertEquals(64, parseOnly(signed).signature().length);
            assertVerified(signed, TestKeys.eccPublic(), null, JUST_AFTER);
        }
    }

    /** B.2.5 Signing a Request Using hmac-sha256. */
    @Nested
    class B25 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@authority": example.com
                "content-type": application/json
                "@signature-params": ("date" "@authority" "content-type")\\
                  ;created=1618884473;keyid="test-shared-secret\"""";

        static final String FIELDS = """
                NOTE: '\\' line wrapping per RFC 8792

                Signature-Input: sig-b25=("date" "@authority" "content-type")\\
                  ;created=1618884473;keyid="test-shared-secret"
                Signature: sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = withSignatureFields(testRequest(), FIELDS);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            assertVerified(withSignatureFields(testRequest(), FIELDS), TestKeys.sharedSecret(), null, JUST_AFTER);
        }

        @Test
        void signingReproducesThePublishedSignature() throws Exception {
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.HMAC_SHA256, TestKeys.sharedSecret())
                    .label("sig-b25").components("date", "@authority", "content-type")
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-shared-secret").build();
            assertEquals(withSignatureFields(testRequest(), FIELDS), Rfc9421Signer.sign(testRequest(), spec));
        }
    }

    /** B.2.6 Signing a Request Using ed25519. */
    @Nested
    class B26 {
        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@authority": example.com
                "content-type": application/json
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@authority" \\
                  "content-type" "content-length");created=1618884473\\
                  ;keyid="test-key-ed25519\"""";

        static final String FIELDS = """
                NOTE: '\\' line wrapping per RFC 8792

                Signature-Input: sig-b26=("date" "@method" "@path" "@authority" \\
                  "content-type" "content-length");created=1618884473\\
                  ;keyid="test-key-ed25519"
                Signature: sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1\\
                  u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = withSignatureFields(testRequest(), FIELDS);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            assertVerified(withSignatureFields(testRequest(), FIELDS), TestKeys.ed25519Public(), null, JUST_AFTER);
            assertVerified(withSignatureFields(testRequest(), FIELDS), TestKeys.ed25519PublicFromJwk(), null, JUST_AFTER);
        }

        @Test
        void signingReproducesThePublishedSignature() throws Exception {
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Private())
                    .label("sig-b26").components("date", "@method", "@path", "@authority", "content-type", "content-length")
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-key-ed25519").build();
            assertEquals(withSignatureFields(testRequest(), FIELDS), Rfc9421Signer.sign(testRequest(), spec));
        }
    }

    /** §4.3 Multiple Signatures: the proxy's rsa-v1_5-sha256 signature (deterministic). */
    @Nested
    class ProxySignature {
        // The request as the origin receives it (RFC 9421 §4.3), without the client's signature.
        static final String REQUEST = """
                NOTE: '\\' line wrapping per RFC 8792

                POST /foo?param=Value&Pet=dog HTTP/1.1
                Host: origin.host.internal.example
                Date: Tue, 20 Apr 2021 02:07:56 GMT
                Content-Type: application/json
                Content-Length: 18
                Forwarded: for=192.0.2.123;host=example.com;proto=https
                Content-Digest: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+T\\
                  aPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:

                {"hello": "world"}""";

        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "@method": POST
                "@authority": origin.host.internal.example
                "@path": /foo
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX\\
                  +TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "content-type": application/json
                "content-length": 18
                "forwarded": for=192.0.2.123;host=example.com;proto=https
                "@signature-params": ("@method" "@authority" "@path" \\
                  "content-digest" "content-type" "content-length" "forwarded")\\
                  ;created=1618884480;keyid="test-key-rsa";alg="rsa-v1_5-sha256"\\
                  ;expires=1618884540""";

        static final String SIGNATURE = """
                NOTE: '\\' line wrapping per RFC 8792

                S6ZzPXSdAMOPjN/6KXfXWNO/f7V6cHm7BXYUh3YD/fRad4BCaRZxP+JH+8XY1I6+8Cy\\
                +CM5g92iHgxtRPz+MjniOaYmdkDcnL9cCpXJleXsOckpURl49GwiyUpZ10KHgOEe11s\\
                x3G2gxI8S0jnxQB+Pu68U9vVcasqOWAEObtNKKZd8tSFu7LB5YAv0RAGhB8tmpv7sFn\\
                Im9y+7X5kXQfi8NMaZaA8i2ZHwpBdg7a6CMfwnnrtflzvZdXAsD3LH2TwevU+/PBPv0\\
                B6NMNk93wUs/vfJvye+YuI87HU38lZHowtznbLVdp770I6VHR6WfgS9ddzirrswsE1w\\
                5o0LV/g==""";

        static SigningSpec spec() {
            return SigningSpec.builder(SignatureAlgorithm.RSA_V1_5_SHA256, TestKeys.rsaPrivate())
                    .label("proxy_sig")
                    .components("@method", "@authority", "@path", "content-digest", "content-type", "content-length",
                            "forwarded")
                    .created(Instant.ofEpochSecond(1618884480L)).keyId("test-key-rsa").alg()
                    .expires(Instant.ofEpochSecond(1618884540L)).build();
        }

        @Test
        void signatureBaseMatches() throws Exception {
            assertEquals(Rfc8792.unwrap(BASE), Rfc9421Signer.signatureBase(HttpText.request(REQUEST), null, spec()));
        }

        @Test
        void signingReproducesThePublishedSignature() throws Exception {
            HttpMessage signed = Rfc9421Signer.sign(HttpText.request(REQUEST), spec());
            assertEquals("proxy_sig=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-type\" "
                    + "\"content-length\" \"forwarded\");created=1618884480;keyid=\"test-key-rsa\";"
                    + "alg=\"rsa-v1_5-sha256\";expires=1618884540", signed.header("Signature-Input").orElseThrow());
            assertEquals("proxy_sig=:" + Rfc8792.unwrap(SIGNATURE) + ":", signed.header("Signature").orElseThrow());
        }

        @Test
        void publishedSignatureVerifiesUntilItExpires() throws Exception {
            HttpMessage signed = Rfc9421Signer.sign(HttpText.request(REQUEST), spec());
            ParsedSignature sig = parseOnly(signed);
            assertArrayEquals(java.util.Base64.getDecoder().decode(Rfc8792.unwrap(SIGNATURE)), sig.signature());
            assertTrue(Rfc9421Verifier.verify(signed, sig, TestKeys.rsaPublic(), Instant.ofEpochSecond(1618884490L),
                    VerificationPolicy.minimal()).ok());
            // expires=1618884540, and the policy allows five minutes of clock skew.
            VerifyResult late = Rfc9421Verifier.verify(signed, sig, TestKeys.rsaPublic(),
                    Instant.ofEpochSecond(1618884540L + 301), VerificationPolicy.minimal());
            assertEquals(FailureReason.EXPIRED, ((VerifyResult.Failed) late).reason());
        }
    }

    /** B.3 TLS-Terminating Proxies (ecdsa-p256-sha256; verify only). */
    @Nested
    class B3 {
        static final String REQUEST = """
                NOTE: '\\' line wrapping per RFC 8792

                POST /foo?param=Value&Pet=dog HTTP/1.1
                Host: service.internal.example
                Date: Tue, 20 Apr 2021 02:07:55 GMT
                Content-Type: application/json
                Content-Length: 18
                Client-Cert: :MIIBqDCCAU6gAwIBAgIBBzAKBggqhkjOPQQDAjA6MRswGQYDVQQKD\\
                  BJMZXQncyBBdXRoZW50aWNhdGUxGzAZBgNVBAMMEkxBIEludGVybWVkaWF0ZSBDQT\\
                  AeFw0yMDAxMTQyMjU1MzNaFw0yMTAxMjMyMjU1MzNaMA0xCzAJBgNVBAMMAkJDMFk\\
                  wEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8YnXXfaUgmnMtOXU/IncWalRhebrXmck\\
                  C8vdgJ1p5Be5F/3YC8OthxM4+k1M6aEAEFcGzkJiNy6J84y7uzo9M6NyMHAwCQYDV\\
                  R0TBAIwADAfBgNVHSMEGDAWgBRm3WjLa38lbEYCuiCPct0ZaSED2DAOBgNVHQ8BAf\\
                  8EBAMCBsAwEwYDVR0lBAwwCgYIKwYBBQUHAwIwHQYDVR0RAQH/BBMwEYEPYmRjQGV\\
                  4YW1wbGUuY29tMAoGCCqGSM49BAMCA0gAMEUCIBHda/r1vaL6G3VliL4/Di6YK0Q6\\
                  bMjeSkC3dFCOOB8TAiEAx/kHSB4urmiZ0NX5r5XarmPk0wmuydBVoU4hBVZ1yhk=:
                Signature-Input: ttrp=("@path" "@query" "@method" "@authority" \\
                  "client-cert");created=1618884473;keyid="test-key-ecc-p256"
                Signature: ttrp=:xVMHVpawaAC/0SbHrKRs9i8I3eOs5RtTMGCWXm/9nvZzoHsIg6\\
                  Mce9315T6xoklyy0yzhD9ah4JHRwMLOgmizw==:

                {"hello": "world"}""";

        static final String BASE = """
                NOTE: '\\' line wrapping per RFC 8792

                "@path": /foo
                "@query": ?param=Value&Pet=dog
                "@method": POST
                "@authority": service.internal.example
                "client-cert": :MIIBqDCCAU6gAwIBAgIBBzAKBggqhkjOPQQDAjA6MRswGQYDVQQ\\
                  KDBJMZXQncyBBdXRoZW50aWNhdGUxGzAZBgNVBAMMEkxBIEludGVybWVkaWF0ZSBD\\
                  QTAeFw0yMDAxMTQyMjU1MzNaFw0yMTAxMjMyMjU1MzNaMA0xCzAJBgNVBAMMAkJDM\\
                  FkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8YnXXfaUgmnMtOXU/IncWalRhebrXm\\
                  ckC8vdgJ1p5Be5F/3YC8OthxM4+k1M6aEAEFcGzkJiNy6J84y7uzo9M6NyMHAwCQY\\
                  DVR0TBAIwADAfBgNVHSMEGDAWgBRm3WjLa38lbEYCuiCPct0ZaSED2DAOBgNVHQ8B\\
                  Af8EBAMCBsAwEwYDVR0lBAwwCgYIKwYBBQUHAwIwHQYDVR0RAQH/BBMwEYEPYmRjQ\\
                  GV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0gAMEUCIBHda/r1vaL6G3VliL4/Di6YK0\\
                  Q6bMjeSkC3dFCOOB8TAiEAx/kHSB4urmiZ0NX5r5XarmPk0wmuydBVoU4hBVZ1yhk=:
                "@signature-params": ("@path" "@query" "@method" "@authority" \\
                  "client-cert");created=1618884473;keyid="test-key-ecc-p256\"""";

        @Test
        void signatureBaseMatches() throws Exception {
            HttpMessage signed = HttpText.request(REQUEST);
            assertEquals(Rfc8792.unwrap(BASE), baseOf(signed, parseOnly(signed)));
        }

        @Test
        void publishedSignatureVerifies() {
            assertVerified(HttpText.request(REQUEST), TestKeys.eccPublic(), null, JUST_AFTER);
        }
    }

    /** B.4 HTTP Message Transformations (ed25519, deterministic). */
    @Nested
    class B4 {
        static final String REQUEST = """
                GET /demo?name1=Value1&Name2=value2 HTTP/1.1
                Host: example.org
                Date: Fri, 15 Jul 2022 14:24:55 GMT
                Accept: application/json
                Accept: */*
                Signature-Input: transform=("@method" "@path" "@authority" \\
                  "accept");created=1618884473;keyid="test-key-ed25519"
                Signature: transform=:ZT1kooQsEHpZ0I1IjCqtQppOmIqlJPeo7DHR3SoMn0s5J\\
                  Z1eRGS0A+vyYP9t/LXlh5QMFFQ6cpLt2m0pmj3NDA==:""";

        static final String BASE = """
                "@method": GET
                "@path": /demo
                "@authority": example.org
                "accept": application/json, */*
                "@signature-params": ("@method" "@path" "@authority" "accept")\\
                  ;created=1618884473;keyid="test-key-ed25519\"""";

        static HttpMessage request() {
            return HttpText.request(REQUEST);
        }

        static VerifyResult verify(HttpMessage m) {
            return Rfc9421Verifier.verify(m, parseOnly(m), TestKeys.ed25519Public(), JUST_AFTER, VerificationPolicy.minimal());
        }

        @Test
        void signatureBaseMatches() throws Exception {
            assertEquals(Rfc8792.unwrap(BASE), baseOf(request(), parseOnly(request())));
        }

        @Test
        void publishedSignatureVerifies() {
            assertTrue(verify(request()).ok());
        }

        @Test
        void signingReproducesThePublishedSignature() throws Exception {
            HttpMessage unsigned = HttpMessage.request("GET", URI.create("https://example.org/demo?name1=Value1&Name2=value2"),
                    request().headers().subList(0, 4), null);
            SigningSpec spec = SigningSpec.builder(SignatureAlgorithm.ED25519, TestKeys.ed25519Private())
                    .label("transform").components("@method", "@path", "@authority", "accept")
                    .created(Instant.ofEpochSecond(CREATED)).keyId("test-key-ed25519").build();
            assertEquals(request(), Rfc9421Signer.sign(unsigned, spec));
        }

        @Test
        void survivesTheTransformationsTheRfcAllows() {
            HttpMessage r = request();
            HttpMessage addedQuery = new HttpMessage("GET",
                    URI.create("https://example.org/demo?name1=Value1&Name2=value2&param=added"), 0, r.headers(), null);
            assertTrue(verify(addedQuery).ok(), "query parameter added");
            assertTrue(verify(r.withHeader("Accept-Language", "en-US,en;q=0.5")).ok(), "Accept-Language added");
            HttpMessage noDate = new HttpMessage("GET", r.target(), 0,
                    r.headers().stream().filter(h -> !h.name().equals("Date")).toList(), null);
            assertTrue(verify(noDate).ok(), "Date removed");
        }

        @Test
        void failsAfterTheTransformationsTheRfcForbids() {
            HttpMessage r = request();
            HttpMessage post = new HttpMessage("POST", r.target(), 0, r.headers(), null);
            assertEquals(FailureReason.BAD_SIGNATURE, ((VerifyResult.Failed) verify(post)).reason(), "method changed");
            HttpMessage otherAuthority = new HttpMessage("GET",
                    URI.create("https://example.com/demo?name1=Value1&Name2=value2"), 0, r.headers(), null);
            assertEquals(FailureReason.BAD_SIGNATURE, ((VerifyResult.Failed) verify(otherAuthority)).reason(),
                    "authority changed");
            java.util.List<HttpMessage.Header> swapped = new java.util.ArrayList<>(r.headers());
            java.util.Collections.swap(swapped, 2, 3);
            assertEquals("*/*", swapped.get(2).value());
            HttpMessage reordered = new HttpMessage("GET", r.target(), 0, swapped, null);
            assertEquals(FailureReason.BAD_SIGNATURE, ((VerifyResult.Failed) verify(reordered)).reason(),
                    "Accept lines swapped");
        }
    }
}
