package coop.entraide.protocol.sig.rfc9421;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The signature algorithms of RFC 9421 §3.3 that we sign and verify with. */
public enum SignatureAlgorithm {
    /** RFC 9421 §3.3.1: RSASSA-PSS, SHA-512, MGF1 with SHA-512, 64-byte salt. */
    RSA_PSS_SHA512("rsa-pss-sha512"),
    /** RFC 9421 §3.3.2: RSASSA-PKCS1-v1_5 with SHA-256, the fediverse's algorithm. */
    RSA_V1_5_SHA256("rsa-v1_5-sha256"),
    /** RFC 9421 §3.3.3: HMAC with SHA-256 and a shared secret. */
    HMAC_SHA256("hmac-sha256"),
    /** RFC 9421 §3.3.4: ECDSA on P-256 with SHA-256; the signature is r||s, 64 bytes (not DER). */
    ECDSA_P256_SHA256("ecdsa-p256-sha256"),
    /**
     * RFC 9421 §3.3.6: EdDSA on edwards25519. Computed with Bouncy Castle, several times faster
     * than the JDK's implementation, for keys of any provider.
     */
    ED25519("ed25519");

    // Order of the P-256 base point (SEC 2 secp256r1 n): identifies the curve whatever the provider.
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final String id;

    SignatureAlgorithm(String id) {
        this.id = id;
    }

    /** The name in the HTTP Signature Algorithms registry, as carried in the {@code alg} parameter. */
    public String id() {
        return id;
    }

    /** The algorithm with this registry name; names are case-sensitive. */
    public static Optional<SignatureAlgorithm> byId(String id) {
        for (SignatureAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The algorithm a key implies when the signature does not name one: RSA keys mean
     * rsa-v1_5-sha256 (what the fediverse uses) unless the key is marked RSASSA-PSS.
     */
    public static Optional<SignatureAlgorithm> forKey(Key key) {
        if (key instanceof SecretKey) {
            return Optional.of(HMAC_SHA256);
        }
        if (key instanceof RSAKey) {
            return Optional.of("RSASSA-PSS".equalsIgnoreCase(key.getAlgorithm()) ? RSA_PSS_SHA512 : RSA_V1_5_SHA256);
        }
        if (ECDSA_P256_SHA256.fits(key)) {
            return Optional.of(ECDSA_P256_SHA256);
        }
        if (ED25519.fits(key)) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    /** Whether the key is of the type this algorithm needs (public, private or secret alike). */
    public boolean fits(Key key) {
        return switch (this) {
            case RSA_PSS_SHA512, RSA_V1_5_SHA256 -> key instanceof RSAKey;
            case HMAC_SHA256 -> key instanceof SecretKey;
            case ECDSA_P256_SHA256 -> key instanceof ECKey ec && P256_ORDER.equals(ec.getParams().getOrder());
            case ED25519 -> key instanceof EdECKey ed
                    ? "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                    : "Ed25519".equalsIgnoreCase(key.getAlgorithm())
                            || ("EdDSA".equalsIgnoreCase(key.getAlgorithm()) && hasEd25519Oid(key.getEncoded()));
        };
    }

    // Keys of other providers may only say "EdDSA": look for id-Ed25519 (1.3.101.112) in the encoding.
    private static boolean hasEd25519Oid(byte[] encoded) {
        if (encoded == null) {
            return false;
        }
        for (int i = 0; i + 4 < Math.min(encoded.length, 24); i++) {
            if (encoded[i] == 0x06 && encoded[i + 1] == 0x03 && encoded[i + 2] == 0x2b && encoded[i + 3] == 0x65
                    && encoded[i + 4] == 0x70) {
                return true;
            }
        }
        return false;
    }

    /** Whether the key can verify with this algorithm: a public key of the right type, or a secret. */
    public boolean canVerifyWith(Key key) {
        return fits(key) && (this == HMAC_SHA256 || key instanceof PublicKey);
    }

    /** Whether the key can sign with this algorithm: a private key of the right type, or a secret. */
    public boolean canSignWith(Key key) {
        return fits(key) && (this == HMAC_SHA256 || key instanceof PrivateKey);
    }

    /**
     * Signs {@code base} (RFC 9421 §3.3).
     *
     * @throws InvalidKeyException if the key does not fit this algorithm
     */
    public byte[] sign(byte[] base, Key key) throws GeneralSecurityException {
        if (!canSignWith(key)) {
            throw new InvalidKeyException(id + " cannot sign with a " + key.getAlgorithm() + " " + kind(key));
        }
        if (this == HMAC_SHA256) {
            return hmac(base, key);
        }
        if (this == ED25519) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, Ed25519Keys.privateParameters((PrivateKey) key));
            signer.update(base, 0, base.length);
            return signer.generateSignature();
        }
        Signature signature = newSignature();
        signature.initSign((PrivateKey) key);
        signature.update(base);
        return signature.sign();
    }

    /**
     * Verifies {@code signature} over {@code base}. A signature of the wrong shape is simply
     * false.
     *
     * @throws InvalidKeyException if the key does not fit this algorithm
     */
    public boolean verify(byte[] base, byte[] signature, Key key) throws GeneralSecurityException {
        if (!canVerifyWith(key)) {
            throw new InvalidKeyException(id + " cannot verify with a " + key.getAlgorithm() + " " + kind(key));
        }
        if (this == HMAC_SHA256) {
            return MessageDigest.isEqual(hmac(base, key), signature);
        }
        if ((this == ECDSA_P256_SHA256 || this == ED25519) && signature.length != 64) {
            return false;
        }
        if (this == ED25519) {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, Ed25519Keys.publicParameters((PublicKey) key));
            verifier.update(base, 0, base.length);
            return verifier.verifySignature(signature);
        }
        Signature verifier = newSignature();
        verifier.initVerify((PublicKey) key);
        verifier.update(base);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // Wrong length or encoding: not a valid signature, which is not an error of ours.
            return false;
        }
    }

    private Signature newSignature() throws GeneralSecurityException {
        return switch (this) {
            case RSA_PSS_SHA512 -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
                yield s;
            }
            case RSA_V1_5_SHA256 -> Signature.getInstance("SHA256withRSA");
            case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case ED25519, HMAC_SHA256 -> throw new IllegalStateException(id + " does not use a JCA Signature");
        };
    }

    private static byte[] hmac(byte[] base, Key key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
        return mac.doFinal(base);
    }

    private static String kind(Key key) {
        if (key instanceof PrivateKey) {
            return "private key";
        }
        return key instanceof PublicKey ? "public key" : "key";
    }
}
