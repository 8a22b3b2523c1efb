package coop.entraide.node.federation.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.Blocking;
import coop.entraide.node.federation.delivery.ActorSigners;
import coop.entraide.node.federation.delivery.DeliveryQueue;
import coop.entraide.node.federation.delivery.DeliverySettings;
import coop.entraide.node.federation.delivery.DeliveryWorker;
import coop.entraide.node.federation.fetch.AddressPolicy;
import coop.entraide.node.federation.fetch.HostResolver;
import coop.entraide.node.federation.fetch.LoopbackServer;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import coop.entraide.node.posts.PostService;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.keys.Multikey;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * End to end through the real queue and delivery worker to a recording inbox on loopback: a remote
 * server follows a collective, a member posts, and the server receives the Accept and the
 * collective's Announce of the Note, whose author's proof verifies.
 */
class PublishingDeliveryTest {

    @Test
    void aFollowerOfTheCollectiveReceivesTheAcceptThenTheAnnouncedNote() throws Exception {
        try (SocialWorld world = SocialWorld.start()) {
            List<String> received = new CopyOnWriteArrayList<>();
            LoopbackServer sink = LoopbackServer.start(world.vertx, "127.0.0.1", req -> req.body().onSuccess(body -> {
                received.add(body.toString(StandardCharsets.UTF_8));
                req.response().setStatusCode(202).end();
            }));
            SafeFetcher fetcher = new SafeFetcher(world.vertx, new SafeFetcher.Settings(
                    AddressPolicy.publicAnd(Set.of(InetAddress.getByName("127.0.0.1"))), HostResolver.system(world.vertx), 4, "EntraideTest"));
            try {
                Actor collective = world.collective(false);
                Member alice = world.member(collective, Role.MEMBER);
                Actor follower = world.remote(sink.uri("/users/zoe").toString());

                Outcome followed = world.deliver("mastodon/follow.json", Map.of("actor", follower.uri(), "local", collective.uri()), follower);
                assertInstanceOf(Outcome.Applied.class, followed);
                StoredObject post = world.await(new PostService(world.pool, world.social)
                        .create(alice, new PostService.NewPost("Jardin partagé ouvert dimanche", "public")));

                DeliverySettings settings = DeliverySettings.DEFAULT.withPollInterval(Duration.ofMillis(50));
                String worker = Blocking.await(world.vertx.deployVerticle(new DeliveryWorker(world.pool,
                        new DeliveryQueue(Clock.systemUTC(), settings), fetcher, ActorSigners.UNSIGNED, settings, Clock.systemUTC())),
                        10, "deploying the delivery worker");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (received.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Blocking.await(world.vertx.undeploy(worker), 20, "stopping the worker");

                assertEquals(2, received.size(), received.toString());
                // Two activities, two jobs: they may arrive in either order.
                JsonNode accept = byType(received, "Accept");
                JsonNode announce = byType(received, "Announce");
                assertEquals(collective.uri(), accept.get("actor").asText());
                assertEquals(collective.uri(), announce.get("actor").asText());
                JsonNode note = announce.get("object");
                assertEquals(post.uri(), note.get("id").asText());
                VerificationMethod aliceKey = new VerificationMethod(alice.actor().multikeyId(), alice.actor().uri(),
                        Multikey.decodePublicKey(alice.actor().publicKeyMultibase()));
                assertInstanceOf(ProofResult.Verified.class, ObjectIntegrityProofs.verify(note, aliceKey, Instant.now()));
                VerificationMethod collectiveKey = new VerificationMethod(collective.multikeyId(), collective.uri(),
                        Multikey.decodePublicKey(collective.publicKeyMultibase()));
                assertInstanceOf(ProofResult.Verified.class, ObjectIntegrityProofs.verify(announce, collectiveKey, Instant.now()));
                assertTrue(world.count("SELECT count(*) FROM delivery_jobs WHERE state = 'delivered'") >= 2);
            } finally {
                fetcher.close();
                sink.close();
            }
        }
    }

    private static JsonNode byType(List<String> bodies, String type) {
        return bodies.stream().map(b -> AsJson.read(b).orElseThrow()).filter(n -> n.path("type").asText().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + bodies));
    }
}
