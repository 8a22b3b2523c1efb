package coop.entraide.protocol.sig;

import java.util.Objects;

/**
 * One signed try at delivering a request, and the scheme it was signed with, so that the outcome
 * can be reported back to {@link NegotiatingSigner} (PROTOCOL.md §3.6).
 */
public record SignedAttempt(SignatureScheme scheme, HttpMessage message) {
    public SignedAttempt {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(message, "message");
    }
}
