package coop.entraide.protocol.keys;

import static coop.entraide.protocol.TestFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultikeyTest {

    // FEP-521a, fep-521a.feature "Representing Ed25519 public key", verbatim.
    private static final String FEP521A_ED25519_HEX = "2e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6";
    private static final String FEP521A_ED25519_MULTIBASE = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    // FEP-521a, fep-521a.feature "Representing RSA public key", verbatim.
    private static final String FEP521A_RSA_PKCS1_HEX = "3082010a0282010100b1b5fcd8d4d5e88ca5c4287b31f578865caf6a78826a3b8ff7b1b23aa4af4e6a0474139f945bd9d3a911ffd0fa72db78e4593a86c91f9da836186ebd3402d51f6a3844247ab5088b46929c311b43604fed84499f06f0f39bf55590e2187f1bbe229ba8f49fd2e570cd0e3733c76bfede80e1e7e0881e4538ea1bc5782be9512f8bf132526e05f4923564fe6e1e21bf7087adebb660fa533fca06d0a8e66991e1312d70b64a61da8ca77c028cdf939601e2cffe2855759b1d479f0847bcac59d7d62427a431d4e3dfd2697428b9dd6309a7b1167db99fe01af1ff1b739566fb949e47089d1dae84aef1214ef7f5773e86a0d3e9da246f9bec09d60c705891183d0203010001";
    private static final String FEP521A_RSA_MULTIBASE = "z4MXj1wBzi9jUstyPMS4jQqB6KdJaiatPkAtVtGc6bQEQEEsKTic4G7Rou3iBf9vPmT5dbkm9qsZsuVNjq8HCuW1w24nhBFGkRE4cd2Uf2tfrB3N7h4mnyPp1BF3ZttHTYv3DLUPi1zMdkULiow3M1GfXkoC6DoxDUm1jmN6GBj22SjVsr6dxezRVQc7aj9TxE7JLbMH1wh5X3kA58H3DFW8rnYMakFGbca5CB2Jf6CnGQZmL7o5uJAdTwXfy2iiiyPxXEGerMhHwhjTA1mKYobyk2CpeEcmvynADfNZ5MBvcCS7m3XkFCMNUYBS9NQ3fze6vMSUPsNa6GVYmKx2x6JrdEjCk3qRMMmyjnjCMfR4pXbRMZa3i";

    // W3C vc-di-eddsa TestVectors/keyPair.json, verbatim; raw values as decoded in PROTOCOL.md TV-15.
    private static final String W3C_PUBLIC_MULTIBASE = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    private static final String W3C_PRIVATE_MULTIBASE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    private static final String W3C_PUBLIC_HEX = "b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f";
    private static final String W3C_SEED_HEX = "c96ef9ea10c5e414c471723aff9de72c35fa5b70fae97e8832ecac7d2e2b8ed6";

    @Test
    void encodesTheFep521aEd25519Vector() throws Exception {
        EdECPublicKey key = Ed25519Keys.publicKey(hex(FEP521A_ED25519_HEX));

        assertEquals(FEP521A_ED25519_MULTIBASE, Multikey.encode(key));
        assertEquals(FEP521A_ED25519_HEX, hex(Ed25519Keys.rawPublicKey(
                Multikey.decodeEd25519PublicKey(FEP521A_ED25519_MULTIBASE))));
    }

    @Test
    void encodesTheFep521aRsaVector() throws Exception {
        RSAPublicKey pkcs1 = RSAPublicKey.getInstance(hex(FEP521A_RSA_PKCS1_HEX));
        PublicKey key = Keys.rsaPublicKey(pkcs1.getModulus(), pkcs1.getPublicExponent(), "RSA");

        assertEquals(FEP521A_RSA_MULTIBASE, Multikey.encode(key));
        java.security.interfaces.RSAPublicKey decoded = assertInstanceOf(
                java.security.interfaces.RSAPublicKey.class, Multikey.decodePublicKey(FEP521A_RSA_MULTIBASE));
        assertEquals(pkcs1.getModulus(), decoded.getModulus());
    }

    @Test
    void decodesTheW3cKeyPair() throws Exception {
        EdECPublicKey publicKey = assertInstanceOf(EdECPublicKey.class, Multikey.decodePublicKey(W3C_PUBLIC_MULTIBASE));
        EdECPrivateKey privateKey = Multikey.decodePrivateKey(W3C_PRIVATE_MULTIBASE);

        assertEquals(W3C_PUBLIC_HEX, hex(Ed25519Keys.rawPublicKey(publicKey)));
        assertEquals(W3C_SEED_HEX, hex(Ed25519Keys.rawPrivateKey(privateKey)));
        assertEquals(W3C_PUBLIC_MULTIBASE, Multikey.encode(Ed25519Keys.publicKeyOf(privateKey)));
        assertEquals(W3C_PRIVATE_MULTIBASE, Multikey.encode(privateKey));
    }

    @Test
    void roundTripsGeneratedKeys() throws Exception {
        for (int i = 0; i < 10; i++) {
            KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);
            String publicMultibase = Multikey.encode(pair.getPublic());
            assertTrue(publicMultibase.startsWith("z6Mk"), publicMultibase);
            assertTrue(Multikey.encode(pair.getPrivate()).startsWith("z3u2"));
            assertArrayEquals(pair.getPublic().getEncoded(), Multikey.decodePublicKey(publicMultibase).getEncoded());
            assertArrayEquals(pair.getPrivate().getEncoded(),
                    Multikey.decodePrivateKey(Multikey.encode(pair.getPrivate())).getEncoded());
        }
        PublicKey rsa = Keys.generate(KeyAlgorithm.RSA_2048).getPublic();
        String rsaMultibase = Multikey.encode(rsa);
        assertTrue(rsaMultibase.startsWith("z4MX"), rsaMultibase);
        assertArrayEquals(rsa.getEncoded(), Multikey.decodePublicKey(rsaMultibase).getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "z",
        // base64url multibase 'u' and base16 'f' are valid multibase, but Multikey allows only 'z'.
        "u7QEub8zjZwHceRSI4NCxdFzB4zpMHJ_MQcY700PbvglwQ",
        "fed012e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6",
        "6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "Z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        // Characters outside the base58 alphabet (0, O, I, l).
        "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do0",
        "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK ",
        // One character less and one more: the key is no longer 32 bytes.
        "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do",
        "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doKK",
        // A secret key where a public key is expected.
        W3C_PRIVATE_MULTIBASE,
        // Just a prefix.
        "zJ",
    })
    void rejectsMalformedPublicKeys(String multibase) {
        assertThrows(KeyFormatException.class, () -> Multikey.decodePublicKey(multibase), multibase);
        assertThrows(KeyFormatException.class, () -> Multikey.decodeEd25519PublicKey(multibase), multibase);
    }

    @Test
    void rejectsAnUnknownMulticodec() throws Exception {
        // secp256k1-pub (0xe7 0x01) with 33 bytes: a real multikey, not one we accept.
        byte[] secp256k1 = new byte[35];
        secp256k1[0] = (byte) 0xe7;
        secp256k1[1] = 0x01;
        secp256k1[2] = 0x02;
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> Multikey.decodePublicKey("z" + Base58.encode(secp256k1)));
        assertTrue(e.getMessage().contains("0xe701"), e.getMessage());
    }

    @Test
    void rejectsAnRsaMultikeyThatIsNotPkcs1() {
        byte[] wrapped = Multicodec.RSA_PUB.wrap(Arrays.copyOf(hex(FEP521A_RSA_PKCS1_HEX), 40));
        assertThrows(KeyFormatException.class, () -> Multikey.decodePublicKey("z" + Base58.encode(wrapped)));
    }

    @Test
    void rejectsAnRsaKeyWhereEd25519IsRequired() {
        assertThrows(KeyFormatException.class, () -> Multikey.decodeEd25519PublicKey(FEP521A_RSA_MULTIBASE));
    }

    @Test
    void rejectsPublicKeysWhereASecretKeyIsExpected() {
        assertThrows(KeyFormatException.class, () -> Multikey.decodePrivateKey(W3C_PUBLIC_MULTIBASE));
        assertThrows(KeyFormatException.class, () -> Multikey.decodePrivateKey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjx"));
    }

    @Test
    void rejectsOverlongInputBeforeDecodingIt() {
        String huge = "z" + "2".repeat(100_000);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Multikey.decodePublicKey(huge));
        assertTrue(e.getMessage().contains("longer"), e.getMessage());
    }

    @Test
    void cannotEncodeOtherKeyTypes() throws Exception {
        PublicKey ec = Pem.readPublicKey(coop.entraide.protocol.TestFiles.text("keys/rfc9421-test-key-ecc-p256.pem"));
        assertThrows(KeyFormatException.class, () -> Multikey.encode(ec));
        assertThrows(KeyFormatException.class, () -> Multikey.encode(Keys.generate(KeyAlgorithm.RSA_2048).getPrivate()));
    }
}
