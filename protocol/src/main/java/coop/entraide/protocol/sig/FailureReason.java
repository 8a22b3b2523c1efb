package coop.entraide.protocol.sig;

/**
 * Why a signature did not verify. Each value is precise enough to be logged, counted and returned
 * to the sender so that federation problems can be diagnosed from either side.
 */
public enum FailureReason {
    /** No signature header at all. */
    MISSING_SIGNATURE,
    /** A header that should be parsed (Signature, Signature-Input, Digest, Date…) is not well formed. */
    MALFORMED_HEADER,
    /** The algorithm named, or implied by the key, is not one this library verifies. */
    UNKNOWN_ALGORITHM,
    /** A component the profile requires is not covered, or a covered one is absent from the message. */
    MISSING_COMPONENT,
    /** A body is present but no digest header covers it. */
    MISSING_DIGEST,
    /** The digest header does not match the body. */
    BAD_DIGEST,
    /** {@code Date} or {@code created} is outside the accepted clock-skew window. */
    CLOCK_SKEW,
    /** {@code expires} is in the past. */
    EXPIRED,
    /** The key given is of the wrong type for the algorithm, or cannot be used. */
    KEY_MISMATCH,
    /** The cryptographic check failed. */
    BAD_SIGNATURE
}
