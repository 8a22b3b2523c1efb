package coop.entraide.protocol.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

    @Test
    void storesAndRestoresBothAlgorithms() throws Exception {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            KeyPair pair = Keys.generate(algorithm);
            KeyMaterial stored = KeyMaterial.of(algorithm, pair);

            KeyPair restored = stored.toKeyPair();
            assertArrayEquals(pair.getPublic().getEncoded(), restored.getPublic().getEncoded());
            assertArrayEquals(pair.getPrivate().getEncoded(), restored.getPrivate().getEncoded());
        }
    }

    @Test
    void givesTheMultikeyOfAnEd25519Key() throws Exception {
        KeyMaterial stored = KeyMaterial.generate(KeyAlgorithm.ED25519);
        assertEquals(Multikey.encode(stored.toKeyPair().getPublic()), stored.publicKeyMultibase());
        assertTrue(stored.publicKeyMultibase().startsWith("z6Mk"));
    }

    @Test
    void refusesHalvesThatDoNotBelongTogether() {
        KeyMaterial one = KeyMaterial.generate(KeyAlgorithm.ED25519);
        KeyMaterial other = KeyMaterial.generate(KeyAlgorithm.ED25519);
        KeyMaterial mixed = new KeyMaterial(KeyAlgorithm.ED25519, one.publicKeyPem(), other.privateKeyPem());

        assertThrows(KeyFormatException.class, mixed::toKeyPair);
    }

    @Test
    void refusesAKeyOfAnotherAlgorithm() {
        KeyMaterial ed = KeyMaterial.generate(KeyAlgorithm.ED25519);
        KeyMaterial labelledRsa = new KeyMaterial(KeyAlgorithm.RSA_2048, ed.publicKeyPem(), ed.privateKeyPem());

        assertThrows(KeyFormatException.class, labelledRsa::toKeyPair);
    }

    @Test
    void neverPrintsThePrivateKey() {
        KeyMaterial stored = KeyMaterial.generate(KeyAlgorithm.ED25519);
        assertFalse(stored.toString().contains("PRIVATE"), stored.toString());
    }
}
