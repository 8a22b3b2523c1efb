package coop.entraide.node.federation.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import coop.entraide.node.store.EmbeddedDatabase;
import coop.entraide.protocol.sig.Ed25519HostFact.Refused;
import coop.entraide.protocol.sig.HttpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real nodes on one outside database, on loopback: what a node learnt of other servers' signatures
 * is known at once after a restart, a refusal holds across a restart until its time, and a second
 * process of the node knows within seconds what the first one learnt.
 */
class SignatureMemoryNodeTest {
    private static final String PASSWORD = "une phrase de passe";
    private static Path databaseDir;
    private static EmbeddedDatabase database;
    private static TestNode a;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        databaseDir = Files.createTempDirectory("entraide-signature-memory");
        database = EmbeddedDatabase.start(databaseDir);
        a = TestNode.onDatabase(database.url());
        vertx = Vertx.vertx();
        a.await(a.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        for (String name : List.of("dalia", "rosa", "yves", "zoe")) {
            a.await(a.identity().createMember(new NewMember(name, "capucins", null, null, Role.MEMBER, PASSWORD)));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close();
        a.close();
        database.close();
        try (Stream<Path> files = Files.walk(databaseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static LocalSigners signers(TestNode node) {
        return node.node().context().federation().signers();
    }

    @Test
    void aRestartedNodeSignsWithEd25519AtOnceToAServerItLearntBefore() throws Exception {
        try (Peer peer = Peer.start(vertx, "127.0.0.7", Peer.Mode.ADVERTISES)) {
            follow("dalia", peer);
            peer.awaitPosts(1);
            assertEquals(List.of("ed25519 202"), peer.posts(), "the actor's document taught node A before the Follow");
            int getsBefore = peer.gets().size();

            a.restart();

            assertTrue(signers(a).ed25519For(peer.authority()), "known before any request");
            follow("rosa", peer);
            peer.awaitPosts(2);
            assertEquals("ed25519 202", peer.posts().get(1));
            List<String> getsAfter = peer.gets().subList(getsBefore, peer.gets().size());
            assertFalse(getsAfter.contains("cavage"), "no request signed with RSA after the restart: " + getsAfter);
        }
    }

    @Test
    void aRefusalHoldsAcrossARestartUntilItsTime() throws Exception {
        try (Peer peer = Peer.start(vertx, "127.0.0.8", Peer.Mode.ADVERTISES_BUT_REFUSES_ED25519)) {
            follow("yves", peer);
            peer.awaitPosts(2);
            assertEquals(List.of("ed25519 401", "cavage 202"), peer.posts());

            a.restart();

            assertInstanceOf(Refused.class, signers(a).ed25519Standing(peer.authority()).orElseThrow());
            follow("zoe", peer);
            peer.awaitPosts(3);
            assertEquals("cavage 202", peer.posts().get(2), "no second knock with Ed25519");

            // A refusal that runs out two seconds after the next start.
            a.await(a.node().context().pool().preparedQuery("""
                            UPDATE signature_hosts SET ed25519_refused_until = now() + interval '2 seconds'
                             WHERE host = $1""")
                    .execute(Tuple.of(peer.authority())));
            a.restart();
            assertInstanceOf(Refused.class, signers(a).ed25519Standing(peer.authority()).orElseThrow());
            eventually("the refusal ran out", () -> signers(a).ed25519Standing(peer.authority()).isEmpty());
        }
    }

    @Test
    void aSecondProcessKnowsWithinSecondsWhatTheFirstLearnt() throws Exception {
        String peerHost = "127.0.0.9:8443";
        try (TestNode b = TestNode.sharing(a)) {
            assertFalse(signers(b).ed25519For(peerHost));

            // What the inbox of node A does when that server signs to it with ed25519.
            signers(a).signsWithEd25519(peerHost);

            eventually("node B knows", () -> signers(b).ed25519For(peerHost));
            RequestSigner signer = a.await(signers(b).signerFor(a.base() + "/u/dalia"));
            HttpMessage delivery = HttpMessage.request("POST", URI.create("https://" + peerHost + "/inbox"), List.of(),
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<HttpMessage.Header> added = signer.sign(delivery);
            assertTrue(added.stream().anyMatch(h -> h.name().equals("Signature-Input") && h.value().contains("alg=\"ed25519\"")),
                    "node B's first request is signed with Ed25519: " + added);

            // Node B's refusal reaches node A.
            assertTrue(signer.answered(delivery, added, 401, List.of()));
            eventually("node A knows of the refusal",
                    () -> signers(a).ed25519Standing(peerHost).filter(Refused.class::isInstance).isPresent());
        }
    }

    @Test
    void aGarbledRowDoesNotStopTheNode() throws Exception {
        a.await(a.node().context().pool().query("""
                INSERT INTO signature_hosts (host, ed25519, ed25519_label, ed25519_components, scheme_accepted, written_by)
                VALUES ('garbled.example', 'verifies', 'sig 1', '@method "', 'rfc9999', 'by hand'),
                       ('fine.example', 'verifies', 'sig1', '@method @target-uri', 'rfc9421', 'by hand')""").execute());

        a.restart();

        assertFalse(signers(a).ed25519For("garbled.example"));
        assertTrue(signers(a).ed25519For("fine.example"));
        assertEquals(200, a.get("/health/ready").statusCode());
    }

    private static void follow(String member, Peer peer) {
        String token = a.sessionToken(member, PASSWORD);
        HttpResponse<String> asked = a.send(a.request("/api/v1/follows").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(BodyPublishers.ofString(new JsonObject().put("handle", "@ines@" + peer.authority()).encode())));
        assertEquals(201, asked.statusCode(), asked.body());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
