package coop.entraide.protocol.sig.digest;

import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 3230 §4.3.2 {@code Digest} header as draft-cavage signers send it:
 * {@code Digest: SHA-256=<base64>}.
 *
 * <p>The value is a comma-separated list of {@code algorithm=value}, the algorithm name compared
 * case-insensitively. We make {@code SHA-256} (what Mastodon requires) and accept {@code SHA-256}
 * and {@code SHA-512}; other algorithms are ignored when a known one is present. Values must be
 * base64: hex digests are refused, as Mastodon does.
 */
public final class LegacyDigest {

    public static final String HEADER = "Digest";

    private LegacyDigest() {
    }

    /** {@code SHA-256=<base64>} for {@code body}. */
    public static String headerValue(byte[] body) {
        return headerValue(body, DigestAlgorithm.SHA_256);
    }

    public static String headerValue(byte[] body, DigestAlgorithm algorithm) {
        return algorithm.legacyName() + "=" + Base64.getEncoder().encodeToString(algorithm.digest(body));
    }

    /** Checks {@code body} against the field lines of a {@code Digest} header. */
    public static DigestCheck verify(List<String> fieldLines, byte[] body) {
        if (fieldLines.isEmpty()) {
            return DigestCheck.missing(HEADER);
        }
        Map<DigestAlgorithm, byte[]> digests = new EnumMap<>(DigestAlgorithm.class);
        for (String line : fieldLines) {
            for (String part : line.split(",", -1)) {
                String entry = part.strip();
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    return DigestCheck.malformed(HEADER + ": expected algorithm=value, got '" + entry + "'");
                }
                DigestAlgorithm algorithm = DigestAlgorithm.byName(entry.substring(0, eq).strip()).orElse(null);
                if (algorithm == null) {
                    continue;
                }
                byte[] value = decode(entry.substring(eq + 1).strip());
                if (value == null) {
                    return DigestCheck.malformed(HEADER + ": " + algorithm.legacyName() + " value is not base64");
                }
                digests.put(algorithm, value);
            }
        }
        return ContentDigest.compare(digests, body, HEADER);
    }

    /** Checks {@code body} against a single {@code Digest} header value. */
    public static DigestCheck verify(String headerValue, byte[] body) {
        return verify(headerValue == null ? List.of() : List.of(headerValue), body);
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
