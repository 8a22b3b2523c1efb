package coop.entraide.protocol.keys;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * {@code publicKeyMultibase} and {@code secretKeyMultibase} values of a Multikey (W3C Controlled
 * Identifiers §2.2.2, FEP-521a): multibase base58btc ({@code z}) of a multicodec-prefixed key.
 */
public final class Multikey {

    /** The multibase prefix of base58btc, the only encoding Multikey allows. */
    public static final char BASE58BTC = 'z';
    /** An RSA-16384 multikey is about 3000 characters; base58 decoding is quadratic, so stop early. */
    private static final int MAX_LENGTH = 4096;

    private Multikey() {
    }

    /** Encodes an Ed25519 or RSA public key, e.g. {@code z6Mk…} for Ed25519. */
    public static String encode(PublicKey key) throws KeyFormatException {
        if (Ed25519Keys.isEd25519(key)) {
            return multibase(Multicodec.ED25519_PUB.wrap(Ed25519Keys.rawPublicKey((EdECPublicKey) key)));
        }
        if (key instanceof RSAPublicKey rsa) {
            byte[] pkcs1;
            try {
                pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent())
                        .getEncoded("DER");
            } catch (IOException e) {
                throw new KeyFormatException("cannot encode RSA public key", e);
            }
            return multibase(Multicodec.RSA_PUB.wrap(pkcs1));
        }
        throw new KeyFormatException("no multicodec for " + key.getAlgorithm() + " public keys");
    }

    /** Encodes an Ed25519 private key as {@code secretKeyMultibase} ({@code z3u2…}). */
    public static String encode(PrivateKey key) throws KeyFormatException {
        if (!Ed25519Keys.isEd25519(key)) {
            throw new KeyFormatException("no multicodec for " + key.getAlgorithm() + " private keys");
        }
        return multibase(Multicodec.ED25519_PRIV.wrap(Ed25519Keys.rawPrivateKey((EdECPrivateKey) key)));
    }

    /** Decodes a {@code publicKeyMultibase} holding an Ed25519 or RSA public key. */
    public static PublicKey decodePublicKey(String multibase) throws KeyFormatException {
        Multicodec.Decoded decoded = decode(multibase);
        return switch (decoded.codec()) {
            case ED25519_PUB -> Ed25519Keys.publicKey(decoded.key());
            case RSA_PUB -> rsa(decoded.key());
            case ED25519_PRIV -> throw new KeyFormatException("expected a public key, found ed25519-priv");
        };
    }

    /** Decodes a {@code publicKeyMultibase} that must hold an Ed25519 public key. */
    public static EdECPublicKey decodeEd25519PublicKey(String multibase) throws KeyFormatException {
        Multicodec.Decoded decoded = decode(multibase);
        if (decoded.codec() != Multicodec.ED25519_PUB) {
            throw new KeyFormatException("expected ed25519-pub, found " + decoded.codec());
        }
        return Ed25519Keys.publicKey(decoded.key());
    }

    /** Decodes a {@code secretKeyMultibase} holding an Ed25519 private key. */
    public static EdECPrivateKey decodePrivateKey(String multibase) throws KeyFormatException {
        Multicodec.Decoded decoded = decode(multibase);
        if (decoded.codec() != Multicodec.ED25519_PRIV) {
            throw new KeyFormatException("expected ed25519-priv, found " + decoded.codec());
        }
        return Ed25519Keys.privateKey(decoded.key());
    }

    private static Multicodec.Decoded decode(String multibase) throws KeyFormatException {
        if (multibase == null || multibase.isEmpty()) {
            throw new KeyFormatException("empty multibase value");
        }
        if (multibase.length() > MAX_LENGTH) {
            throw new KeyFormatException("multibase value longer than " + MAX_LENGTH + " characters");
        }
        if (multibase.charAt(0) != BASE58BTC) {
            throw new KeyFormatException("unsupported multibase prefix '" + multibase.charAt(0)
                    + "', Multikey requires base58btc 'z'");
        }
        return Multicodec.unwrap(Base58.decode(multibase.substring(1)));
    }

    private static PublicKey rsa(byte[] pkcs1) throws KeyFormatException {
        org.bouncycastle.asn1.pkcs.RSAPublicKey key;
        try {
            key = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(pkcs1));
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("rsa-pub multikey is not a PKCS#1 RSAPublicKey: " + e.getMessage(), e);
        }
        return Keys.rsaPublicKey(key.getModulus(), key.getPublicExponent(), "RSA");
    }

    private static String multibase(byte[] bytes) {
        return BASE58BTC + Base58.encode(bytes);
    }
}
