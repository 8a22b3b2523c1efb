/**
 * Signing keys: generation (RSA-2048, Ed25519), PEM (RFC 7468: SPKI, PKCS#8, PKCS#1), raw Ed25519
 * (RFC 8032), base58btc and Multikey (FEP-521a). Malformed input is a checked
 * {@link coop.entraide.protocol.keys.KeyFormatException}, never an unchecked one.
 */
package coop.entraide.protocol.keys;
