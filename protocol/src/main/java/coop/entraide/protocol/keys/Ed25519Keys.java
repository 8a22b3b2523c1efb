package coop.entraide.protocol.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Converts between the JDK's Ed25519 keys and the raw 32-byte encodings of RFC 8032 §5.1.2
 * (public key: little-endian y with the parity of x in the top bit) and §5.1.5 (private seed).
 */
public final class Ed25519Keys {

    /** Length of a raw public key and of a private seed. */
    public static final int KEY_LENGTH = 32;

    /** The field prime 2^255 - 19: a public key whose y is not below it is not canonical. */
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private Ed25519Keys() {
    }

    /** The RFC 8032 encoding of a public key. */
    public static byte[] rawPublicKey(EdECPublicKey key) throws KeyFormatException {
        requireEd25519(key.getParams());
        EdECPoint point = key.getPoint();
        byte[] bigEndian = point.getY().toByteArray();
        if (point.getY().signum() < 0 || point.getY().bitLength() > 255) {
            throw new KeyFormatException("Ed25519 public key has an out-of-range y coordinate");
        }
        byte[] raw = new byte[KEY_LENGTH];
        // toByteArray may carry a leading sign byte; copy from the least significant end.
        for (int i = 0; i < KEY_LENGTH && i < bigEndian.length; i++) {
            raw[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            raw[KEY_LENGTH - 1] |= (byte) 0x80;
        }
        return raw;
    }

    /** The 32-byte seed of a private key. */
    public static byte[] rawPrivateKey(EdECPrivateKey key) throws KeyFormatException {
        requireEd25519(key.getParams());
        byte[] seed = key.getBytes()
                .orElseThrow(() -> new KeyFormatException("Ed25519 private key does not expose its seed"));
        if (seed.length != KEY_LENGTH) {
            throw new KeyFormatException("Ed25519 private key seed has " + seed.length + " bytes, expected 32");
        }
        return seed;
    }

    /** A JDK public key from its RFC 8032 encoding. */
    public static EdECPublicKey publicKey(byte[] raw) throws KeyFormatException {
        requireLength(raw, "public key");
        boolean xOdd = (raw[KEY_LENGTH - 1] & 0x80) != 0;
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = raw[KEY_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        BigInteger y = new BigInteger(1, bigEndian);
        if (y.compareTo(P) >= 0) {
            throw new KeyFormatException("Ed25519 public key is not canonically encoded");
        }
        try {
            return (EdECPublicKey) factory().generatePublic(
                    new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("Ed25519 public key rejected: " + e.getMessage(), e);
        }
    }

    /** A JDK private key from its 32-byte seed. */
    public static EdECPrivateKey privateKey(byte[] seed) throws KeyFormatException {
        requireLength(seed, "private key");
        try {
            return (EdECPrivateKey) factory().generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("Ed25519 private key rejected: " + e.getMessage(), e);
        }
    }

    /** The public key that belongs to a private key (RFC 8032 §5.1.5). */
    public static EdECPublicKey publicKeyOf(EdECPrivateKey key) throws KeyFormatException {
        byte[] seed = rawPrivateKey(key);
        byte[] raw = new byte[KEY_LENGTH];
        Ed25519.generatePublicKey(seed, 0, raw, 0);
        Arrays.fill(seed, (byte) 0);
        return publicKey(raw);
    }

    static boolean isEd25519(PublicKey key) {
        return key instanceof EdECPublicKey ed && isEd25519(ed.getParams());
    }

    static boolean isEd25519(PrivateKey key) {
        return key instanceof EdECPrivateKey ed && isEd25519(ed.getParams());
    }

    private static boolean isEd25519(NamedParameterSpec params) {
        return "Ed25519".equalsIgnoreCase(params.getName());
    }

    private static void requireEd25519(NamedParameterSpec params) throws KeyFormatException {
        if (!isEd25519(params)) {
            throw new KeyFormatException("expected an Ed25519 key, got " + params.getName());
        }
    }

    private static void requireLength(byte[] raw, String what) throws KeyFormatException {
        if (raw == null || raw.length != KEY_LENGTH) {
            throw new KeyFormatException("Ed25519 " + what + " must be 32 bytes, got "
                    + (raw == null ? "none" : raw.length));
        }
    }

    private static KeyFactory factory() throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519");
    }
}
