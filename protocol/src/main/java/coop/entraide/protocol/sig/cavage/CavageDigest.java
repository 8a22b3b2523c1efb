package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.FailureReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The legacy {@code Digest} header (RFC 3230) that draft-cavage signatures cover: written as
 * {@code SHA-256=<base64>} like Mastodon, checked for {@code SHA-256} and {@code SHA-512}.
 *
 * <p>Kept package-private so that it can give way to a shared implementation of the header.
 */
final class CavageDigest {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> digest("SHA-256"));
    private static final ThreadLocal<MessageDigest> SHA_512 = ThreadLocal.withInitial(() -> digest("SHA-512"));

    private CavageDigest() {
    }

    /** The header value Mastodon sends for this body. */
    static String sha256Header(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(SHA_256.get().digest(body));
    }

    /**
     * Checks every SHA-256 and SHA-512 value of the header against the body; other algorithms are
     * skipped, and a header offering only those is refused, since it proves nothing.
     *
     * @return empty when the body matches
     */
    static Optional<Rejection> check(String headerValue, byte[] body) {
        List<String> unsupported = new ArrayList<>();
        int checked = 0;
        for (String entry : headerValue.split(",", -1)) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                return Optional.of(new Rejection(FailureReason.MALFORMED_HEADER,
                        "Digest entry is not algorithm=value: " + Shorten.of(trimmed)));
            }
            String algorithm = trimmed.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            MessageDigest md = switch (algorithm) {
                case "sha-256" -> SHA_256.get();
                case "sha-512" -> SHA_512.get();
                default -> null;
            };
            if (md == null) {
                unsupported.add(algorithm);
                continue;
            }
            Optional<Rejection> mismatch = compare(algorithm, trimmed.substring(eq + 1).trim(), md, body);
            if (mismatch.isPresent()) {
                return mismatch;
            }
            checked++;
        }
        if (checked == 0) {
            return Optional.of(new Rejection(FailureReason.UNKNOWN_ALGORITHM,
                    "Digest has no SHA-256 or SHA-512 value, only " + Shorten.of(String.join(", ", unsupported))));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> compare(String algorithm, String encoded, MessageDigest md, byte[] body) {
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Rejection(FailureReason.MALFORMED_HEADER,
                    "Digest " + algorithm + " value is not base64"));
        }
        if (claimed.length != md.getDigestLength()) {
            // Typically a hex digest, which happens to be valid base64 of the wrong length.
            return Optional.of(new Rejection(FailureReason.BAD_DIGEST,
                    "Digest " + algorithm + " value is not a base64 " + algorithm + " digest"));
        }
        if (!MessageDigest.isEqual(claimed, md.digest(body))) {
            return Optional.of(new Rejection(FailureReason.BAD_DIGEST,
                    "Digest " + algorithm + " does not match the body"));
        }
        return Optional.empty();
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required of every Java platform", e);
        }
    }
}
