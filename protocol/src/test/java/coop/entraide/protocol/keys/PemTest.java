package coop.entraide.protocol.keys;

import static coop.entraide.protocol.TestFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {

    private static final byte[] MESSAGE = "Offre: prêt d'une perceuse".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsTheRfc9421Pkcs1RsaKeys() throws Exception {
        PublicKey publicKey = Pem.readPublicKey(text("keys/rfc9421-test-key-rsa.pem"));
        PrivateKey privateKey = Pem.readPrivateKey(text("keys/rfc9421-test-key-rsa.private.pem"));

        RSAPublicKey rsa = assertInstanceOf(RSAPublicKey.class, publicKey);
        assertEquals(2048, rsa.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), rsa.getPublicExponent());
        assertInstanceOf(RSAPrivateCrtKey.class, privateKey);
        assertArrayEquals(publicKey.getEncoded(), Keys.publicKeyOf(privateKey).getEncoded());
        assertTrue(verify("SHA256withRSA", publicKey, sign("SHA256withRSA", privateKey)));
    }

    @Test
    void readsTheRfc9421RsaPssKeys() throws Exception {
        PublicKey publicKey = Pem.readPublicKey(text("keys/rfc9421-test-key-rsa-pss.pem"));
        PrivateKey privateKey = Pem.readPrivateKey(text("keys/rfc9421-test-key-rsa-pss.private.pem"));

        assertEquals("RSASSA-PSS", privateKey.getAlgorithm());
        assertEquals(((RSAPublicKey) publicKey).getModulus(),
                ((RSAPublicKey) Keys.publicKeyOf(privateKey)).getModulus());
    }

    @Test
    void readsTheRfc9421EcKeys() throws Exception {
        PublicKey publicKey = Pem.readPublicKey(text("keys/rfc9421-test-key-ecc-p256.pem"));
        PrivateKey privateKey = Pem.readPrivateKey(text("keys/rfc9421-test-key-ecc-p256.private.pem"));

        assertInstanceOf(ECPublicKey.class, publicKey);
        assertTrue(verify("SHA256withECDSA", publicKey, sign("SHA256withECDSA", privateKey)));
    }

    @Test
    void readsTheRfc9421Ed25519Keys() throws Exception {
        PublicKey publicKey = Pem.readPublicKey(text("keys/rfc9421-test-key-ed25519.pem"));
        PrivateKey privateKey = Pem.readPrivateKey(text("keys/rfc9421-test-key-ed25519.private.pem"));

        assertInstanceOf(EdECPublicKey.class, publicKey);
        assertArrayEquals(publicKey.getEncoded(), Keys.publicKeyOf(privateKey).getEncoded());
        assertTrue(verify("Ed25519", publicKey, sign("Ed25519", privateKey)));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void roundTripsGeneratedKeys(KeyAlgorithm algorithm) throws Exception {
        KeyPair pair = Keys.generate(algorithm);
        String publicPem = Pem.write(pair.getPublic());
        String privatePem = Pem.write(pair.getPrivate());

        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);
        assertTrue(publicPem.endsWith("\n-----END PUBLIC KEY-----\n"), publicPem);
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
        assertTrue(publicPem.lines().allMatch(line -> line.length() <= 64));
        assertArrayEquals(pair.getPublic().getEncoded(), Pem.readPublicKey(publicPem).getEncoded());
        assertArrayEquals(pair.getPrivate().getEncoded(), Pem.readPrivateKey(privatePem).getEncoded());
    }

    @Test
    void generatesRsa2048() {
        RSAPublicKey key = (RSAPublicKey) Keys.generate(KeyAlgorithm.RSA_2048).getPublic();
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
    }

    @Test
    void toleratesCrlfIndentationAndSurroundingText() throws Exception {
        String pem = "Mastodon said:\r\n  -----BEGIN PUBLIC KEY-----\r\n"
                + "  MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\r\n"
                + "  -----END PUBLIC KEY-----\r\ntrailing words";
        assertInstanceOf(EdECPublicKey.class, Pem.readPublicKey(pem));
    }

    @Test
    void toleratesMissingBase64Padding() throws Exception {
        // RFC 7468 §3 asks parsers to be lax; some hand-written PEM drops the final '='.
        String pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs\n-----END PUBLIC KEY-----";
        assertInstanceOf(EdECPublicKey.class, Pem.readPublicKey(pem));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=",
        "-----BEGIN PUBLIC KEY",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs=\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bsA\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END CERTIFICATE-----",
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END RSA PUBLIC KEY-----",
    })
    void rejectsMalformedPublicKeys(String pem) {
        assertThrows(KeyFormatException.class, () -> Pem.readPublicKey(pem));
    }

    @Test
    void rejectsNull() {
        assertThrows(KeyFormatException.class, () -> Pem.readPublicKey(null));
        assertThrows(KeyFormatException.class, () -> Pem.readPrivateKey(null));
    }

    @Test
    void rejectsAnEd25519KeyOfTheWrongLength() {
        // A valid SPKI structure for Ed25519 whose BIT STRING holds 31 bytes instead of 32.
        byte[] der = Base64.getDecoder().decode("MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=");
        byte[] shorter = new byte[der.length - 1];
        System.arraycopy(der, 0, shorter, 0, shorter.length);
        shorter[1] = (byte) (shorter[1] - 1);
        shorter[10] = (byte) (shorter[10] - 1);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(shorter)
                + "\n-----END PUBLIC KEY-----\n";
        assertThrows(KeyFormatException.class, () -> Pem.readPublicKey(pem));
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        // X25519 (RFC 8410 OID 1.3.101.110) is a key-agreement key, not a signing key.
        String pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----";
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Pem.readPublicKey(pem));
        assertTrue(e.getMessage().contains("1.3.101.110"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----",
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY",
        "-----BEGIN RSA PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN EC PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END EC PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfS\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END ENCRYPTED PRIVATE KEY-----",
    })
    void rejectsMalformedPrivateKeys(String pem) {
        assertThrows(KeyFormatException.class, () -> Pem.readPrivateKey(pem));
    }

    private static byte[] sign(String algorithm, PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        signature.update(MESSAGE);
        return signature.sign();
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] sig) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(key);
        signature.update(MESSAGE);
        return signature.verify(sig);
    }
}
