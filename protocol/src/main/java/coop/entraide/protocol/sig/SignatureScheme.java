package coop.entraide.protocol.sig;

import java.util.Optional;

/** The two generations of HTTP signatures spoken on the fediverse. */
public enum SignatureScheme {
    /** draft-cavage-http-signatures-12, as Mastodon signs: {@code Signature} header alone. */
    DRAFT_CAVAGE_12("draft-cavage-12"),
    /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} and {@code Signature}. */
    RFC_9421("rfc9421");

    private final String id;

    SignatureScheme(String id) {
        this.id = id;
    }

    /** The short name stored and logged for this scheme ({@code draft-cavage-12}, {@code rfc9421}). */
    public String id() {
        return id;
    }

    /** The scheme with this {@link #id}, if any. */
    public static Optional<SignatureScheme> byId(String id) {
        for (SignatureScheme s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
