package coop.entraide.protocol.proof;

/** Why an object integrity proof (FEP-8b32) did not verify. */
public enum ProofFailure {
    /** The object carries no {@code proof}. */
    MISSING_PROOF,
    /** The signed document itself is unusable: not a JSON object, or not canonicalizable. */
    MALFORMED_DOCUMENT,
    /** A proof member is missing or ill-formed, or the proof's {@code @context} contradicts the document's. */
    MALFORMED_PROOF,
    /** Not a {@code DataIntegrityProof} with cryptosuite {@code eddsa-jcs-2022}. */
    UNSUPPORTED_CRYPTOSUITE,
    /** {@code proofPurpose} is not {@code assertionMethod} (FEP-8b32 requires it). */
    WRONG_PURPOSE,
    /** The proof's {@code expires} time has passed. */
    EXPIRED,
    /** The resolved verification method is not the one the proof names, or not an Ed25519 key. */
    KEY_MISMATCH,
    /** The key's controller is not the object's owner (its actor or attributedTo, FEP-fe34). */
    CONTROLLER_MISMATCH,
    /** The signature does not match the document and proof options. */
    BAD_SIGNATURE
}
