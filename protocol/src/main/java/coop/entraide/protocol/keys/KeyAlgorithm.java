package coop.entraide.protocol.keys;

/** The signing key types a node generates: RSA for HTTP signatures, Ed25519 for object proofs. */
public enum KeyAlgorithm {
    /** RSA-2048, what every fediverse server verifies in draft-cavage {@code rsa-sha256}. */
    RSA_2048,
    /** Ed25519 (RFC 8032), for FEP-8b32 {@code eddsa-jcs-2022} proofs and RFC 9421 {@code ed25519}. */
    ED25519
}
