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
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static SocialWorld.Sent follow(Actor follower, Actor followed, String n) {
        return new SocialWorld.Sent(SocialWorld.resource("mastodon/follow.json", vars(follower, followed))
                .replace("#follows/7f3c1b2a", "#follows/" + n), follower);
    }

    private static long acceptsTo(Actor follower) {
        return world.count("""
                SELECT count(*) FROM outgoing_activities a JOIN delivery_jobs j ON j.activity = a.id
                WHERE convert_from(a.body, 'UTF8')::jsonb ->> 'type' = 'Accept'
                  AND convert_from(a.body, 'UTF8')::jsonb #>> '{object,actor}' = $1""", follower.uri());
    }

    private static void block(Actor blocker, Actor blocked) {
        world.await(world.pool.preparedQuery("INSERT INTO actor_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
                .execute(Tuple.of(blocker.id(), blocked.id())));
    }

    @Test
    void aBatchOfNewFollowsIsRecordedAndAnsweredTogether() {
        List<Actor> followers = List.of(world.remoteOn("masto.example"), world.remoteOn("masto.example"),
                world.remoteOn("mitra.example"));
        List<SocialWorld.Sent> batch = new ArrayList<>();
        followers.forEach(f -> batch.add(follow(f, open, "b1")));
        List<Outcome> outcomes = world.deliverBatch(batch);

        outcomes.forEach(o -> assertInstanceOf(Outcome.Applied.class, o));
        for (Actor f : followers) {
            assertEquals("accepted", follow(f, open).getString("state"));
            assertEquals(f.uri() + "#follows/b1", follow(f, open).getString("activity_uri"));
            assertEquals(1, acceptsTo(f), "one Accept for each follower");
        }
        Row accept = world.one("""
                SELECT convert_from(a.body, 'UTF8') AS body, j.inbox FROM outgoing_activities a JOIN delivery_jobs j ON j.activity = a.id
                WHERE convert_from(a.body, 'UTF8')::jsonb #>> '{object,actor}' = $1""", followers.get(2).uri());
        JsonObject body = new JsonObject(accept.getString("body"));
        assertEquals(open.uri(), body.getString("actor"));
        assertEquals(followers.get(2).uri() + "#follows/b1", body.getJsonObject("object").getString("id"));
        assertTrue(body.containsKey("proof"), "signed with the collective's key");
        assertEquals("https://mitra.example/inbox", accept.getString("inbox"));

        // The same Follows again, in a batch: known, so nothing new is recorded or sent.
        world.deliverBatch(batch).forEach(o -> assertInstanceOf(Outcome.Ignored.class, o));
        for (Actor f : followers) {
            assertEquals(1, acceptsTo(f));
        }
    }

    @Test
    void aBatchMixesNewFollowsWithBlockedKnownAndHandApprovedOnes() {
        Actor fresh = world.remoteOn("masto.example");
        Actor blocked = world.remoteOn("masto.example");
        Actor again = world.remoteOn("masto.example");
        Actor asking = world.remoteOn("masto.example");
        block(open, blocked);
        world.deliver(follow(again, open, "first").json(), again);

        List<Outcome> outcomes = world.deliverBatch(List.of(follow(fresh, open, "m"), follow(blocked, open, "m"),
                follow(again, open, "second"), follow(asking, approving, "m")));

        assertInstanceOf(Outcome.Applied.class, outcomes.get(0));
        assertEquals("accepted", follow(fresh, open).getString("state"));
        assertInstanceOf(Outcome.Ignored.class, outcomes.get(1));
        assertNull(follow(blocked, open), "a block stands between them");
        assertEquals(0, acceptsTo(blocked));
        assertInstanceOf(Outcome.Applied.class, outcomes.get(2), "a known follow asked again is answered again");
        assertEquals(again.uri() + "#follows/second", follow(again, open).getString("activity_uri"));
        assertEquals(2, acceptsTo(again));
        assertInstanceOf(Outcome.Applied.class, outcomes.get(3));
        assertEquals("pending", follow(asking, approving).getString("state"));
        assertEquals(0, acceptsTo(asking), "waits for a moderator");
    }

    @Test
    void aFollowUndoneInTheSameBatchLeavesNoFollow() {
        Actor bob = world.remoteOn("masto.example");
        Actor other = world.remoteOn("masto.example");
        List<Outcome> outcomes = world.deliverBatch(List.of(
                new SocialWorld.Sent(SocialWorld.resource("mastodon/follow.json", vars(bob, open)), bob),
                follow(other, open, "u"),
                new SocialWorld.Sent(SocialWorld.resource("mastodon/undo-follow.json", vars(bob, open)), bob)));

        assertInstanceOf(Outcome.Applied.class, outcomes.get(0));
        assertInstanceOf(Outcome.Applied.class, outcomes.get(2));
        assertNull(follow(bob, open), "the Undo came after the Follow");
        assertEquals("accepted", follow(other, open).getString("state"));
    }

    @Test
    void aFollowIdUsedByTwoSendersOfOneBatchIsRecordedOnceAndAnsweredOnce() {
        Actor honest = world.remoteOn("masto.example");
        Actor copycat = world.remoteOn("masto.example");
        String id = honest.uri() + "#follows/shared";
        String honestFollow = SocialWorld.resource("mastodon/follow.json", vars(honest, open)).replace(honest.uri() + "#follows/7f3c1b2a", id);
        String copiedFollow = SocialWorld.resource("mastodon/follow.json", vars(copycat, open)).replace(copycat.uri() + "#follows/7f3c1b2a", id);

        world.deliverBatch(List.of(new SocialWorld.Sent(honestFollow, honest), new SocialWorld.Sent(copiedFollow, copycat)));

        assertEquals("accepted", follow(honest, open).getString("state"));
        assertEquals(1, acceptsTo(honest));
        assertNull(follow(copycat, open), "the id is the honest follower's");
        assertEquals(0, acceptsTo(copycat));
    }

    @Test
    void followsAreNotRecordedAcrossABlockOrADeletionMadeAfterTheyWereLookedUp() {
        Actor blockedMeanwhile = world.remoteOn("masto.example");
        Actor fine = world.remoteOn("masto.example");
        Actor local = world.collective(false);
        Actor deletedMeanwhile = world.collective(false);
        block(blockedMeanwhile, local);
        world.await(world.pool.preparedQuery("UPDATE actors SET deleted_at = now() WHERE id = $1")
                .execute(Tuple.of(deletedMeanwhile.id())));
        FollowRepository follows = new FollowRepository();

        Set<FollowRepository.NewFollow> recorded = world.await(world.pool.withTransaction(tx -> follows.insertAccepted(tx, List.of(
                new FollowRepository.NewFollow(blockedMeanwhile.id(), local.id(), "https://masto.example/f/1"),
                new FollowRepository.NewFollow(fine.id(), local.id(), "https://masto.example/f/2"),
                new FollowRepository.NewFollow(fine.id(), deletedMeanwhile.id(), "https://masto.example/f/3")),
                OffsetDateTime.now())));

        assertEquals(Set.of(new FollowRepository.NewFollow(fine.id(), local.id(), "https://masto.example/f/2")), recorded);
        assertNull(follow(blockedMeanwhile, local));
        assertEquals("accepted", follow(fine, local).getString("state"));
        assertNull(follow(fine, deletedMeanwhile));
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
        world.await(world.pool.preparedQuery("UPDATE follows SET state = 'accepted' WHERE id = $1").execute(Tuple.of(f.id())));

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
