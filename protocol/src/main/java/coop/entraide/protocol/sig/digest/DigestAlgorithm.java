package coop.entraide.protocol.sig.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/** The hash algorithms we compute and accept in digest headers (RFC 9530 §5, RFC 3230 §4.3.2). */
public enum DigestAlgorithm {
    SHA_256("sha-256", "SHA-256", 32),
    SHA_512("sha-512", "SHA-512", 64);

    private final String key;
    private final String jcaName;
    private final int length;

    DigestAlgorithm(String key, String jcaName, int length) {
        this.key = key;
        this.jcaName = jcaName;
        this.length = length;
    }

    /** Length of a digest in bytes. */
    public int length() {
        return length;
    }

    /** The RFC 9530 dictionary key, lower case: {@code sha-256}. */
    public String key() {
        return key;
    }

    /** The RFC 3230 token as servers send it: {@code SHA-256}. */
    public String legacyName() {
        return jcaName;
    }

    /** The algorithm named by a digest key or RFC 3230 token, compared case-insensitively. */
    public static Optional<DigestAlgorithm> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.key.equals(lower)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + jcaName, e);
        }
    }
}
