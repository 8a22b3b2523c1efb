package coop.entraide.protocol.proof;

import java.util.Objects;

/** The outcome of verifying an object integrity proof (FEP-8b32): expected failures are values. */
public sealed interface ProofResult {

    default boolean ok() {
        return this instanceof Verified;
    }

    /** The object is authentic: signed by {@code verificationMethod}, controlled by its owner {@code controller}. */
    record Verified(String verificationMethod, String controller) implements ProofResult {
        public Verified {
            Objects.requireNonNull(verificationMethod, "verificationMethod");
            Objects.requireNonNull(controller, "controller");
        }
    }

    /** The proof failed, either while parsing or while verifying. */
    record Failed(ProofFailure reason, String detail) implements ProofResult, ProofParseResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String toString() {
            return reason + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    static Failed failed(ProofFailure reason, String detail) {
        return new Failed(reason, detail);
    }
}
