package coop.entraide.protocol.proof;

import static coop.entraide.protocol.TestFiles.hex;
import static coop.entraide.protocol.proof.ProofFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import coop.entraide.protocol.json.Jcs;
import coop.entraide.protocol.keys.Base58;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.keys.Multikey;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** FEP-8b32 with the FEP's own ActivityPub vector (PROTOCOL.md TV-16), then every way to break it. */
class ObjectIntegrityProofsTest {

    private static final String SECRET_KEY = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    private static final String KEY_ID = "https://server.example/users/alice#ed25519-key";
    private static final String ALICE = "https://server.example/users/alice";
    private static final Instant CREATED = Instant.parse("2023-02-24T23:36:38Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final ObjectNode signed = json("proof/fep-8b32/signed-create.json");
    private final ObjectNode actor = json("proof/fep-8b32/actor.json");

    @Test
    void signsTheFepVectorExactly() throws Exception {
        ObjectNode unsigned = signed.deepCopy();
        unsigned.remove("proof");

        ObjectNode created = ObjectIntegrityProofs.create(unsigned, secretKey(), KEY_ID, CREATED);

        assertEquals(signed, created);
    }

    @Test
    void matchesTheIntermediateValuesOfTheFepVector() {
        // Derived values from PROTOCOL.md TV-16, recomputed independently.
        ObjectNode document = signed.deepCopy();
        ObjectNode proofConfig = (ObjectNode) document.remove("proof");
        String proofValue = proofConfig.remove("proofValue").textValue();

        assertEquals("{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/data-integrity/v2\"],"
                + "\"created\":\"2023-02-24T23:36:38Z\",\"cryptosuite\":\"eddsa-jcs-2022\",\"proofPurpose\":\"assertionMethod\","
                + "\"type\":\"DataIntegrityProof\",\"verificationMethod\":\"https://server.example/users/alice#ed25519-key\"}",
                Jcs.canonicalString(proofConfig));
        assertEquals("{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/data-integrity/v2\"],"
                + "\"actor\":\"https://server.example/users/alice\",\"id\":\"https://server.example/activities/1\","
                + "\"object\":{\"attributedTo\":\"https://server.example/users/alice\",\"content\":\"Hello world\","
                + "\"id\":\"https://server.example/objects/1\",\"location\":{\"latitude\":25.273962,\"longitude\":-71.184902,"
                + "\"type\":\"Place\"},\"type\":\"Note\"},\"type\":\"Create\"}",
                Jcs.canonicalString(document));
        assertEquals("cf63e2308ce7d1137667192c5c5e751ba7b1c6e3d5e746a7b717d309654ad198"
                + "0793e8d97e2de4b989b2b2d7a5fae8cf941f102a03c0ecab00f03eaa2330c650",
                hex(EddsaJcs2022.hashData(proofConfig, document)));
        assertEquals("z" + Base58.encode(hex("977cf85ab534ffb70436f6c3026e0aafd4e68c9d8e922e37067567d24c8dab8f"
                + "b125bf330291f4912322cb8ecb370ddfe02247bbcf7e771557c177c4cc970c0f")), proofValue);
    }

    @Test
    void verifiesTheFepVectorInTwoSteps() throws Exception {
        ParsedProof parsed = assertInstanceOf(ParsedProof.class, ObjectIntegrityProofs.parse(signed));
        assertEquals(KEY_ID, parsed.verificationMethod());
        assertEquals(ALICE, parsed.owner().orElseThrow());
        assertEquals(CREATED, parsed.created().orElseThrow());

        ProofResult result = ObjectIntegrityProofs.verify(parsed, assertionMethodOf(actor, parsed.verificationMethod()), NOW);

        assertEquals(new ProofResult.Verified(KEY_ID, ALICE), result);
    }

    @Test
    void verifiesFromRawJson() throws Exception {
        String json = coop.entraide.protocol.TestFiles.text("proof/fep-8b32/signed-create.json");
        ParsedProof parsed = assertInstanceOf(ParsedProof.class, ObjectIntegrityProofs.parse(json));
        assertTrue(ObjectIntegrityProofs.verify(parsed, aliceKey()).ok());
    }

    @Test
    void signsAndVerifiesAnObjectOwnedThroughAttributedTo() throws Exception {
        KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);
        ObjectNode note = json("proof/fep-8b32/signed-create.json");
        note.remove("proof");
        ObjectNode object = (ObjectNode) note.get("object");

        ObjectNode signedNote = ObjectIntegrityProofs.create(object, (EdECPrivateKey) pair.getPrivate(), KEY_ID, NOW);
        VerificationMethod method = new VerificationMethod(KEY_ID, ALICE, pair.getPublic());

        assertEquals(new ProofResult.Verified(KEY_ID, ALICE), ObjectIntegrityProofs.verify(signedNote, method, NOW));
        assertEquals("2025-06-01T12:00:00Z", signedNote.at("/proof/created").textValue());
    }

    @Test
    void verifiesAnActivityThatEmbedsASignedObject() throws Exception {
        // FEP-8b32 "Signed activity with embedded signed object": the outer proof covers the inner one.
        ObjectNode activity = signed.deepCopy();
        activity.remove("proof");
        ObjectNode object = (ObjectNode) activity.get("object");
        object.set("@context", activity.get("@context").deepCopy());
        activity.set("object", ObjectIntegrityProofs.create(object, secretKey(), KEY_ID, CREATED));

        ObjectNode outer = ObjectIntegrityProofs.create(activity, secretKey(), KEY_ID, CREATED);

        assertTrue(ObjectIntegrityProofs.verify(outer, aliceKey(), NOW).ok());
        assertTrue(ObjectIntegrityProofs.verify(outer.get("object"), aliceKey(), NOW).ok());
        ((ObjectNode) outer.at("/object/proof")).put("created", "2023-02-24T23:36:39Z");
        assertFailure(ProofFailure.BAD_SIGNATURE, ObjectIntegrityProofs.verify(outer, aliceKey(), NOW));
    }

    @Test
    void ignoresALinkedDataSignatureAddedAfterTheProof() throws Exception {
        ObjectNode withLdSignature = signed.deepCopy();
        ObjectNode signature = withLdSignature.putObject("signature");
        signature.put("type", "RsaSignature2017");
        signature.put("signatureValue", "bG9uZw==");
        assertTrue(ObjectIntegrityProofs.verify(withLdSignature, aliceKey(), NOW).ok());
    }

    @Test
    void acceptsAProofSetOfOne() throws Exception {
        ObjectNode document = signed.deepCopy();
        document.putArray("proof").add(signed.get("proof").deepCopy());
        assertTrue(ObjectIntegrityProofs.verify(document, aliceKey(), NOW).ok());
    }

    @Test
    void refusesToSignTwice() {
        assertThrows(IllegalArgumentException.class,
                () -> ObjectIntegrityProofs.create(signed, secretKey(), KEY_ID, CREATED));
    }

    // Every way to break it.

    @Test
    void everyChangedValueBreaksTheSignature() throws Exception {
        List<String> paths = new ArrayList<>();
        collectLeaves(signed, "", paths);
        int checked = 0;
        for (String path : paths) {
            if (path.startsWith("/proof/") && !path.equals("/proof/created")) {
                continue; // those have their own failure reasons below
            }
            ObjectNode tampered = signed.deepCopy();
            replaceLeaf(tampered, path);
            ProofResult result = ObjectIntegrityProofs.verify(tampered, aliceKey(), NOW);
            assertTrue(!result.ok(), "changing " + path + " must not verify");
            checked++;
        }
        assertTrue(checked >= 12, "only " + checked + " values were changed");
    }

    @Test
    void aChangedFieldIsABadSignature() throws Exception {
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> ((ObjectNode) doc.get("object")).put("content", "Hello world!")));
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> ((ObjectNode) doc.at("/object/location")).put("latitude", 25.273963)));
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> doc.put("to", "https://www.w3.org/ns/activitystreams#Public")));
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> ((ObjectNode) doc.get("object")).remove("location")));
    }

    @Test
    void aChangedProofOptionIsABadSignature() throws Exception {
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> proof(doc).put("created", "2023-02-24T23:36:39Z")));
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> proof(doc).put("nonce", "1")));
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> proof(doc).remove("created")));
    }

    @Test
    void aWrongKeyIsABadSignature() throws Exception {
        VerificationMethod other = new VerificationMethod(KEY_ID, ALICE, Keys.generate(KeyAlgorithm.ED25519).getPublic());
        assertFailure(ProofFailure.BAD_SIGNATURE, ObjectIntegrityProofs.verify(signed, other, NOW));
    }

    @Test
    void aKeyControlledBySomeoneElseIsAControllerMismatch() throws Exception {
        // Mallory publishes Alice's key id under her own actor on the same server: still not Alice's.
        VerificationMethod mallorys = new VerificationMethod(KEY_ID, "https://server.example/users/mallory",
                aliceKey().publicKey());
        assertFailure(ProofFailure.CONTROLLER_MISMATCH, ObjectIntegrityProofs.verify(signed, mallorys, NOW));
    }

    @Test
    void aProofForAnotherActorIsAControllerMismatch() throws Exception {
        // Alice's valid key signing an activity that claims to be Bob's.
        KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);
        ObjectNode bobs = signed.deepCopy();
        bobs.remove("proof");
        bobs.put("actor", "https://server.example/users/bob");
        ObjectNode forged = ObjectIntegrityProofs.create(bobs, (EdECPrivateKey) pair.getPrivate(), KEY_ID, CREATED);
        VerificationMethod alices = new VerificationMethod(KEY_ID, ALICE, pair.getPublic());

        assertFailure(ProofFailure.CONTROLLER_MISMATCH, ObjectIntegrityProofs.verify(forged, alices, NOW));
    }

    @Test
    void aKeyOnAnotherOriginIsRefusedBeforeFetchingIt() throws Exception {
        ObjectNode forged = signed.deepCopy();
        proof(forged).put("verificationMethod", "https://evil.example/users/alice#ed25519-key");
        assertFailure(ProofFailure.CONTROLLER_MISMATCH, ObjectIntegrityProofs.parse(forged));
        ObjectNode otherPort = signed.deepCopy();
        proof(otherPort).put("verificationMethod", "https://server.example:8443/users/alice#ed25519-key");
        assertFailure(ProofFailure.CONTROLLER_MISMATCH, ObjectIntegrityProofs.parse(otherPort));
    }

    @Test
    void anObjectWithoutASingleOwnerCannotBeVerified() {
        assertFailure(ProofFailure.CONTROLLER_MISMATCH, ObjectIntegrityProofs.parse(tampered(doc -> doc.remove("actor"))));
        assertFailure(ProofFailure.CONTROLLER_MISMATCH, ObjectIntegrityProofs.parse(tampered(doc ->
                doc.putArray("actor").add(ALICE).add("https://server.example/users/bob"))));
    }

    @Test
    void aResolvedMethodWithAnotherIdIsAKeyMismatch() throws Exception {
        VerificationMethod other = new VerificationMethod(ALICE + "#main-key", ALICE, aliceKey().publicKey());
        assertFailure(ProofFailure.KEY_MISMATCH, ObjectIntegrityProofs.verify(signed, other, NOW));
    }

    @Test
    void anRsaKeyIsAKeyMismatch() {
        VerificationMethod rsa = new VerificationMethod(KEY_ID, ALICE, Keys.generate(KeyAlgorithm.RSA_2048).getPublic());
        assertFailure(ProofFailure.KEY_MISMATCH, ObjectIntegrityProofs.verify(signed, rsa, NOW));
    }

    @Test
    void anotherCryptosuiteIsUnsupported() {
        assertFailure(ProofFailure.UNSUPPORTED_CRYPTOSUITE, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("cryptosuite", "eddsa-rdfc-2022"))));
        assertFailure(ProofFailure.UNSUPPORTED_CRYPTOSUITE, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("cryptosuite", "jcs-eddsa-2022"))));
        assertFailure(ProofFailure.UNSUPPORTED_CRYPTOSUITE, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).remove("cryptosuite"))));
        assertFailure(ProofFailure.UNSUPPORTED_CRYPTOSUITE, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("type", "Ed25519Signature2020"))));
    }

    @Test
    void anotherPurposeIsWrong() {
        assertFailure(ProofFailure.WRONG_PURPOSE, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("proofPurpose", "authentication"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).remove("proofPurpose"))));
    }

    @Test
    void aMissingProofIsReported() {
        assertFailure(ProofFailure.MISSING_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> doc.remove("proof"))));
        assertFailure(ProofFailure.MISSING_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> doc.putNull("proof"))));
    }

    @Test
    void aMalformedProofValueIsReported() {
        String good = signed.at("/proof/proofValue").textValue();
        for (String bad : List.of("", "z", good.substring(1), "u" + good.substring(1), "Z" + good.substring(1),
                good + "2", good.replace('4', '0'), "z" + Base58.encode(new byte[63]), "z" + Base58.encode(new byte[65]))) {
            assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("proofValue", bad))));
        }
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).remove("proofValue"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("proofValue", 42))));
    }

    @Test
    void aWellFormedButWrongProofValueIsABadSignature() throws Exception {
        // One base58 digit less still decodes to 64 bytes here: well-formed, just not the signature.
        String good = signed.at("/proof/proofValue").textValue();
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> proof(doc).put("proofValue", good.substring(0, good.length() - 1))));
        assertFailure(ProofFailure.BAD_SIGNATURE, tamper(doc -> proof(doc).put("proofValue", "z" + Base58.encode(new byte[64]))));
    }

    @Test
    void otherMalformedProofsAreReported() {
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> doc.put("proof", "z42ff"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).remove("verificationMethod"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("created", "yesterday"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> proof(doc).put("verificationMethod", "https://server.example/users/alice#a b"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> {
            ArrayNode set = doc.putArray("proof");
            set.add(signed.get("proof").deepCopy()).add(signed.get("proof").deepCopy());
        })));
    }

    @Test
    void aProofContextThatDoesNotPrefixTheDocumentsIsMalformed() {
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc ->
                ((ArrayNode) proof(doc).get("@context")).add("https://example.com/extra"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc -> doc.remove("@context"))));
        assertFailure(ProofFailure.MALFORMED_PROOF, ObjectIntegrityProofs.parse(tampered(doc ->
                doc.set("@context", new TextNode("https://w3id.org/security/data-integrity/v2")))));
    }

    @Test
    void anExpiredProofIsReported() throws Exception {
        KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);
        ObjectNode unsigned = signed.deepCopy();
        unsigned.remove("proof");
        ObjectNode options = unsigned.objectNode()
                .put("type", "DataIntegrityProof").put("cryptosuite", "eddsa-jcs-2022")
                .put("verificationMethod", KEY_ID).put("proofPurpose", "assertionMethod")
                .put("created", "2025-01-01T00:00:00Z").put("expires", "2025-02-01T00:00:00Z");
        ObjectNode expiring = EddsaJcs2022.addProof(unsigned, options, (EdECPrivateKey) pair.getPrivate());
        VerificationMethod method = new VerificationMethod(KEY_ID, ALICE, pair.getPublic());

        assertTrue(ObjectIntegrityProofs.verify(expiring, method, Instant.parse("2025-01-15T00:00:00Z")).ok());
        assertFailure(ProofFailure.EXPIRED, ObjectIntegrityProofs.verify(expiring, method, NOW));
    }

    @Test
    void malformedDocumentsAreReportedAsValues() {
        assertFailure(ProofFailure.MALFORMED_DOCUMENT, ObjectIntegrityProofs.parse("{\"proof\":1,\"proof\":2}"));
        assertFailure(ProofFailure.MALFORMED_DOCUMENT, ObjectIntegrityProofs.parse("[]"));
        assertFailure(ProofFailure.MALFORMED_DOCUMENT, ObjectIntegrityProofs.parse("{\"a\":1e999}"));
        assertFailure(ProofFailure.MALFORMED_DOCUMENT, ObjectIntegrityProofs.parse("not json"));
        assertFailure(ProofFailure.MALFORMED_DOCUMENT, ObjectIntegrityProofs.parse(new TextNode("Note")));
        // A tree built in code that JCS cannot carry.
        assertFailure(ProofFailure.MALFORMED_DOCUMENT, ObjectIntegrityProofs.parse(tampered(doc -> doc.put("bad", Double.NaN))));
    }

    @Test
    void readsAMultikeyVerificationMethod() throws Exception {
        VerificationMethod method = aliceKey();
        assertEquals(KEY_ID, method.id());
        assertEquals(ALICE, method.controller());
        assertThrows(KeyFormatException.class, () -> VerificationMethod.fromMultikey(actor));
        ObjectNode wrongType = (ObjectNode) actor.at("/assertionMethod/0").deepCopy();
        wrongType.put("type", "JsonWebKey");
        assertThrows(KeyFormatException.class, () -> VerificationMethod.fromMultikey(wrongType));
        ObjectNode badKey = (ObjectNode) actor.at("/assertionMethod/0").deepCopy();
        badKey.put("publicKeyMultibase", "z6Mk");
        assertThrows(KeyFormatException.class, () -> VerificationMethod.fromMultikey(badKey));
    }

    private ProofResult tamper(Consumer<ObjectNode> change) throws KeyFormatException {
        return ObjectIntegrityProofs.verify(tampered(change), aliceKey(), NOW);
    }

    private ObjectNode tampered(Consumer<ObjectNode> change) {
        ObjectNode copy = signed.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static ObjectNode proof(ObjectNode document) {
        return (ObjectNode) document.get("proof");
    }

    private VerificationMethod aliceKey() throws KeyFormatException {
        return assertionMethodOf(actor, KEY_ID);
    }

    /** What the node does after fetching the actor: find the assertionMethod entry with that id. */
    private static VerificationMethod assertionMethodOf(JsonNode actor, String id) throws KeyFormatException {
        for (JsonNode method : actor.get("assertionMethod")) {
            if (id.equals(method.path("id").textValue())) {
                return VerificationMethod.fromMultikey(method);
            }
        }
        throw new AssertionError("no assertion method " + id);
    }

    private static EdECPrivateKey secretKey() {
        try {
            return Multikey.decodePrivateKey(SECRET_KEY);
        } catch (KeyFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertFailure(ProofFailure expected, Object result) {
        ProofResult.Failed failed = assertInstanceOf(ProofResult.Failed.class, result, () -> "expected " + expected + ", got " + result);
        assertEquals(expected, failed.reason(), failed::toString);
    }

    private static void collectLeaves(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                collectLeaves(member.getValue(), path + "/" + member.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), path + "/" + i, out);
            }
        } else {
            out.add(path);
        }
    }

    private static void replaceLeaf(ObjectNode root, String path) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        JsonNode old = root.at(path);
        JsonNode changed = old.isNumber() ? root.numberNode(old.doubleValue() + 1e-6) : new TextNode(old.asText() + "x");
        if (parent instanceof ObjectNode object) {
            object.set(last, changed);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), changed);
        }
    }
}
