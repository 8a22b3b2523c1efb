package coop.entraide.node.federation.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.TestNode;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.SigningProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 signatures between real nodes and towards other servers, on loopback: two Entraide nodes
 * learn from each other's {@code Accept-Signature} and sign with Ed25519 after their first
 * exchange; a server that does not advertise keeps getting draft-cavage RSA; a server that
 * advertises Ed25519 but refuses it gets the same delivery signed with RSA, and RSA from then on.
 */
class Ed25519DeliveryTest {
    private static final String PASSWORD = "une phrase de passe";
    private static TestNode a;
    private static TestNode b;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        a = TestNode.start();
        b = TestNode.start();
        vertx = Vertx.vertx();
        a.await(a.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        for (String name : List.of("dalia", "rosa", "yves", "zoe")) {
            a.await(a.identity().createMember(new NewMember(name, "capucins", null, null, Role.MEMBER, PASSWORD)));
        }
        b.await(b.identity().createCollective(new NewCollective("croixrousse", "La Croix-Rousse", null, false)));
        b.await(b.identity().createMember(new NewMember("emile", "croixrousse", null, null, Role.MEMBER, PASSWORD)));
    }

    @AfterAll
    static void stop() {
        vertx.close();
        b.close();
        a.close();
    }

    private static LocalSigners signers(TestNode node) {
        return node.node().context().federation().signers();
    }

    @Test
    void twoNodesSignWithEd25519AfterTheirFirstExchange() throws Exception {
        String dalia = a.sessionToken("dalia", PASSWORD);
        String emile = b.sessionToken("emile", PASSWORD);
        long verifiedBefore = signers(a).stats().ed25519Verified();

        HttpResponse<String> asked = post(a, dalia, "/api/v1/follows", new JsonObject().put("handle", "@croixrousse@" + b.authority()));
        assertEquals(201, asked.statusCode(), asked.body());
        eventually("the Accept reached node A", () -> get(a, dalia, "/api/v1/follows").getJsonArray("items").stream()
                .anyMatch(f -> "accepted".equals(((JsonObject) f).getString("state"))));

        // Each node's inbox answered the other's first delivery with Accept-Signature.
        eventually("node A knows node B verifies Ed25519", () -> signsWithEd25519(a, b.authority()));
        assertTrue(signsWithEd25519(b, a.authority()), "node B learnt from node A's answer to the Accept");
        long signedBefore = signers(b).stats().signedWith(SigningProfile.RFC9421_ED25519);

        String text = "Atelier vélo place Colbert " + System.nanoTime();
        HttpResponse<String> posted = post(b, emile, "/api/v1/posts", new JsonObject().put("content", text).put("visibility", "public"));
        assertEquals(201, posted.statusCode(), posted.body());
        String uri = new JsonObject(posted.body()).getString("uri");
        eventually("the announced post is in dalia's timeline", () -> get(a, dalia, "/api/v1/timeline").getJsonArray("items")
                .stream().anyMatch(p -> ((JsonObject) p).getString("uri").equals(uri)));

        assertTrue(signers(b).stats().signedWith(SigningProfile.RFC9421_ED25519) > signedBefore, "node B signed with Ed25519");
        assertTrue(signers(a).stats().ed25519Verified() > verifiedBefore, "node A verified an Ed25519 signature");
        Row announce = a.await(a.node().context().pool().preparedQuery(
                "SELECT verified_by FROM inbox_activities WHERE type = 'Announce' AND actor_uri = $1 ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(b.base() + "/c/croixrousse"))).iterator().next();
        assertEquals("rfc9421", announce.getString("verified_by"));
        assertEquals(0, signers(b).stats().ed25519Refusals());
    }

    @Test
    void aServerThatDoesNotAdvertiseKeepsGettingDraftCavage() throws Exception {
        try (Peer peer = Peer.start(vertx, "127.0.0.3", Peer.Mode.SILENT)) {
            follow("rosa", peer);
            follow("yves", peer);
            peer.awaitPosts(2);

            assertEquals(List.of("cavage 202", "cavage 202"), peer.posts());
            assertFalse(signsWithEd25519(a, peer.authority()));
        }
    }

    @Test
    void aServerThatRefusesEd25519GetsOneRsaRetryAndRsaFromThenOn() throws Exception {
        long refusals = signers(a).stats().ed25519Refusals();
        try (Peer peer = Peer.start(vertx, "127.0.0.4", Peer.Mode.ADVERTISES_BUT_REFUSES_ED25519)) {
            follow("zoe", peer);
            peer.awaitPosts(2);
            follow("dalia", peer);
            peer.awaitPosts(3);

            // The GETs for the actor taught node A the advertisement; the first Follow was signed
            // with Ed25519 and refused, then signed with RSA at once; the second went with RSA.
            assertEquals(List.of("ed25519 401", "cavage 202", "cavage 202"), peer.posts());
            assertEquals(refusals + 1, signers(a).stats().ed25519Refusals());
            assertFalse(signsWithEd25519(a, peer.authority()));
        }
    }

    @Test
    void aServerThatRefusesEverythingIsKnockedOnTwiceAndTheDeliveryIsRetriedLater() throws Exception {
        try (Peer peer = Peer.start(vertx, "127.0.0.6", Peer.Mode.ADVERTISES_BUT_REFUSES_ALL)) {
            follow("yves", peer);
            peer.awaitPosts(2);

            // One RSA retry within the attempt, no more; the 401 to RSA leaves the delivery to be
            // retried later by the queue, as before.
            assertEquals(List.of("ed25519 401", "cavage 401"), peer.posts());
            String inbox = "http://" + peer.authority() + "/users/ines/inbox";
            eventually("the attempt is recorded", () -> job(inbox).getInteger("attempts") == 1);
            Row job = job(inbox);
            assertEquals("pending", job.getString("state"), job.toJson().encode());
            assertEquals(401, job.getInteger("last_status"));
        }
    }

    @Test
    void aServerThatSignedWithRfc9421ButRefusesOursGetsDraftCavageAtOnceAndFromThenOn() throws Exception {
        try (Peer peer = Peer.start(vertx, "127.0.0.7", Peer.Mode.REFUSES_RFC9421)) {
            // As if it had signed a request to us with RFC 9421: known to accept it.
            signers(a).acceptsRfc9421(peer.authority());
            assertEquals(SignatureScheme.RFC_9421, signers(a).schemeFor(peer.authority()));

            follow("rosa", peer);
            peer.awaitPosts(2);
            follow("zoe", peer);
            peer.awaitPosts(3);

            // The first Follow was refused with RFC 9421 and sent again at once with draft-cavage;
            // the second went with draft-cavage.
            assertEquals(List.of("rfc9421 401", "cavage 202", "cavage 202"), peer.posts());
            assertEquals(SignatureScheme.DRAFT_CAVAGE_12, signers(a).schemeFor(peer.authority()));
            // Another RFC 9421 request from it does not make us try again.
            signers(a).acceptsRfc9421(peer.authority());
            assertEquals(SignatureScheme.DRAFT_CAVAGE_12, signers(a).schemeFor(peer.authority()));
        }
    }

    /** Whether the node's next request to {@code host} goes out signed with Ed25519, as its signer decides. */
    private static boolean signsWithEd25519(TestNode node, String host) {
        try {
            RequestSigner signer = Blocking.await(signers(node).instanceActor(), 10, "the instance actor's signer");
            HttpMessage probe = HttpMessage.request("GET", URI.create("http://" + host + "/probe"),
                    List.of(new HttpMessage.Header("Host", host)), new byte[0]);
            return signer.sign(probe).stream()
                    .anyMatch(h -> h.name().equalsIgnoreCase("Signature-Input") && h.value().contains("alg=\"ed25519\""));
        } catch (Exception e) {
            throw new AssertionError("signing a probe for " + host, e);
        }
    }

    private static Row job(String inbox) {
        return a.await(a.node().context().pool().preparedQuery("SELECT state, attempts, last_status FROM delivery_jobs WHERE inbox = $1")
                .execute(Tuple.of(inbox))).iterator().next();
    }

    private static void follow(String member, Peer peer) {
        String token = a.sessionToken(member, PASSWORD);
        HttpResponse<String> asked = post(a, token, "/api/v1/follows", new JsonObject().put("handle", "@ines@" + peer.authority()));
        assertEquals(201, asked.statusCode(), asked.body());
    }

    private static HttpResponse<String> post(TestNode node, String token, String path, JsonObject body) {
        return node.send(node.request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(BodyPublishers.ofString(body.encode())));
    }

    private static JsonObject get(TestNode node, String token, String path) {
        HttpResponse<String> r = node.get(path, "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
