package coop.entraide.protocol.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SigningProfileTest {

    private static final SignatureScheme CAVAGE = SignatureScheme.DRAFT_CAVAGE_12;
    private static final SignatureScheme RFC = SignatureScheme.RFC_9421;

    @Test
    void ed25519OnlyForAHostThatVerifiesItAndAnActorThatHasAKey() {
        assertEquals(SigningProfile.RFC9421_ED25519, SigningProfile.choose(CAVAGE, true, true));
        assertEquals(SigningProfile.RFC9421_ED25519, SigningProfile.choose(RFC, true, true));
    }

    @Test
    void rsaInTheSchemeTheHostTakesOtherwise() {
        assertEquals(SigningProfile.CAVAGE_RSA_SHA256, SigningProfile.choose(CAVAGE, false, true));
        assertEquals(SigningProfile.CAVAGE_RSA_SHA256, SigningProfile.choose(CAVAGE, true, false));
        assertEquals(SigningProfile.RFC9421_RSA_V1_5_SHA256, SigningProfile.choose(RFC, false, true));
        assertEquals(SigningProfile.RFC9421_RSA_V1_5_SHA256, SigningProfile.choose(RFC, true, false));
    }

    @Test
    void eachProfileNamesItsScheme() {
        assertEquals(CAVAGE, SigningProfile.CAVAGE_RSA_SHA256.scheme());
        assertEquals(RFC, SigningProfile.RFC9421_RSA_V1_5_SHA256.scheme());
        assertEquals(RFC, SigningProfile.RFC9421_ED25519.scheme());
        assertThrows(NullPointerException.class, () -> SigningProfile.choose(null, true, true));
    }
}
