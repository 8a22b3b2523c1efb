package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SignerHostTest {

    private static String signature(String keyId) {
        return "keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"AA==\"";
    }

    @Test
    void theHostOfTheKeyIdIsTheSameEachTimeItIsAsked() {
        for (int i = 0; i < 3; i++) {
            assertEquals("social.example", SignerHost.fromHeader(signature("https://Social.Example/users/bea#main-key")));
            assertEquals("xn--caf-dma.example", SignerHost.fromHeader(signature("https://café.example/u/a#k")));
            assertEquals("other.example", SignerHost.fromHeader(
                    "sig1=(\"@method\");keyid=\"https://other.example/actor#k\";created=1"));
        }
    }

    @Test
    void aKeyIdWithoutAValidHostNamesNoneEachTime() {
        for (int i = 0; i < 3; i++) {
            assertNull(SignerHost.fromHeader(signature("not a uri")));
            assertNull(SignerHost.fromHeader(signature("https://bad_host!.example/#k")));
            assertNull(SignerHost.fromHeader(signature("urn:uuid:1234")));
            assertNull(SignerHost.fromHeader("algorithm=\"rsa-sha256\",signature=\"AA==\""));
            assertNull(SignerHost.fromHeader(null));
        }
    }

    @Test
    void longAndManyKeyIdsAreReadAsWell() {
        String longKey = "https://long.example/" + "a".repeat(SignerHost.MAX_REMEMBERED_LENGTH) + "#k";
        assertEquals("long.example", SignerHost.fromHeader(signature(longKey)));
        for (int i = 0; i < SignerHost.MAX_REMEMBERED + 10; i++) {
            assertEquals("s" + i + ".example", SignerHost.fromHeader(signature("https://s" + i + ".example/u#k")));
        }
        assertEquals("social.example", SignerHost.fromHeader(signature("https://social.example/users/bea#main-key")));
    }
}
