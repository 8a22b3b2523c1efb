package coop.entraide.protocol.proof;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed {@code eddsa-jcs-2022} proof, ready for its key (vc-di-eddsa §3.3.2 steps 1 to 6
 * done): the node resolves {@link #verificationMethod()}, then calls
 * {@link ObjectIntegrityProofs#verify(ParsedProof, VerificationMethod)}.
 *
 * @param verificationMethod the key id to resolve (an HTTP(S) URI or a DID URL)
 * @param owner the object's owner per FEP-fe34 (its {@code actor}, {@code attributedTo}, or itself);
 *     always present in what {@link ObjectIntegrityProofs#parse} returns
 * @param created when the proof says it was made, if it says
 * @param expires when the proof stops being valid, if it says
 * @param hashData SHA-256 of the canonical proof options followed by SHA-256 of the canonical document
 * @param signature the 64 signature bytes from {@code proofValue}
 */
public record ParsedProof(String verificationMethod, Optional<String> owner, Optional<Instant> created,
        Optional<Instant> expires, byte[] hashData, byte[] signature) implements ProofParseResult {

    public ParsedProof {
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        hashData = hashData.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] hashData() {
        return hashData.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "ParsedProof[" + verificationMethod + " for " + owner + "]";
    }
}
