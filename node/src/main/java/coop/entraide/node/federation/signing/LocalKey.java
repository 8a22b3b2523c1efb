package coop.entraide.node.federation.signing;

import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;

/**
 * The parsed private keys of one local actor, ready to sign: RSA for HTTP signatures (its
 * {@code publicKey}, {@code #main-key}) and Ed25519 for object integrity proofs (its
 * {@code assertionMethod} Multikey, {@code #ed25519-key}).
 */
public record LocalKey(String actorUri, String keyId, PrivateKey rsa, String multikeyId, EdECPrivateKey ed25519) {

    @Override
    public String toString() {
        return "LocalKey[" + keyId + ", private halves redacted]";
    }
}
