package coop.entraide.node.federation.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Follow, Accept, Reject, Undo(Follow), Block and Move as Mastodon and Mitra send them, on a real database. */
class FollowHandlersTest {
    private static SocialWorld world;
    private static Actor open;
    private static Actor approving;
    private static Member alice;

    @BeforeAll
    static void start() {
        world = SocialWorld.start();
        open = world.collective(false);
        approving = world.collective(true);
        alice = world.member(open, Role.MEMBER);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Map<String, String> vars(Actor actor, Actor local) {
        return Map.of("actor", actor.uri(), "local", local.uri());
    }

    private static Row follow(Actor follower, Actor followed) {
        return world.one("SELECT state, activity_uri FROM follows WHERE follower_id = $1 AND followed_id = $2",
                follower.id(), followed.id());
    }

    private static long queued(String type, Actor sender) {
        return world.count("""
                SELECT count(*) FROM outgoing_activities a JOIN delivery_jobs j ON j.activity = a.id
                WHERE a.actor_id = $1 AND convert_from(a.body, 'UTF8')::jsonb ->> 'type' = $2""", sender.uri(), type);
    }

    @Test
    void anOpenCollectiveAcceptsAFollowOnceAndSaysSoToTheFollower() {
        Actor bob = world.remoteOn("masto.example");
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/follow.json", vars(bob, open), bob));
        assertEquals("accepted", follow(bob, open).getString("state"));
        Row accept = world.one("""
                SELECT convert_from(a.body, 'UTF8') AS body, j.inbox FROM outgoing_activities a JOIN delivery_jobs j ON j.activity = a.id
                WHERE a.actor_id = $1 AND convert_from(a.body, 'UTF8')::jsonb #>> '{object,actor}' = $2""", open.uri(), bob.uri());
        JsonObject body = new JsonObject(accept.getString("body"));
        assertEquals("Accept", body.getString("type"));
        assertEquals(bob.uri() + "#follows/7f3c1b2a", body.getJsonObject("object").getString("id"));
        assertTrue(body.containsKey("proof"), "signed with the collective's key");
        assertEquals("https://masto.example/inbox", accept.getString("inbox"), "the shared inbox");
        assertEquals(0, world.count("SELECT count(*) FROM outbox WHERE activity_uri = $1", body.getString("id")),
                "an answer to one actor is queued, not kept in the outbox");

        long accepts = queued("Accept", open);
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/follow.json", vars(bob, open), bob));
        assertEquals(accepts, queued("Accept", open), "the same Follow twice is answered once");
        assertEquals(1, world.count("SELECT count(*) FROM follows WHERE follower_id = $1", bob.id()));
    }

    @Test
    void aCollectiveThatApprovesFollowersKeepsTheFollowPendingAndTellsItsModerators() {
        Member moderator = world.member(approving, Role.MODERATOR);
        Member member = world.member(approving, Role.MEMBER);
        Actor bob = world.remoteOn("masto.example");
        long before = queued("Accept", approving);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/follow.json", vars(bob, approving), bob));
        assertEquals("pending", follow(bob, approving).getString("state"));
        assertEquals(before, queued("Accept", approving));
        String told = "SELECT count(*) FROM notifications WHERE recipient_id = $1 AND kind = 'follow_requested'";
        assertEquals(1, world.count(told, moderator.id()));
        assertEquals(0, world.count(told, member.id()), "members do not answer the collective's follow requests");
        assertEquals(bob.uri(), world.one("SELECT data->>'follower_uri' AS uri FROM notifications WHERE recipient_id = $1",
                moderator.id()).getString("uri"));
    }

    @Test
    void aFollowOfSomeoneNotOursIsIgnored() {
        Actor bob = world.remoteOn("masto.example");
        Actor other = world.remoteOn("elsewhere.example");
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/follow.json", vars(bob, other), bob));
        assertEquals(0, world.count("SELECT count(*) FROM follows WHERE follower_id = $1", bob.id()));
    }

    @Test
    void undoEndsTheFollowOnlyForTheFollower() {
        Actor bob = world.remoteOn("masto.example");
        Actor mallory = world.remoteOn("evil.example");
        world.deliver("mastodon/follow.json", vars(bob, open), bob);
        // Mallory sends bob's Undo as her own activity: the embedded Follow is not hers.
        assertInstanceOf(Outcome.Refused.class, world.deliver("mastodon/undo-follow.json", vars(bob, open), mallory));
        assertEquals("accepted", follow(bob, open).getString("state"));

        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/undo-follow.json", vars(bob, open), bob));
        assertNull(follow(bob, open));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/undo-follow.json", vars(bob, open), bob));
    }

    private Follow ourFollowOf(Actor followed) {
        return world.await(world.pool.withTransaction(tx -> new Following(world.social).follow(tx, alice.actor(), followed)));
    }

    @Test
    void ourFollowIsSentThenAcceptedByTheFollowedActorOnly() {
        Actor carol = world.remoteOn("masto.example");
        Actor mallory = world.remoteOn("evil.example");
        Follow sent = ourFollowOf(carol);
        assertEquals(Follow.State.PENDING, sent.state());
        assertTrue(queued("Follow", alice.actor()) > 0, "the Follow is queued for delivery");
        Map<String, String> v = Map.of("actor", carol.uri(), "local", alice.actor().uri(), "follow", sent.activityUri());

        Map<String, String> forged = Map.of("actor", mallory.uri(), "local", alice.actor().uri(), "follow", sent.activityUri());
        assertInstanceOf(Outcome.Refused.class, world.deliver("mastodon/accept-follow.json", forged, mallory));
        assertEquals("pending", follow(alice.actor(), carol).getString("state"));

        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/accept-follow.json", v, carol));
        assertEquals("accepted", follow(alice.actor(), carol).getString("state"));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/accept-follow.json", v, carol));
    }

    @Test
    void mitraAcceptsWithTheFollowIdOnly() {
        Actor dan = world.remoteOn("mitra.example");
        Follow sent = ourFollowOf(dan);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mitra/accept-follow-by-id.json",
                Map.of("actor", dan.uri(), "local", alice.actor().uri(), "follow", sent.activityUri()), dan));
        assertEquals("accepted", follow(alice.actor(), dan).getString("state"));
    }

    @Test
    void aRejectDeletesOurFollow() {
        Actor erin = world.remoteOn("masto.example");
        Follow sent = ourFollowOf(erin);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/reject-follow.json",
                Map.of("actor", erin.uri(), "local", alice.actor().uri(), "follow", sent.activityUri()), erin));
        assertNull(follow(alice.actor(), erin));
    }

    @Test
    void anAcceptOfSomethingElseIsLeftToOthers() {
        Actor erin = world.remoteOn("masto.example");
        String acceptOffer = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s#accept/1","type":"Accept","actor":"%s",
                 "object":{"id":"https://voisins.example/o/x","type":"Offer","actor":"%s"}}"""
                .formatted(erin.uri(), erin.uri(), alice.actor().uri());
        assertInstanceOf(Outcome.Ignored.class, world.deliver(acceptOffer, erin));
    }

    @Test
    void aBlockEndsFollowsBothWaysOnce() {
        Actor frank = world.remoteOn("masto.example");
        Member bea = world.member(open, Role.MEMBER);
        world.deliver("mastodon/follow.json", vars(frank, bea.actor()), frank);
        world.await(world.pool.withTransaction(tx -> new Following(world.social).follow(tx, bea.actor(), frank)));
        assertEquals(2, world.count("SELECT count(*) FROM follows WHERE follower_id = $1 OR followed_id = $1", frank.id()));

        Map<String, String> v = Map.of("actor", frank.uri(), "local", bea.actor().uri(), "n", "1");
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/block.json", v, frank));
        assertEquals(0, world.count("SELECT count(*) FROM follows WHERE follower_id = $1 OR followed_id = $1", frank.id()));
        assertEquals(1, world.count("SELECT count(*) FROM actor_blocks WHERE blocker_id = $1 AND blocked_id = $2", frank.id(), bea.id()));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/block.json", v, frank));
        // While blocked, a new Follow from the blocker is not accepted.
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/follow.json", vars(frank, bea.actor()), frank));
    }

    @Test
    void followersMoveToTheNewAccountWhenItListsTheOldOne() {
        Actor old = world.remoteOn("masto.example");
        Actor elsewhere = world.remote("https://new.example/users/" + SocialWorld.unique("n"), null, null,
                "{\"alsoKnownAs\": [\"" + old.uri() + "\"]}");
        Member bea = world.member(open, Role.MEMBER);
        Follow f = world.await(world.pool.withTransaction(tx -> new Following(world.social).follow(tx, bea.actor(), old)));
        world.await(world.pool.preparedQuery("UPDATE follows SET state = 'accepted' WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(f.id())));

        Map<String, String> v = Map.of("actor", old.uri(), "target", elsewhere.uri());
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/move.json", v, old));
        assertNull(follow(bea.actor(), old));
        assertEquals("pending", follow(bea.actor(), elsewhere).getString("state"));
        assertEquals(elsewhere.uri(), world.one("SELECT moved_to_uri FROM actors WHERE id = $1", old.id()).getString("moved_to_uri"));
        assertTrue(queued("Follow", bea.actor()) >= 2, "a Follow to the new account, after the first one");
        assertTrue(queued("Undo", bea.actor()) >= 1, "an Undo to the old one");
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/move.json", v, old));
    }

    @Test
    void aMoveToAnAccountThatDoesNotListTheOldOneIsRefused() {
        Actor old = world.remoteOn("masto.example");
        Actor impostor = world.remoteOn("new.example");
        Member bea = world.member(open, Role.MEMBER);
        world.await(world.pool.withTransaction(tx -> new Following(world.social).follow(tx, bea.actor(), old)));
        assertInstanceOf(Outcome.Refused.class, world.deliver("mastodon/move.json", Map.of("actor", old.uri(), "target", impostor.uri()), old));
        assertNull(follow(bea.actor(), impostor));
    }
}
