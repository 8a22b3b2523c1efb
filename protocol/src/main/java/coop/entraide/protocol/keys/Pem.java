package coop.entraide.protocol.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM (RFC 7468) for keys: writes SPKI {@code PUBLIC KEY} and PKCS#8 {@code PRIVATE KEY}; also
 * reads PKCS#1 {@code RSA PUBLIC KEY} and {@code RSA PRIVATE KEY}, which some servers publish, and
 * SEC 1 {@code EC PRIVATE KEY} with a named curve.
 * Reads RSA, RSASSA-PSS, EC and Ed25519 keys.
 */
public final class Pem {

    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String RSA_PUBLIC_KEY = "RSA PUBLIC KEY";
    private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    private static final int LINE_LENGTH = 64;
    /** Far above a 16384-bit RSA private key: anything longer is not a key we would use. */
    private static final int MAX_LENGTH = 32 * 1024;

    /** RFC 8410 §3. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private static final Map<ASN1ObjectIdentifier, String> JCA_NAMES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            ID_ED25519, "Ed25519");

    private Pem() {
    }

    /** Reads the first PEM block, which must be a {@code PUBLIC KEY} or an {@code RSA PUBLIC KEY}. */
    public static PublicKey readPublicKey(String pem) throws KeyFormatException {
        Block block = Block.first(pem);
        return switch (block.label()) {
            case PUBLIC_KEY -> spki(block.der());
            case RSA_PUBLIC_KEY -> pkcs1Public(block.der());
            default -> throw new KeyFormatException("expected a PUBLIC KEY, found a " + block.label());
        };
    }

    /** Reads the first PEM block: a {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}. */
    public static PrivateKey readPrivateKey(String pem) throws KeyFormatException {
        Block block = Block.first(pem);
        return switch (block.label()) {
            case PRIVATE_KEY -> pkcs8(block.der());
            case RSA_PRIVATE_KEY -> pkcs1Private(block.der());
            case EC_PRIVATE_KEY -> sec1Private(block.der());
            default -> throw new KeyFormatException("expected a PRIVATE KEY, found a " + block.label());
        };
    }

    /** Writes a public key as SPKI {@code PUBLIC KEY}, with LF line ends and a final LF. */
    public static String write(PublicKey key) {
        requireFormat(key.getFormat(), "X.509", key.getAlgorithm());
        return encode(PUBLIC_KEY, key.getEncoded());
    }

    /** Writes a private key as PKCS#8 {@code PRIVATE KEY}, with LF line ends and a final LF. */
    public static String write(PrivateKey key) {
        requireFormat(key.getFormat(), "PKCS#8", key.getAlgorithm());
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    private static void requireFormat(String actual, String expected, String algorithm) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(algorithm + " key has no " + expected + " encoding");
        }
    }

    private static String encode(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder(base64.length() + 80);
        out.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
            out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    // The JDK's key factories throw unchecked exceptions for some malformed encodings (for example
    // a truncated Ed25519 key), so those are caught with the checked ones below.

    private static PublicKey spki(byte[] der) throws KeyFormatException {
        SubjectPublicKeyInfo info = structure(der, SubjectPublicKeyInfo::getInstance);
        String algorithm = jcaName(info.getAlgorithm().getAlgorithm());
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException(algorithm + " public key rejected: " + e.getMessage(), e);
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws KeyFormatException {
        PrivateKeyInfo info = structure(der, PrivateKeyInfo::getInstance);
        String algorithm = jcaName(info.getPrivateKeyAlgorithm().getAlgorithm());
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException(algorithm + " private key rejected: " + e.getMessage(), e);
        }
    }

    private static PublicKey pkcs1Public(byte[] der) throws KeyFormatException {
        RSAPublicKey key = structure(der, RSAPublicKey::getInstance);
        return Keys.rsaPublicKey(key.getModulus(), key.getPublicExponent(), "RSA");
    }

    private static PrivateKey pkcs1Private(byte[] der) throws KeyFormatException {
        RSAPrivateKey key = structure(der, RSAPrivateKey::getInstance);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                    key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(),
                    key.getPrime1(), key.getPrime2(), key.getExponent1(), key.getExponent2(),
                    key.getCoefficient()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException("RSA private key rejected: " + e.getMessage(), e);
        }
    }

    private static PrivateKey sec1Private(byte[] der) throws KeyFormatException {
        ECPrivateKey key = structure(der, ECPrivateKey::getInstance);
        if (!(key.getParametersObject() instanceof ASN1ObjectIdentifier curve)) {
            throw new KeyFormatException("EC private key does not name its curve");
        }
        byte[] pkcs8;
        try {
            pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), key)
                    .getEncoded("DER");
        } catch (IOException e) {
            throw new KeyFormatException("cannot re-encode EC private key", e);
        }
        return pkcs8(pkcs8);
    }

    private static String jcaName(ASN1ObjectIdentifier oid) throws KeyFormatException {
        String name = JCA_NAMES.get(oid);
        if (name == null) {
            throw new KeyFormatException("unsupported key algorithm " + oid.getId());
        }
        return name;
    }

    /**
     * Parses DER strictly (no trailing bytes), then lets Bouncy Castle check the structure. Its
     * complaints about a wrong structure are unchecked exceptions, so they become ours here.
     */
    private static <T> T structure(byte[] der, Function<Object, T> reader) throws KeyFormatException {
        try {
            return reader.apply(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("key is not valid DER: " + e.getMessage(), e);
        }
    }

    /** One PEM block: its label and its decoded content. */
    private record Block(String label, byte[] der) {

        static Block first(String pem) throws KeyFormatException {
            if (pem == null || pem.isBlank()) {
                throw new KeyFormatException("no PEM text");
            }
            if (pem.length() > MAX_LENGTH) {
                throw new KeyFormatException("PEM text longer than " + MAX_LENGTH + " characters");
            }
            int begin = pem.indexOf("-----BEGIN ");
            if (begin < 0) {
                throw new KeyFormatException("no -----BEGIN line");
            }
            int labelStart = begin + "-----BEGIN ".length();
            int labelEnd = pem.indexOf("-----", labelStart);
            if (labelEnd < 0) {
                throw new KeyFormatException("unterminated -----BEGIN line");
            }
            String label = pem.substring(labelStart, labelEnd);
            String end = "-----END " + label + "-----";
            int endAt = pem.indexOf(end, labelEnd);
            if (endAt < 0) {
                throw new KeyFormatException("no matching " + end + " line");
            }
            String body = pem.substring(labelEnd + "-----".length(), endAt);
            if (body.contains(":")) {
                // RFC 1421 headers mean an encrypted legacy key, which we cannot use unattended.
                throw new KeyFormatException("encrypted PEM (with headers) is not supported");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body.replaceAll("[ \\t\\r\\n]", ""));
            } catch (IllegalArgumentException e) {
                throw new KeyFormatException("PEM body is not valid base64: " + e.getMessage(), e);
            }
            if (der.length == 0) {
                throw new KeyFormatException("empty PEM body");
            }
            return new Block(label, der);
        }
    }
}
