/**
 * Object integrity proofs (FEP-8b32) with the {@code eddsa-jcs-2022} cryptosuite of W3C Data
 * Integrity EdDSA Cryptosuites v1.0 §3.3.
 */
package coop.entraide.protocol.proof;
