package coop.entraide.protocol.sig.cavage;

import static coop.entraide.protocol.sig.cavage.Messages.assertVerified;
import static coop.entraide.protocol.sig.cavage.Messages.verify;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CavageSignerTest {

    private static final String KEY_ID = "https://entraide.example/actors/coop#main-key";
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    private static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
    private static final CavageSigner RSA = CavageSigner.rsaSha256(KEY_ID, TestKeys.RSA_PRIVATE);

    private static HttpMessage post(String target, List<HttpMessage.Header> headers) {
        return HttpMessage.request("POST", URI.create(target), headers, BODY);
    }

    private static HttpMessage get(String target) {
        return HttpMessage.request("GET", URI.create(target),
                List.of(new HttpMessage.Header("Accept", "application/activity+json")), null);
    }

    private static String param(HttpMessage signed, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(signed.header("Signature").orElseThrow());
        return m.find() ? m.group(1) : null;
    }

    @Test
    void postCoversRequestTargetHostDateDigestAndContentType() {
        HttpMessage signed = RSA.sign(post("https://remote.example/inbox",
                List.of(new HttpMessage.Header("Content-Type", "application/activity+json"))), NOW);
        assertEquals("(request-target) host date digest content-type", param(signed, "headers"));
        assertEquals("rsa-sha256", param(signed, "algorithm"));
        assertEquals(KEY_ID, param(signed, "keyId"));
        assertTrue(signed.header("Signature").orElseThrow().startsWith("keyId="), "Mastodon's parameter order");
        assertEquals("remote.example", signed.header("Host").orElseThrow());
        assertEquals("Tue, 04 Mar 2025 05:06:07 GMT", signed.header("Date").orElseThrow());
        assertEquals(coop.entraide.protocol.sig.digest.LegacyDigest.headerValue(BODY), signed.header("Digest").orElseThrow());
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void postWithoutContentTypeDoesNotCoverIt() {
        HttpMessage signed = RSA.sign(post("https://remote.example/inbox", List.of()), NOW);
        assertEquals("(request-target) host date digest", param(signed, "headers"));
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void getCoversRequestTargetHostAndDateOnly() {
        HttpMessage signed = RSA.sign(get("https://remote.example/users/bob?page=true"), NOW);
        assertEquals("(request-target) host date", param(signed, "headers"));
        assertTrue(signed.header("Digest").isEmpty());
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void requestTargetKeepsTheQueryLikeMastodon44() throws Exception {
        HttpMessage signed = RSA.sign(get("https://remote.example/users/bob/outbox?page=true&min_id=1"), NOW);
        String expected = """
                (request-target): get /users/bob/outbox?page=true&min_id=1
                host: remote.example
                date: Tue, 04 Mar 2025 05:06:07 GMT""";
        assertSignatureOver(expected, signed);
    }

    @Test
    void multipleValuesOfOneHeaderAreJoinedWithCommaSpace() throws Exception {
        HttpMessage request = get("https://remote.example/notes/1")
                .withHeader("Cache-Control", " max-age=60 ")
                .withHeader("cache-control", "must-revalidate");
        HttpMessage signed = RSA.sign(request, NOW, List.of("(request-target)", "Host", "Date", "Cache-Control"));
        String expected = """
                (request-target): get /notes/1
                host: remote.example
                date: Tue, 04 Mar 2025 05:06:07 GMT
                cache-control: max-age=60, must-revalidate""";
        assertSignatureOver(expected, signed);
        assertEquals("(request-target) host date cache-control", param(signed, "headers"));
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void nonDefaultPortGoesIntoHost() {
        HttpMessage signed = RSA.sign(get("http://localhost:8080/actor"), NOW);
        assertEquals("localhost:8080", signed.header("Host").orElseThrow());
    }

    @Test
    void keepsDateDigestAndHostTheCallerSet() {
        HttpMessage request = post("https://remote.example/inbox", List.of(
                new HttpMessage.Header("Host", "remote.example"),
                new HttpMessage.Header("Date", "Tue, 04 Mar 2025 05:00:00 GMT"),
                new HttpMessage.Header("Digest", "SHA-512=" + Base64.getEncoder().encodeToString(sha512(BODY)))));
        HttpMessage signed = RSA.sign(request, NOW);
        assertEquals(List.of("Tue, 04 Mar 2025 05:00:00 GMT"), signed.headerValues("Date"));
        assertEquals(1, signed.headerValues("Digest").size());
        assertEquals(1, signed.headerValues("Host").size());
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void resigningReplacesTheSignature() {
        HttpMessage once = RSA.sign(get("https://remote.example/a"), NOW);
        HttpMessage twice = RSA.sign(once, NOW);
        assertEquals(1, twice.headerValues("Signature").size());
        assertEquals(once.header("Signature"), twice.header("Signature"));
    }

    @Test
    void dayOfMonthIsTwoDigits() {
        HttpMessage signed = RSA.sign(get("https://remote.example/a"), Instant.parse("2021-04-05T00:00:09Z"));
        assertEquals("Mon, 05 Apr 2021 00:00:09 GMT", signed.header("Date").orElseThrow());
    }

    @Test
    void hs2019WithEd25519() {
        CavageSigner ed = CavageSigner.hs2019(KEY_ID, TestKeys.ED25519_PRIVATE);
        HttpMessage signed = ed.sign(post("https://remote.example/inbox", List.of()), NOW);
        assertEquals("hs2019", param(signed, "algorithm"));
        assertVerified(verify(signed, TestKeys.ED25519_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void hs2019WithRsa() {
        HttpMessage signed = CavageSigner.hs2019(KEY_ID, TestKeys.RSA_PRIVATE)
                .sign(post("https://remote.example/inbox", List.of()), NOW);
        assertEquals("hs2019", param(signed, "algorithm"));
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), KEY_ID);
    }

    @Test
    void keyIdWithQuotesIsEscapedAndReadBack() {
        String keyId = "https://remote.example/users/a \"b\", c\\d#main-key";
        HttpMessage signed = CavageSigner.rsaSha256(keyId, TestKeys.RSA_PRIVATE).sign(get("https://remote.example/a"), NOW);
        assertTrue(signed.header("Signature").orElseThrow()
                .startsWith("keyId=\"https://remote.example/users/a \\\"b\\\", c\\\\d#main-key\","));
        assertVerified(verify(signed, TestKeys.RSA_PUBLIC, NOW), keyId);
    }

    @Test
    void refusesKeysThatCannotSignTheAlgorithm() {
        assertThrows(IllegalArgumentException.class, () -> CavageSigner.rsaSha256(KEY_ID, TestKeys.ED25519_PRIVATE));
    }

    @Test
    void refusesToCoverAHeaderThatIsAbsent() {
        assertThrows(IllegalArgumentException.class,
                () -> RSA.sign(get("https://remote.example/a"), NOW, List.of("(request-target)", "host", "accept-language")));
    }

    @Test
    void refusesResponses() {
        HttpMessage response = HttpMessage.response(200, URI.create("https://remote.example/a"), List.of(), null);
        assertThrows(IllegalArgumentException.class, () -> RSA.sign(response, NOW));
    }

    @Test
    void signingIsDeterministicForRsa() {
        HttpMessage request = post("https://remote.example/inbox", List.of());
        assertEquals(RSA.sign(request, NOW), RSA.sign(request, NOW));
        assertFalse(RSA.sign(request, NOW).equals(RSA.sign(request, NOW.plusSeconds(1))));
    }

    private static void assertSignatureOver(String signingString, HttpMessage signed) throws Exception {
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(TestKeys.RSA_PRIVATE);
        jdk.update(signingString.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(jdk.sign(), Base64.getDecoder().decode(param(signed, "signature")));
    }

    private static byte[] sha512(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-512").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
