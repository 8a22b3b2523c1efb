package coop.entraide.protocol.sig;

/** The two generations of HTTP signatures spoken on the fediverse. */
public enum SignatureScheme {
    /** draft-cavage-http-signatures-12, as Mastodon signs: {@code Signature} header alone. */
    DRAFT_CAVAGE_12,
    /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} and {@code Signature}. */
    RFC_9421
}
