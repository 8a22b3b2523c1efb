package coop.entraide.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Cheap parameters keep the unit test fast; the format and checks are the same. */
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(64, 1, 1));

    @Test
    void hashesInPhcFormatWithTheOwaspDefaults() {
        String hash = new PasswordHasher().hash("correct horse battery");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery");
        assertTrue(hasher.verify("correct horse battery", hash));
        assertFalse(hasher.verify("correct horse batterY", hash));
        assertFalse(hasher.verify("", hash));
        assertNotEquals(hash, hasher.hash("correct horse battery"), "each hash has its own salt");
    }

    @Test
    void malformedStoredHashesMatchNothing() {
        assertFalse(hasher.verify("x", null));
        assertFalse(hasher.verify("x", ""));
        assertFalse(hasher.verify("x", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=64,t=1,p=1$!!!$???"));
    }

    @Test
    void readsTheCostFromTheStoredHash() {
        String cheap = hasher.hash("a long passphrase");
        assertTrue(new PasswordHasher().verify("a long passphrase", cheap));
    }

    /** Cross-check with Bouncy Castle's generator directly: same inputs, same PHC hash. */
    @Test
    void matchesAnIndependentArgon2idComputation() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(64).withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        gen.generateBytes("pass".getBytes(StandardCharsets.UTF_8), out);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=64,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
        assertTrue(hasher.verify("pass", phc));
        assertFalse(hasher.verify("pas", phc));
    }

    @Test
    void passwordLengthRules() {
        assertThrows(InvalidInputException.class, () -> PasswordHasher.requireAcceptable("short"));
        assertThrows(InvalidInputException.class, () -> PasswordHasher.requireAcceptable(null));
        assertThrows(InvalidInputException.class, () -> PasswordHasher.requireAcceptable("x".repeat(1025)));
        assertEquals("long enough!", PasswordHasher.requireAcceptable("long enough!"));
        assertEquals(20, hasher.generatePassword().length());
    }
}
