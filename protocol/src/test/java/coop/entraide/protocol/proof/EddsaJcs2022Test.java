package coop.entraide.protocol.proof;

import static coop.entraide.protocol.TestFiles.hex;
import static coop.entraide.protocol.TestFiles.text;
import static coop.entraide.protocol.proof.ProofFixtures.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.json.Jcs;
import coop.entraide.protocol.keys.Base58;
import coop.entraide.protocol.keys.Multikey;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The W3C vc-di-eddsa eddsa-jcs-2022 test vectors (PROTOCOL.md TV-15). */
class EddsaJcs2022Test {

    private static final String DIR = "proof/w3c-eddsa-jcs-2022/";

    private final ObjectNode keyPair = json(DIR + "keyPair.json");
    private final ObjectNode unsigned = json(DIR + "unsigned.json");
    private final ObjectNode proofConfig = json(DIR + "proofConfigJCS.json");

    @Test
    void canonicalizesTheDocumentAndProofConfigLikeTheVectors() throws Exception {
        assertEquals(text(DIR + "canonDocJCS.txt"), Jcs.canonicalString(unsigned));
        assertEquals(text(DIR + "proofCanonJCS.txt"), Jcs.canonicalString(proofConfig));
        assertEquals(text(DIR + "docHashJCS.txt"), hex(sha256(Jcs.canonicalize(unsigned))));
        assertEquals(text(DIR + "proofHashJCS.txt"), hex(sha256(Jcs.canonicalize(proofConfig))));
        assertEquals(text(DIR + "combinedHashJCS.txt"), hex(EddsaJcs2022.hashData(proofConfig, unsigned)));
    }

    @Test
    void reproducesTheSignatureAndProofValue() throws Exception {
        EdECPrivateKey key = Multikey.decodePrivateKey(keyPair.get("privateKeyMultibase").textValue());
        byte[] signature = EddsaJcs2022.sign(hex(text(DIR + "combinedHashJCS.txt")), key);

        assertEquals(text(DIR + "sigHexJCS.txt"), hex(signature));
        assertEquals(text(DIR + "sigBTC58JCS.txt"), "z" + Base58.encode(signature));
    }

    @Test
    void addsTheProofOfTheVectors() throws Exception {
        EdECPrivateKey key = Multikey.decodePrivateKey(keyPair.get("privateKeyMultibase").textValue());
        ObjectNode options = proofConfig.deepCopy();
        options.remove("@context");

        ObjectNode secured = EddsaJcs2022.addProof(unsigned, options, key);

        ObjectNode expectedProof = proofConfig.deepCopy();
        expectedProof.put("proofValue", text(DIR + "sigBTC58JCS.txt"));
        assertEquals(expectedProof, secured.get("proof"));
        assertEquals(unsigned, withoutProof(secured));
        assertFalse(unsigned.has("proof"), "the input document must not be modified");
    }

    @Test
    void verifiesTheSignedVector() throws Exception {
        ObjectNode signed = unsigned.deepCopy();
        ObjectNode proof = proofConfig.deepCopy();
        proof.put("proofValue", text(DIR + "sigBTC58JCS.txt"));
        signed.set("proof", proof);
        PublicKey key = Multikey.decodePublicKey(keyPair.get("publicKeyMultibase").textValue());

        ParsedProof parsed = assertInstanceOf(ParsedProof.class, EddsaJcs2022.parse(signed));

        assertEquals(text(DIR + "combinedHashJCS.txt"), hex(parsed.hashData()));
        assertEquals(proofConfig.get("verificationMethod").textValue(), parsed.verificationMethod());
        assertTrue(EddsaJcs2022.verify(parsed.hashData(), parsed.signature(), key));
        byte[] tampered = parsed.hashData();
        tampered[40] ^= 1;
        assertFalse(EddsaJcs2022.verify(tampered, parsed.signature(), key));
        assertFalse(EddsaJcs2022.verify(parsed.hashData(), Arrays.copyOf(parsed.signature(), 63), key));
    }

    private static ObjectNode withoutProof(ObjectNode secured) {
        ObjectNode copy = secured.deepCopy();
        copy.remove("proof");
        return copy;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

}
