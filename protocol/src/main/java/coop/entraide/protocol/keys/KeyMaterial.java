package coop.entraide.protocol.keys;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key pair as a node stores it: the algorithm and both halves as PEM (SPKI and PKCS#8).
 * {@link #toKeyPair()} checks that the two halves belong together.
 */
public record KeyMaterial(KeyAlgorithm algorithm, String publicKeyPem, String privateKeyPem) {

    public KeyMaterial {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }

    /** Generates a fresh key pair and keeps it as PEM. */
    public static KeyMaterial generate(KeyAlgorithm algorithm) {
        return of(algorithm, Keys.generate(algorithm));
    }

    /** Stores an existing key pair. */
    public static KeyMaterial of(KeyAlgorithm algorithm, KeyPair pair) {
        return new KeyMaterial(algorithm, Pem.write(pair.getPublic()), Pem.write(pair.getPrivate()));
    }

    /** Reads both halves back, checking their algorithm and that they match. */
    public KeyPair toKeyPair() throws KeyFormatException {
        PublicKey publicKey = Pem.readPublicKey(publicKeyPem);
        PrivateKey privateKey = Pem.readPrivateKey(privateKeyPem);
        if (Keys.algorithmOf(publicKey).orElse(null) != algorithm) {
            throw new KeyFormatException("stored public key is not " + algorithm);
        }
        if (!Arrays.equals(Keys.publicKeyOf(privateKey).getEncoded(), publicKey.getEncoded())) {
            throw new KeyFormatException("stored private key does not match the stored public key");
        }
        return new KeyPair(publicKey, privateKey);
    }

    /** The {@code publicKeyMultibase} of the public half, for an actor's {@code assertionMethod}. */
    public String publicKeyMultibase() throws KeyFormatException {
        return Multikey.encode(Pem.readPublicKey(publicKeyPem));
    }

    @Override
    public String toString() {
        // Never let the private key reach a log line.
        return "KeyMaterial[" + algorithm + "]";
    }
}
