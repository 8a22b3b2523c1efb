package coop.entraide.protocol.as;

/**
 * Security vocabulary: the legacy {@code publicKey} of security/v1, FEP-521a Multikey
 * ({@code assertionMethod}) and W3C Data Integrity proofs (FEP-8b32).
 */
public final class Sec {

    public static final String SECURITY_V1 = "https://w3id.org/security/v1";
    public static final String DATA_INTEGRITY_V1 = "https://w3id.org/security/data-integrity/v1";
    public static final String DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2";
    public static final String MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";
    /** Controlled Identifiers context; FEP-521a names it for Multikey. */
    public static final String CID_V1 = "https://www.w3.org/ns/cid/v1";
    public static final String NS = "https://w3id.org/security#";

    // security/v1 actor key
    public static final String PUBLIC_KEY = "publicKey";
    public static final String OWNER = "owner";
    public static final String PUBLIC_KEY_PEM = "publicKeyPem";
    public static final String KEY = "Key";

    // FEP-521a
    public static final String ASSERTION_METHOD = "assertionMethod";
    public static final String MULTIKEY = "Multikey";
    public static final String CONTROLLER = "controller";
    public static final String PUBLIC_KEY_MULTIBASE = "publicKeyMultibase";

    // Data Integrity proofs
    public static final String PROOF = "proof";
    public static final String DATA_INTEGRITY_PROOF = "DataIntegrityProof";
    public static final String CRYPTOSUITE = "cryptosuite";
    public static final String EDDSA_JCS_2022 = "eddsa-jcs-2022";
    public static final String VERIFICATION_METHOD = "verificationMethod";
    public static final String PROOF_PURPOSE = "proofPurpose";
    public static final String PROOF_VALUE = "proofValue";
    public static final String CREATED = "created";

    private Sec() {
    }
}
