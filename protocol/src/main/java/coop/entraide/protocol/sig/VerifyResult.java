package coop.entraide.protocol.sig;

import java.util.Objects;

/**
 * The outcome of verifying a signature: expected failures are values, not exceptions.
 * {@code keyId} is whatever the signature named (may be {@code null} when it could not be parsed).
 */
public sealed interface VerifyResult {

    SignatureScheme scheme();

    String keyId();

    default boolean ok() {
        return this instanceof Verified;
    }

    record Verified(SignatureScheme scheme, String keyId) implements VerifyResult {
        public Verified {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    record Failed(SignatureScheme scheme, String keyId, FailureReason reason, String detail)
            implements VerifyResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String toString() {
            return reason + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    static VerifyResult verified(SignatureScheme scheme, String keyId) {
        return new Verified(scheme, keyId);
    }

    static VerifyResult failed(SignatureScheme scheme, String keyId, FailureReason reason, String detail) {
        return new Failed(scheme, keyId, reason, detail);
    }
}
