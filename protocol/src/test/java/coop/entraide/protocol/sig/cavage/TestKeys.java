package coop.entraide.protocol.sig.cavage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;

/** The RFC 9421 Appendix B.1 test keys, read from this module's test resources. */
final class TestKeys {

    static final PublicKey RSA_PUBLIC;
    static final PrivateKey RSA_PRIVATE;
    static final PublicKey ED25519_PUBLIC;
    static final PrivateKey ED25519_PRIVATE;

    static {
        try {
            RSAPublicKey pub = RSAPublicKey.getInstance(pem(resource("/keys/rfc9421-test-key-rsa.pem"), "RSA PUBLIC KEY"));
            RSAPrivateKey priv = RSAPrivateKey.getInstance(
                    pem(resource("/keys/rfc9421-test-key-rsa.private.pem"), "RSA PRIVATE KEY"));
            KeyFactory rsaFactory = KeyFactory.getInstance("RSA");
            RSA_PUBLIC = rsaFactory.generatePublic(new RSAPublicKeySpec(pub.getModulus(), pub.getPublicExponent()));
            RSA_PRIVATE = rsaFactory.generatePrivate(new RSAPrivateCrtKeySpec(priv.getModulus(),
                    priv.getPublicExponent(), priv.getPrivateExponent(), priv.getPrime1(), priv.getPrime2(),
                    priv.getExponent1(), priv.getExponent2(), priv.getCoefficient()));
            KeyFactory edFactory = KeyFactory.getInstance("Ed25519");
            ED25519_PUBLIC = edFactory.generatePublic(new X509EncodedKeySpec(
                    pem(resource("/keys/rfc9421-test-key-ed25519.pem"), "PUBLIC KEY")));
            ED25519_PRIVATE = edFactory.generatePrivate(new PKCS8EncodedKeySpec(
                    pem(resource("/keys/rfc9421-test-key-ed25519.private.pem"), "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestKeys() {
    }

    /** A fresh RSA-2048 pair, for "the right signature checked with another key". */
    static KeyPair otherRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair otherEd25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String path) {
        try (InputStream in = TestKeys.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pem(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
