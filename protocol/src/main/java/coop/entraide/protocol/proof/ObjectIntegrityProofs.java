package coop.entraide.protocol.proof;

import static coop.entraide.protocol.proof.ProofResult.failed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.StrictJsonReader;
import coop.entraide.protocol.keys.Ed25519SigningKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * FEP-8b32 Object Integrity Proofs with {@code eddsa-jcs-2022}. Signing is one call; verifying is
 * two, so that the node can fetch the verification method in between:
 * {@link #parse(JsonNode)} names the key to resolve, {@link #verify(ParsedProof, VerificationMethod)}
 * checks it. Every failure is a {@link ProofResult.Failed} value.
 */
public final class ObjectIntegrityProofs {

    /** The only proof purpose FEP-8b32 allows. */
    public static final String ASSERTION_METHOD = "assertionMethod";

    private ObjectIntegrityProofs() {
    }

    /** Signs an object for its owner with {@code proofPurpose: assertionMethod}. */
    public static ObjectNode create(ObjectNode object, EdECPrivateKey key, String verificationMethod, Instant created) {
        return create(object, key, verificationMethod, ASSERTION_METHOD, created);
    }

    /**
     * Returns a copy of {@code object} with a {@code DataIntegrityProof} whose {@code @context} is
     * the object's, {@code created} is given to the second (omitted when null).
     *
     * @throws IllegalArgumentException if the object already has a proof or cannot be canonicalized
     */
    public static ObjectNode create(ObjectNode object, EdECPrivateKey key, String verificationMethod,
            String proofPurpose, Instant created) {
        return EddsaJcs2022.addProof(object, options(object, verificationMethod, proofPurpose, created), key);
    }

    /** As {@link #create(ObjectNode, EdECPrivateKey, String, Instant)}, with a key prepared for many signatures. */
    public static ObjectNode create(ObjectNode object, Ed25519SigningKey key, String verificationMethod, Instant created) {
        return EddsaJcs2022.addProof(object, options(object, verificationMethod, ASSERTION_METHOD, created), key);
    }

    private static ObjectNode options(ObjectNode object, String verificationMethod, String proofPurpose, Instant created) {
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(proofPurpose, "proofPurpose");
        ObjectNode options = object.objectNode();
        options.put("type", EddsaJcs2022.PROOF_TYPE);
        options.put("cryptosuite", EddsaJcs2022.CRYPTOSUITE);
        options.put("verificationMethod", verificationMethod);
        options.put("proofPurpose", proofPurpose);
        if (created != null) {
            options.put("created", DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS)));
        }
        return options;
    }

    /** Step one, from raw JSON read with {@link StrictJsonReader#withDefaults()}. */
    public static ProofParseResult parse(String json) {
        JsonReadResult read = StrictJsonReader.withDefaults().readObject(json);
        if (read instanceof JsonReadResult.Rejected rejected) {
            return failed(ProofFailure.MALFORMED_DOCUMENT, rejected.toString());
        }
        return parse(((JsonReadResult.Parsed) read).value());
    }

    /**
     * Step one: checks everything that needs no key (proof shape, cryptosuite, purpose, that the
     * object has one owner and that the key lives on the owner's origin) and names the
     * verification method to resolve.
     */
    public static ProofParseResult parse(JsonNode signedObject) {
        ProofParseResult parsed = EddsaJcs2022.parse(signedObject);
        if (!(parsed instanceof ParsedProof proof)) {
            return parsed;
        }
        String purpose = EddsaJcs2022.proofPurpose(signedObject);
        if (!ASSERTION_METHOD.equals(purpose)) {
            return failed(ProofFailure.WRONG_PURPOSE, "proofPurpose is " + purpose + ", FEP-8b32 requires "
                    + ASSERTION_METHOD);
        }
        if (proof.owner().isEmpty()) {
            return failed(ProofFailure.CONTROLLER_MISMATCH,
                    "the object has no single owner (actor or attributedTo) to match the key's controller");
        }
        String owner = proof.owner().get();
        if (Owners.isBrokenWebUri(proof.verificationMethod())) {
            return failed(ProofFailure.MALFORMED_PROOF, "verificationMethod is not a valid URI");
        }
        if (Owners.differentWebOrigins(proof.verificationMethod(), owner)) {
            return failed(ProofFailure.CONTROLLER_MISMATCH, "verificationMethod " + proof.verificationMethod()
                    + " is not on the origin of the owner " + owner);
        }
        return proof;
    }

    /** Step two, now. */
    public static ProofResult verify(ParsedProof proof, VerificationMethod method) {
        return verify(proof, method, Instant.now());
    }

    /**
     * Step two: the resolved method must be the one the proof names, controlled by the object's
     * owner, and its Ed25519 key must have made the signature.
     */
    public static ProofResult verify(ParsedProof proof, VerificationMethod method, Instant now) {
        if (!proof.verificationMethod().equals(method.id())) {
            return failed(ProofFailure.KEY_MISMATCH, "resolved " + method.id() + ", the proof names "
                    + proof.verificationMethod());
        }
        String owner = proof.owner().orElse(null);
        if (!method.controller().equals(owner)) {
            return failed(ProofFailure.CONTROLLER_MISMATCH, "key controller " + method.controller()
                    + " is not the object's owner " + owner);
        }
        if (Owners.differentWebOrigins(method.id(), method.controller())) {
            return failed(ProofFailure.CONTROLLER_MISMATCH, "key " + method.id()
                    + " is not on the origin of its controller " + method.controller());
        }
        if (proof.expires().isPresent() && proof.expires().get().isBefore(now)) {
            return failed(ProofFailure.EXPIRED, "proof expired at " + proof.expires().get());
        }
        if (!(method.publicKey() instanceof EdECPublicKey)) {
            return failed(ProofFailure.KEY_MISMATCH, "verification method is a "
                    + method.publicKey().getAlgorithm() + " key, eddsa-jcs-2022 needs Ed25519");
        }
        if (!EddsaJcs2022.verify(proof.hashData(), proof.signature(), method.publicKey())) {
            return failed(ProofFailure.BAD_SIGNATURE, "signature does not match the object");
        }
        return new ProofResult.Verified(method.id(), method.controller());
    }

    /** Both steps at once, for a verification method already at hand. */
    public static ProofResult verify(JsonNode signedObject, VerificationMethod method, Instant now) {
        ProofParseResult parsed = parse(signedObject);
        if (parsed instanceof ProofResult.Failed failed) {
            return failed;
        }
        return verify((ParsedProof) parsed, method, now);
    }
}
