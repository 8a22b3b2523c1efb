package coop.entraide.protocol.keys;

import java.security.interfaces.EdECPrivateKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key ready to sign many messages (RFC 8032 §5.1.6): its seed, with the public
 * key worked out once. A signature made from the seed alone derives the public key again, which
 * costs as much as the rest of the signature; a node signing every activity it publishes keeps
 * one of these per actor.
 */
public final class Ed25519SigningKey {
    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519SigningKey(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    public static Ed25519SigningKey of(EdECPrivateKey key) throws KeyFormatException {
        byte[] seed = Ed25519Keys.rawPrivateKey(key);
        byte[] publicKey = new byte[Ed25519Keys.KEY_LENGTH];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new Ed25519SigningKey(seed, publicKey);
    }

    /** The pure Ed25519 signature of {@code message} (deterministic: the same as from the seed alone). */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** The RFC 8032 encoding of the public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        return "Ed25519SigningKey[redacted]";
    }
}
