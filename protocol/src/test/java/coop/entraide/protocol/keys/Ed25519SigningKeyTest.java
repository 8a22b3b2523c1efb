package coop.entraide.protocol.keys;

import static coop.entraide.protocol.TestFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import org.junit.jupiter.api.Test;

class Ed25519SigningKeyTest {

    /** RFC 8032 §7.1 TEST 1 and TEST 2, verbatim. */
    private static final String TEST1_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String TEST1_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    private static final String TEST2_SECRET = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final String TEST2_MESSAGE = "72";
    private static final String TEST2_SIGNATURE = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    @Test
    void signsTheRfc8032Vectors() throws Exception {
        Ed25519SigningKey first = Ed25519SigningKey.of(Ed25519Keys.privateKey(hex(TEST1_SECRET)));
        Ed25519SigningKey second = Ed25519SigningKey.of(Ed25519Keys.privateKey(hex(TEST2_SECRET)));

        assertEquals(TEST1_PUBLIC, hex(first.publicKey()));
        assertEquals(TEST1_SIGNATURE, hex(first.sign(new byte[0])));
        assertEquals(TEST2_SIGNATURE, hex(second.sign(hex(TEST2_MESSAGE))));
    }

    @Test
    void signsAsTheKeyAloneDoes() throws Exception {
        EdECPrivateKey key = (EdECPrivateKey) KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        byte[] message = "{\"type\":\"Accept\"}".getBytes(StandardCharsets.UTF_8);
        Ed25519SigningKey prepared = Ed25519SigningKey.of(key);

        byte[] signature = prepared.sign(message);
        assertArrayEquals(signature, coop.entraide.protocol.proof.EddsaJcs2022.sign(message, key));
        assertArrayEquals(signature, prepared.sign(message), "the same again: nothing changes between signatures");
        assertFalse(java.util.Arrays.equals(signature, prepared.sign("{\"type\":\"Reject\"}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void neverShowsTheKey() throws Exception {
        Ed25519SigningKey key = Ed25519SigningKey.of(Ed25519Keys.privateKey(hex(TEST1_SECRET)));
        assertFalse(key.toString().contains("9d61"), key.toString());
    }
}
