package coop.entraide.protocol.sig.digest;

import coop.entraide.protocol.sig.FailureReason;
import java.util.Objects;

/** The outcome of checking a body against a digest header: failures are values. */
public sealed interface DigestCheck {

    default boolean ok() {
        return this instanceof Matched;
    }

    /** Every known digest in the header matches the body; {@code algorithm} is the strongest. */
    record Matched(DigestAlgorithm algorithm) implements DigestCheck {
        public Matched {
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /** A failure, with the reason a verifier reports and a detail for logs. */
    record Failed(FailureReason reason, String detail) implements DigestCheck {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static DigestCheck mismatch(DigestAlgorithm algorithm) {
        return new Failed(FailureReason.BAD_DIGEST, algorithm.key() + " digest does not match the body");
    }

    static DigestCheck malformed(String detail) {
        return new Failed(FailureReason.MALFORMED_HEADER, detail);
    }

    static DigestCheck missing(String header) {
        return new Failed(FailureReason.MISSING_DIGEST, "no " + header + " header");
    }

    static DigestCheck noKnownAlgorithm(String header) {
        return new Failed(FailureReason.UNKNOWN_ALGORITHM, header + " names no algorithm we accept (sha-256, sha-512)");
    }
}
