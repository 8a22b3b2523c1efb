package coop.entraide.node.identity;

import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.KeyMaterial;

/**
 * The two key pairs of a new local actor: RSA-2048 for draft-cavage HTTP signatures (the
 * {@code publicKey} every server reads) and Ed25519 for object proofs (FEP-521a
 * {@code assertionMethod} Multikey).
 */
record ActorKeys(KeyMaterial rsa, KeyMaterial ed25519, String ed25519PublicKeyMultibase) {

    /** Slow (RSA generation takes tens to hundreds of milliseconds): call on a worker thread. */
    static ActorKeys generate() {
        KeyMaterial rsa = KeyMaterial.generate(KeyAlgorithm.RSA_2048);
        KeyMaterial ed25519 = KeyMaterial.generate(KeyAlgorithm.ED25519);
        try {
            return new ActorKeys(rsa, ed25519, ed25519.publicKeyMultibase());
        } catch (KeyFormatException e) {
            throw new IllegalStateException("a freshly generated Ed25519 key cannot be encoded", e);
        }
    }

    String rsaPublicKeyPem() {
        return rsa.publicKeyPem();
    }

    String rsaPrivateKeyPem() {
        return rsa.privateKeyPem();
    }

    String ed25519PrivateKeyPem() {
        return ed25519.privateKeyPem();
    }

    @Override
    public String toString() {
        return "ActorKeys[" + ed25519PublicKeyMultibase + ", private halves redacted]";
    }
}
