package coop.entraide.protocol.sig.cavage;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * The two kinds of key draft-cavage signatures are made with on the fediverse, and the JCA
 * signature each one implies ({@code hs2019} lets the key decide).
 *
 * <p>{@link Signature} objects are costly to look up but cheap to re-initialise, so each thread
 * keeps one per kind.
 */
enum KeyType {
    /** RSASSA-PKCS1-v1_5 with SHA-256: {@code rsa-sha256}, and {@code hs2019} with an RSA key. */
    RSA("SHA256withRSA", "RSA"),
    /** Ed25519 (RFC 8032): {@code hs2019} with an Ed25519 key. */
    ED25519("Ed25519", "Ed25519");

    private final String keyFactoryAlgorithm;
    private final ThreadLocal<Signature> signature;

    KeyType(String signatureAlgorithm, String keyFactoryAlgorithm) {
        this.keyFactoryAlgorithm = keyFactoryAlgorithm;
        this.signature = ThreadLocal.withInitial(() -> newSignature(signatureAlgorithm));
    }

    static Optional<KeyType> of(Key key) {
        if (key instanceof RSAKey || "RSA".equalsIgnoreCase(key.getAlgorithm())) {
            return Optional.of(RSA);
        }
        if ("Ed25519".equalsIgnoreCase(key.getAlgorithm())
                || key instanceof EdECKey edec && "Ed25519".equalsIgnoreCase(edec.getParams().getName())) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    /** This thread's signature engine, initialised for verifying with the key. */
    Signature verifierFor(PublicKey key) throws InvalidKeyException {
        Signature engine = signature.get();
        try {
            engine.initVerify(key);
        } catch (InvalidKeyException notJdkShape) {
            // A key made by another provider (Bouncy Castle) may need re-encoding for the JDK's engine.
            engine.initVerify(translate(key));
        }
        return engine;
    }

    /** This thread's signature engine, initialised for signing with the key. */
    Signature signerFor(PrivateKey key) throws InvalidKeyException {
        Signature engine = signature.get();
        try {
            engine.initSign(key);
        } catch (InvalidKeyException notJdkShape) {
            engine.initSign(translate(key));
        }
        return engine;
    }

    private PublicKey translate(PublicKey key) throws InvalidKeyException {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("key cannot be encoded");
        }
        try {
            return KeyFactory.getInstance(keyFactoryAlgorithm).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("key cannot be used as " + keyFactoryAlgorithm, e);
        }
    }

    private PrivateKey translate(PrivateKey key) throws InvalidKeyException {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("key cannot be encoded");
        }
        try {
            return KeyFactory.getInstance(keyFactoryAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("key cannot be used as " + keyFactoryAlgorithm, e);
        }
    }

    private static Signature newSignature(String algorithm) {
        try {
            return Signature.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java 17 platform", e);
        }
    }
}
