package coop.entraide.protocol.proof;

/**
 * The first step of verification: either a {@link ParsedProof} that names the verification
 * method to resolve, or a failure that needs no key to decide.
 */
public sealed interface ProofParseResult permits ParsedProof, ProofResult.Failed {
}
