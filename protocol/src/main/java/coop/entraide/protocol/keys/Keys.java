package coop.entraide.protocol.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

/** Key generation with the JDK's own providers, and the public half of a private key. */
public final class Keys {

    private Keys() {
    }

    /** Generates a fresh key pair. */
    public static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case RSA_2048 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                    yield generator.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            // Both algorithms are mandatory in every Java 17 runtime.
            throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
        }
    }

    /**
     * The public key that belongs to a private key. Works for RSA keys that carry their CRT
     * parameters (PKCS#1 and PKCS#8 both do) and for Ed25519.
     */
    public static PublicKey publicKeyOf(PrivateKey key) throws KeyFormatException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return rsaPublicKey(rsa.getModulus(), rsa.getPublicExponent(), rsa.getAlgorithm());
        }
        if (key instanceof EdECPrivateKey ed) {
            return Ed25519Keys.publicKeyOf(ed);
        }
        throw new KeyFormatException("cannot derive the public key of a " + key.getAlgorithm() + " private key");
    }

    /** Which of our algorithms a key belongs to, if any. */
    public static Optional<KeyAlgorithm> algorithmOf(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return Optional.of(KeyAlgorithm.RSA_2048);
        }
        if (Ed25519Keys.isEd25519(key)) {
            return Optional.of(KeyAlgorithm.ED25519);
        }
        return Optional.empty();
    }

    static PublicKey rsaPublicKey(BigInteger modulus, BigInteger exponent, String algorithm)
            throws KeyFormatException {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("RSA public key rejected: " + e.getMessage(), e);
        }
    }
}
