package coop.entraide.protocol.proof;

import static coop.entraide.protocol.proof.ProofResult.failed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.json.Jcs;
import coop.entraide.protocol.keys.Base58;
import coop.entraide.protocol.keys.Ed25519Keys;
import coop.entraide.protocol.keys.Ed25519SigningKey;
import coop.entraide.protocol.keys.KeyFormatException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The {@code eddsa-jcs-2022} cryptosuite of W3C Data Integrity EdDSA Cryptosuites v1.0 §3.3:
 * JCS-canonicalize the proof options and the document, hash each with SHA-256, and sign
 * proofHash‖documentHash with Ed25519; {@code proofValue} is base58btc multibase.
 */
public final class EddsaJcs2022 {

    public static final String PROOF_TYPE = "DataIntegrityProof";
    public static final String CRYPTOSUITE = "eddsa-jcs-2022";
    static final String PROOF = "proof";
    static final String CONTEXT = "@context";
    static final String PROOF_VALUE = "proofValue";
    private static final int SIGNATURE_LENGTH = 64;

    private EddsaJcs2022() {
    }

    /**
     * Adds a proof to a copy of {@code unsecured} (§3.3.1 Create Proof). The proof options are
     * given without {@code @context}: the document's is copied in, as §3.3.1 step 2 says.
     *
     * @throws IllegalArgumentException if the document already has a proof or cannot be canonicalized
     */
    public static ObjectNode addProof(ObjectNode unsecured, ObjectNode proofOptions, EdECPrivateKey key) {
        return addProof(unsecured, proofOptions, hashData -> sign(hashData, key));
    }

    /** As {@link #addProof(ObjectNode, ObjectNode, EdECPrivateKey)}, with a key prepared for many signatures. */
    public static ObjectNode addProof(ObjectNode unsecured, ObjectNode proofOptions, Ed25519SigningKey key) {
        return addProof(unsecured, proofOptions, key::sign);
    }

    private static ObjectNode addProof(ObjectNode unsecured, ObjectNode proofOptions, UnaryOperator<byte[]> signer) {
        if (unsecured.has(PROOF)) {
            throw new IllegalArgumentException("document already carries a proof");
        }
        ObjectNode proof = unsecured.objectNode();
        if (unsecured.has(CONTEXT)) {
            proof.set(CONTEXT, unsecured.get(CONTEXT).deepCopy());
        }
        proof.setAll(proofOptions.deepCopy());
        proof.remove(PROOF_VALUE);
        byte[] signature = signer.apply(hashData(proof, unsecured));
        proof.put(PROOF_VALUE, "z" + Base58.encode(signature));
        ObjectNode secured = unsecured.deepCopy();
        secured.set(PROOF, proof);
        return secured;
    }

    /**
     * SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document)) (§3.3.4 Hashing).
     *
     * @throws IllegalArgumentException if either cannot be canonicalized
     */
    public static byte[] hashData(JsonNode proofConfig, JsonNode document) {
        byte[] out = new byte[64];
        System.arraycopy(sha256(Jcs.canonicalize(proofConfig)), 0, out, 0, 32);
        System.arraycopy(sha256(Jcs.canonicalize(document)), 0, out, 32, 32);
        return out;
    }

    /** Ed25519 signature of the hash data (§3.3.5 Proof Serialization). */
    public static byte[] sign(byte[] hashData, EdECPrivateKey key) {
        byte[] seed;
        try {
            seed = Ed25519Keys.rawPrivateKey(key);
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        // Bouncy Castle's RFC 8032 code signs several times faster than the JDK 17 provider, with
        // the same deterministic result.
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, hashData, 0, hashData.length, signature, 0);
        Arrays.fill(seed, (byte) 0);
        return signature;
    }

    /** Checks an Ed25519 signature of the hash data (§3.3.6 Proof Verification). */
    public static boolean verify(byte[] hashData, byte[] signature, PublicKey key) {
        if (!(key instanceof EdECPublicKey edKey) || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        byte[] raw;
        try {
            raw = Ed25519Keys.rawPublicKey(edKey);
        } catch (KeyFormatException e) {
            return false;
        }
        return Ed25519.verify(signature, 0, raw, 0, hashData, 0, hashData.length);
    }

    /**
     * Steps 1 to 6 of §3.3.2 Verify Proof, which need no key: checks the proof's type,
     * cryptosuite and members, separates proof options and document, applies the
     * {@code @context} rule and computes the hash data. Does not judge {@code proofPurpose}:
     * that is the caller's policy.
     */
    public static ProofParseResult parse(JsonNode securedDocument) {
        if (securedDocument == null || !securedDocument.isObject()) {
            return failed(ProofFailure.MALFORMED_DOCUMENT, "signed document is not a JSON object");
        }
        JsonNode proofNode = securedDocument.get(PROOF);
        if (proofNode == null || proofNode.isNull()) {
            return failed(ProofFailure.MISSING_PROOF, "no proof member");
        }
        if (proofNode.isArray()) {
            if (proofNode.size() != 1) {
                return failed(ProofFailure.MALFORMED_PROOF, "proof sets of " + proofNode.size()
                        + " proofs are not supported");
            }
            proofNode = proofNode.get(0);
        }
        if (!proofNode.isObject()) {
            return failed(ProofFailure.MALFORMED_PROOF, "proof is not an object");
        }
        ObjectNode proofOptions = ((ObjectNode) proofNode).deepCopy();
        if (!PROOF_TYPE.equals(text(proofOptions, "type"))) {
            return failed(ProofFailure.UNSUPPORTED_CRYPTOSUITE, "proof type is not " + PROOF_TYPE);
        }
        if (!CRYPTOSUITE.equals(text(proofOptions, "cryptosuite"))) {
            return failed(ProofFailure.UNSUPPORTED_CRYPTOSUITE, "cryptosuite is not " + CRYPTOSUITE);
        }
        String verificationMethod = text(proofOptions, "verificationMethod");
        if (verificationMethod == null || verificationMethod.isEmpty()) {
            return failed(ProofFailure.MALFORMED_PROOF, "verificationMethod is missing");
        }
        if (text(proofOptions, "proofPurpose") == null) {
            return failed(ProofFailure.MALFORMED_PROOF, "proofPurpose is missing");
        }
        Optional<Instant> created;
        Optional<Instant> expires;
        try {
            created = dateTime(proofOptions, "created");
            expires = dateTime(proofOptions, "expires");
        } catch (DateTimeParseException e) {
            return failed(ProofFailure.MALFORMED_PROOF, "created or expires is not an XML Schema dateTime");
        }
        byte[] signature;
        try {
            signature = proofValue(text(proofOptions, PROOF_VALUE));
        } catch (KeyFormatException e) {
            return failed(ProofFailure.MALFORMED_PROOF, "proofValue: " + e.getMessage());
        }
        proofOptions.remove(PROOF_VALUE);

        ObjectNode unsecured = ((ObjectNode) securedDocument).deepCopy();
        unsecured.remove(PROOF);
        if (unsecured.has("signature")) {
            // FEP-8b32: a Linked Data signature added after the proof is not part of what it signs.
            unsecured.remove("signature");
        }
        if (proofOptions.has(CONTEXT)) {
            if (!startsWith(unsecured.get(CONTEXT), proofOptions.get(CONTEXT))) {
                return failed(ProofFailure.MALFORMED_PROOF, "the document's @context does not start with the proof's");
            }
            unsecured.set(CONTEXT, proofOptions.get(CONTEXT).deepCopy());
        }
        byte[] proofHash;
        try {
            proofHash = sha256(Jcs.canonicalize(proofOptions));
        } catch (IllegalArgumentException e) {
            return failed(ProofFailure.MALFORMED_PROOF, "proof cannot be canonicalized: " + e.getMessage());
        }
        byte[] documentHash;
        try {
            documentHash = sha256(Jcs.canonicalize(unsecured));
        } catch (IllegalArgumentException e) {
            return failed(ProofFailure.MALFORMED_DOCUMENT, "document cannot be canonicalized: " + e.getMessage());
        }
        byte[] hashData = new byte[64];
        System.arraycopy(proofHash, 0, hashData, 0, 32);
        System.arraycopy(documentHash, 0, hashData, 32, 32);
        return new ParsedProof(verificationMethod, Owners.ownerOf(unsecured), created, expires, hashData, signature);
    }

    /** The proofPurpose of a proof that {@link #parse} accepted. */
    static String proofPurpose(JsonNode securedDocument) {
        JsonNode proof = securedDocument.get(PROOF);
        if (proof != null && proof.isArray()) {
            proof = proof.get(0);
        }
        return text(proof, "proofPurpose");
    }

    private static byte[] proofValue(String value) throws KeyFormatException {
        if (value == null) {
            throw new KeyFormatException("missing");
        }
        if (value.isEmpty() || value.charAt(0) != 'z') {
            throw new KeyFormatException("not base58btc multibase (must start with 'z')");
        }
        if (value.length() > 200) {
            throw new KeyFormatException("too long for an Ed25519 signature");
        }
        byte[] signature = Base58.decode(value.substring(1));
        if (signature.length != SIGNATURE_LENGTH) {
            throw new KeyFormatException("decodes to " + signature.length + " bytes, an Ed25519 signature has 64");
        }
        return signature;
    }

    /** vc-di-eddsa §3.3.2 step 4.1: the document's context must begin with the proof's, in order. */
    private static boolean startsWith(JsonNode documentContext, JsonNode proofContext) {
        if (documentContext == null) {
            return false;
        }
        JsonNode document = asArray(documentContext);
        JsonNode proof = asArray(proofContext);
        if (proof.size() > document.size()) {
            return false;
        }
        for (int i = 0; i < proof.size(); i++) {
            if (!proof.get(i).equals(document.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode asArray(JsonNode node) {
        return node.isArray() ? node : JsonNodeFactory.instance.arrayNode().add(node);
    }

    private static Optional<Instant> dateTime(JsonNode proof, String name) {
        JsonNode value = proof.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new DateTimeParseException(name + " is not a string", "", 0);
        }
        return Optional.of(OffsetDateTime.parse(value.textValue()).toInstant());
    }

    static String text(JsonNode node, String name) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in Java 17", e);
        }
    }
}
