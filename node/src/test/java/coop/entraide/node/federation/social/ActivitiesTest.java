package coop.entraide.node.federation.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.delivery.Recipient;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorType;
import coop.entraide.node.posts.Notes;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.as.Sec;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.KeyMaterial;
import coop.entraide.protocol.keys.Pem;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure builders: addressing, FEP-1b12 announces, proofs that verify with the protocol module. */
class ActivitiesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30.123Z");
    private static final KeyPair KEYS = keys();

    private final Actor alice = TestActors.local(1, "https://voisins.example/u/alice", ActorType.PERSON);
    private final Actor group = TestActors.local(2, "https://voisins.example/c/capucins", ActorType.GROUP);
    private final Actor bob = TestActors.remote(3, "https://masto.example/users/bob", "https://masto.example/inbox");
    private final Actor carol = TestActors.remote(4, "https://masto.example/users/carol", "https://masto.example/inbox");
    private final Actor dan = TestActors.remote(5, "https://mitra.example/users/dan", null);
    private final ObjectSigner signer = new ObjectSigner(alice.multikeyId(), (EdECPrivateKey) KEYS.getPrivate());

    private static KeyPair keys() {
        try {
            return KeyMaterial.generate(KeyAlgorithm.ED25519).toKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ProofResult verify(JsonNode signed, String controller) {
        return ObjectIntegrityProofs.verify(signed, new VerificationMethod(alice.multikeyId(), controller, KEYS.getPublic()), NOW);
    }

    private ObjectNode note() {
        return Notes.build("https://voisins.example/o/n1", alice, group, "Vide-grenier samedi https://voisins.example/vg !",
                Audience.publicly(), NOW);
    }

    @Test
    void aMembersNoteIsPublicWithTheCollectiveAsItsAudience() {
        ObjectNode note = note();
        assertEquals(As.NOTE, note.get("type").asText());
        assertEquals(alice.uri(), note.get("attributedTo").asText());
        assertEquals(As.PUBLIC, note.get("to").get(0).asText());
        assertEquals(alice.followers(), note.get("cc").get(0).asText());
        assertEquals(group.uri(), note.get("audience").asText());
        assertEquals("2026-03-02T10:15:30Z", note.get("published").asText());
        assertTrue(note.get("content").asText().contains("<a href=\"https://voisins.example/vg\""), note.toString());
    }

    @Test
    void aSignedNoteCarriesAProofThatVerifiesAndBreaksWhenChanged() {
        ObjectNode signed = signer.sign(note(), NOW);
        assertEquals(Sec.DATA_INTEGRITY_PROOF, signed.get("proof").get("type").asText());
        assertEquals("eddsa-jcs-2022", signed.get("proof").get("cryptosuite").asText());
        assertTrue(AsJson.toString(signed.get("@context")).contains(Sec.DATA_INTEGRITY_V2));
        assertInstanceOf(ProofResult.Verified.class, verify(signed, alice.uri()));

        ObjectNode changed = signed.deepCopy();
        changed.put("content", "<p>autre chose</p>");
        assertInstanceOf(ProofResult.Failed.class, verify(changed, alice.uri()));
        assertInstanceOf(ProofResult.Failed.class, verify(signed, bob.uri()), "another controller");
    }

    @Test
    void aCreateEmbedsTheSignedNoteAndIsSignedItself() {
        ObjectNode signedNote = signer.sign(note(), NOW);
        ObjectNode create = Activities.create("https://voisins.example/a/c1", alice, signedNote,
                Notes.addressing(Audience.publicly(), alice, group), NOW);
        ObjectNode signed = signer.sign(create, NOW);
        assertInstanceOf(ProofResult.Verified.class, verify(signed, alice.uri()));
        assertInstanceOf(ProofResult.Verified.class, verify(signed.get("object"), alice.uri()), "the embedded note still verifies");
        Activity parsed = Activity.parse(signed).orElseThrow();
        assertEquals(As.CREATE, parsed.type());
        assertEquals(signedNote.get("id").asText(), parsed.object().orElseThrow().id());
    }

    @Test
    void theGroupAnnouncesTheObjectNotTheCreate() {
        ObjectNode signedNote = signer.sign(note(), NOW);
        ObjectNode announce = Activities.announce("https://voisins.example/a/a1", group, signedNote,
                Audience.publicly().addressing(group), NOW);
        assertEquals(As.ANNOUNCE, announce.get("type").asText());
        assertEquals(group.uri(), announce.get("actor").asText());
        assertEquals(As.NOTE, announce.get("object").get("type").asText());
        assertEquals(List.of(As.PUBLIC), List.of(announce.get("to").get(0).asText()));
        assertEquals(group.followers(), announce.get("cc").get(0).asText());
        assertInstanceOf(ProofResult.Verified.class, verify(announce.get("object"), alice.uri()),
                "the object is announced unmodified, its author's proof intact");
    }

    @Test
    void anAcceptEmbedsTheFollowWithItsOriginalIdAndNoProof() {
        ObjectNode follow = Activities.followOf("https://masto.example/f/1", bob.uri(), group.uri());
        follow.put("@context", As.CONTEXT);
        ObjectNode accept = Activities.accept("https://voisins.example/a/x", group, follow, bob.uri());
        assertEquals(As.ACCEPT, accept.get("type").asText());
        assertEquals("https://masto.example/f/1", accept.get("object").get("id").asText());
        assertEquals(bob.uri(), accept.get("object").get("actor").asText());
        assertFalse(accept.get("object").has("@context"));
        assertEquals(bob.uri(), accept.get("to").get(0).asText());
        assertEquals(As.REJECT, Activities.reject("https://voisins.example/a/y", group, follow, bob.uri()).get("type").asText());
    }

    @Test
    void undoAndDeleteCarryWhatTheyUndoOrDelete() {
        ObjectNode undo = Activities.undo("https://voisins.example/a/u", alice,
                Activities.follow("https://voisins.example/a/f", alice, bob.uri()), Audience.direct(bob).addressing(alice));
        assertEquals(As.FOLLOW, undo.get("object").get("type").asText());
        assertEquals("https://voisins.example/a/f", undo.get("object").get("id").asText());
        ObjectNode delete = Activities.delete("https://voisins.example/a/d", alice, "https://voisins.example/o/n1",
                Audience.publicly().addressing(alice), NOW);
        assertEquals(As.TOMBSTONE, delete.get("object").get("type").asText());
    }

    @Test
    void deliveriesSkipLocalActorsAndKeepOneJobPerInbox() {
        ObjectNode signed = signer.sign(Activities.follow("https://voisins.example/a/f", alice, bob.uri()), NOW);
        Deliveries.DeliveryJob job = Deliveries.prepare(signed, alice, List.of(bob, carol, bob, group, dan));
        assertEquals("https://voisins.example/a/f", job.activity().activityId());
        assertEquals(alice.uri(), job.activity().actorId());
        assertEquals(List.of(
                Recipient.of(URI.create(bob.inbox()), URI.create("https://masto.example/inbox")),
                Recipient.of(URI.create(carol.inbox()), URI.create("https://masto.example/inbox")),
                Recipient.of(URI.create(dan.inbox()))), job.recipients());
        JsonNode body = AsJson.read(job.activity().body()).orElseThrow();
        assertEquals(signed, body, "the exact signed bytes are queued");
        assertNotEquals(0, job.activity().body().length);
    }

    @Test
    void anActorWithoutAUsableInboxIsLeftOut() {
        Actor broken = new Actor(9, "https://x.example/u/x", ActorType.PERSON, "x", "x.example", "", "", null,
                "not a uri", null, null, null, null, null, null, null, null, false, true, null, null, null);
        ObjectNode signed = signer.sign(Activities.follow("https://voisins.example/a/f", alice, bob.uri()), NOW);
        assertTrue(Deliveries.prepare(signed, alice, List.of(broken)).recipients().isEmpty());
    }
}
