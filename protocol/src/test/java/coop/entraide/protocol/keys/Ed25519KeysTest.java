package coop.entraide.protocol.keys;

import static coop.entraide.protocol.TestFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    /** RFC 8032 §7.1 TEST 1, verbatim. */
    private static final String RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC8032_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): the raw key follows it. */
    private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");

    @Test
    void derivesTheRfc8032PublicKeyAndSignature() throws Exception {
        EdECPrivateKey privateKey = Ed25519Keys.privateKey(hex(RFC8032_SECRET));
        EdECPublicKey publicKey = Ed25519Keys.publicKeyOf(privateKey);

        assertEquals(RFC8032_PUBLIC, hex(Ed25519Keys.rawPublicKey(publicKey)));
        assertEquals(RFC8032_SIGNATURE, hex(sign(privateKey, new byte[0])));
        assertTrue(verify(Ed25519Keys.publicKey(hex(RFC8032_PUBLIC)), new byte[0], hex(RFC8032_SIGNATURE)));
    }

    @Test
    void readsTheRfc9421KeyLikeItsJwk() throws Exception {
        // RFC 9421 B.1.4 publishes the same key as PEM and as a JWK; x and d are the raw encodings.
        Base64.Decoder base64url = Base64.getUrlDecoder();
        byte[] x = base64url.decode("JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs");
        byte[] d = base64url.decode("n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU");
        PublicKey fromPem = Pem.readPublicKey("-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n"
                + "-----END PUBLIC KEY-----\n");

        assertArrayEquals(x, Ed25519Keys.rawPublicKey((EdECPublicKey) fromPem));
        assertArrayEquals(fromPem.getEncoded(), Ed25519Keys.publicKey(x).getEncoded());
        assertArrayEquals(x, Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyOf(Ed25519Keys.privateKey(d))));
    }

    @Test
    void keepsTheSignBitOfX() throws Exception {
        // FEP-521a's vector ends in 0xe6: the top bit (x is odd) is set, y itself is below 2^255.
        byte[] raw = hex("2e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6");
        EdECPublicKey key = Ed25519Keys.publicKey(raw);

        assertTrue(key.getPoint().isXOdd());
        assertArrayEquals(raw, Ed25519Keys.rawPublicKey(key));
        assertArrayEquals(raw, Arrays.copyOfRange(key.getEncoded(), SPKI_PREFIX.length, SPKI_PREFIX.length + 32));
    }

    @Test
    void agreesWithTheJdkEncodingOnGeneratedKeys() throws Exception {
        byte[] message = "une offre de vélo".getBytes(StandardCharsets.UTF_8);
        boolean sawOddX = false;
        boolean sawEvenX = false;
        for (int i = 0; i < 24; i++) {
            KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);
            EdECPublicKey jdkKey = (EdECPublicKey) pair.getPublic();
            byte[] raw = Ed25519Keys.rawPublicKey(jdkKey);
            sawOddX |= jdkKey.getPoint().isXOdd();
            sawEvenX |= !jdkKey.getPoint().isXOdd();

            byte[] encoded = jdkKey.getEncoded();
            assertArrayEquals(SPKI_PREFIX, Arrays.copyOf(encoded, SPKI_PREFIX.length));
            assertArrayEquals(Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length), raw);

            EdECPublicKey rebuilt = Ed25519Keys.publicKey(raw);
            assertTrue(verify(rebuilt, message, sign((EdECPrivateKey) pair.getPrivate(), message)));
            assertArrayEquals(raw, Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyOf((EdECPrivateKey) pair.getPrivate())));
            assertArrayEquals(Ed25519Keys.rawPrivateKey((EdECPrivateKey) pair.getPrivate()),
                    Ed25519Keys.rawPrivateKey(Ed25519Keys.privateKey(
                            Ed25519Keys.rawPrivateKey((EdECPrivateKey) pair.getPrivate()))));
        }
        assertTrue(sawOddX && sawEvenX, "24 random keys should include both parities of x");
    }

    @Test
    void rejectsWrongLengths() {
        for (int length : new int[] {0, 31, 33, 64}) {
            byte[] raw = new byte[length];
            assertThrows(KeyFormatException.class, () -> Ed25519Keys.publicKey(raw), "public " + length);
            assertThrows(KeyFormatException.class, () -> Ed25519Keys.privateKey(raw), "private " + length);
        }
        assertThrows(KeyFormatException.class, () -> Ed25519Keys.publicKey(null));
    }

    @Test
    void rejectsANonCanonicalY() {
        // y = 2^255 - 19 = p, which should have been written as 0.
        byte[] raw = hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Ed25519Keys.publicKey(raw));
        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
    }

    private static byte[] sign(EdECPrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    private static boolean verify(PublicKey key, byte[] message, byte[] sig) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(sig);
    }
}
