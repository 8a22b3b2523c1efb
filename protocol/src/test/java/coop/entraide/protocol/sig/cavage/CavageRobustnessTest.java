package coop.entraide.protocol.sig.cavage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.VerifyResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever a remote server sends, parsing and verifying return a value and never throw. */
class CavageRobustnessTest {

    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    private static final String ALPHABET = "keyIdalgorithmheaderssignaturecreatedexpires"
            + "=\",\\ \t()-_+/#:;0123456789ABCXYZ\u00e9\u2028\u0000\r\n";
    private static final CavageVerifier VERIFIER = new CavageVerifier();
    private static final HttpMessage GOOD = CavageSigner.rsaSha256("https://a.example/u#k", TestKeys.RSA_PRIVATE)
            .sign(HttpMessage.request("POST", URI.create("https://b.example/inbox"),
                    List.of(new HttpMessage.Header("Content-Type", "application/activity+json")),
                    "{}".getBytes(StandardCharsets.UTF_8)), NOW);
    private static final String GOOD_HEADER = GOOD.header("Signature").orElseThrow();

    @Test
    void everyTruncationOfAGoodHeader() {
        for (int length = 0; length <= GOOD_HEADER.length(); length++) {
            survives(GOOD_HEADER.substring(0, length));
            survives(GOOD_HEADER.substring(length));
        }
    }

    @Test
    void randomCharacterEditsOfAGoodHeader() {
        Random random = new Random(20250304L);
        int verified = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder header = new StringBuilder(GOOD_HEADER);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(header.length());
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> header.setCharAt(at, c);
                    case 1 -> header.insert(at, c);
                    default -> header.deleteCharAt(at);
                }
            }
            if (survives(header.toString()).ok()) {
                verified++;
            }
        }
        // Edits inside unused parts (an added space, a changed keyId) may still verify; most must not.
        assertTrue(verified < 300, "too many edited headers verified: " + verified);
    }

    @Test
    void randomHeadersFromTheParserAlphabet() {
        Random random = new Random(42L);
        for (int i = 0; i < 3000; i++) {
            StringBuilder header = new StringBuilder();
            int length = random.nextInt(120);
            for (int c = 0; c < length; c++) {
                header.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            survives(header.toString());
        }
    }

    @Test
    void wellFormedHeadersWithHostileValues() {
        Random random = new Random(7L);
        List<String> names = List.of("(request-target)", "(created)", "(expires)", "host", "date", "digest",
                "content-type", "(", ")", "\u00e9", "x");
        List<String> algorithms = List.of("rsa-sha256", "hs2019", "", "RSA-SHA256", "ed25519", "\u0000");
        for (int i = 0; i < 2000; i++) {
            StringBuilder headers = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                headers.append(names.get(random.nextInt(names.size()))).append(' ');
            }
            String header = "keyId=\"k" + i + "\",algorithm=\"" + algorithms.get(random.nextInt(algorithms.size()))
                    + "\",headers=\"" + headers + "\",created=" + (random.nextBoolean() ? random.nextInt() : 999999999999L)
                    + ",expires=" + random.nextInt(Integer.MAX_VALUE) + ",signature=\"" + (random.nextBoolean()
                    ? GOOD_HEADER.substring(GOOD_HEADER.indexOf("signature=\"") + 11, GOOD_HEADER.length() - 1)
                    : "AAAA") + "\"";
            survives(header);
        }
    }

    @Test
    void hostileMessageShapes() {
        CavageSignature signature = ((CavageParseResult.Parsed) VERIFIER.parse(GOOD)).signature();
        List<HttpMessage> shapes = List.of(
                HttpMessage.response(200, URI.create("https://b.example/inbox"), GOOD.headers(), null),
                HttpMessage.request("POST", URI.create("urn:opaque"), GOOD.headers(), null),
                HttpMessage.request("", URI.create("/"), GOOD.headers(), new byte[1]),
                Messages.replacing(GOOD, "Date", ""),
                Messages.replacing(GOOD, "Digest", ""),
                Messages.replacing(GOOD, "Digest", ",,,"),
                Messages.replacing(GOOD, "Digest", "="),
                Messages.replacing(GOOD, "Digest", "SHA-256="));
        for (HttpMessage shape : shapes) {
            assertNotNull(assertDoesNotThrow(() -> VERIFIER.verify(shape, signature, TestKeys.RSA_PUBLIC, NOW,
                    CavageVerifier.Policy.MASTODON)));
        }
    }

    private static VerifyResult survives(String header) {
        HttpMessage message = Messages.replacing(GOOD, "Signature", header);
        return assertDoesNotThrow(() -> {
            CavageParseResult parsed = VERIFIER.parse(message);
            if (parsed instanceof CavageParseResult.Parsed p) {
                return VERIFIER.verify(message, p.signature(), TestKeys.RSA_PUBLIC, NOW, CavageVerifier.Policy.MASTODON);
            }
            return ((CavageParseResult.Rejected) parsed).failure();
        }, header);
    }
}
