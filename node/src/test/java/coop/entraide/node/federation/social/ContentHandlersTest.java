package coop.entraide.node.federation.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import coop.entraide.node.posts.PostService;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.KeyMaterial;
import coop.entraide.protocol.keys.Pem;
import io.vertx.sqlclient.Row;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, Update, Delete, Like, Announce and Flag, on a real database, each applied once only. */
class ContentHandlersTest {
    private static SocialWorld world;
    private static Actor collective;
    private static Member alice;
    private static StoredObject alicesPost;

    @BeforeAll
    static void start() {
        world = SocialWorld.start();
        collective = world.collective(false);
        alice = world.member(collective, Role.MEMBER);
        alicesPost = world.await(new PostService(world.pool, world.social)
                .create(alice, new PostService.NewPost("Troc de graines samedi", "public")));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Map<String, String> note(Actor author, Actor addressed, String inReplyTo) {
        Map<String, String> v = new HashMap<>();
        v.put("actor", author.uri());
        v.put("local", addressed.uri());
        v.put("n", SocialWorld.unique(""));
        v.put("inReplyTo", inReplyTo == null ? "null" : "\"" + inReplyTo + "\"");
        return v;
    }

    private static Row stored(String uri) {
        return world.one("SELECT content_html, deleted_at, actor_id, visibility, document FROM objects WHERE uri = $1", uri);
    }

    private static void acceptedFollow(Actor follower, Actor followed) {
        world.await(world.pool.preparedQuery("""
                        INSERT INTO follows (follower_id, followed_id, state, activity_uri, accepted_at)
                        VALUES ($1, $2, 'accepted', $3, now())""")
                .execute(io.vertx.sqlclient.Tuple.of(follower.id(), followed.id(), follower.uri() + "#f" + SocialWorld.unique(""))));
    }

    @Test
    void aNoteAddressedToUsIsStoredSanitisedAndOnlyOnce() {
        Actor bob = world.remoteOn("masto.example");
        Map<String, String> v = note(bob, alice.actor(), null);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/create-note.json", v, bob));
        Row row = stored(bob.uri() + "/statuses/" + v.get("n"));
        String html = row.getString("content_html");
        assertTrue(html.contains("Bonjour !"), html);
        assertFalse(html.contains("script"), html);
        assertFalse(html.contains("javascript"), html);
        assertEquals("public", row.getString("visibility"));
        assertTrue(row.getJsonObject("document").getString("content").contains("<script>"), "the document is kept as received");

        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/create-note.json", v, bob));
        assertEquals(1, world.count("SELECT count(*) FROM objects WHERE actor_id = $1", bob.id()));
    }

    @Test
    void aNoteFromAStrangerToSomeoneElseIsNotKept() {
        Actor stranger = world.remoteOn("masto.example");
        Actor other = world.remoteOn("elsewhere.example");
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/create-note.json", note(stranger, other, null), stranger));
        assertEquals(0, world.count("SELECT count(*) FROM objects WHERE actor_id = $1", stranger.id()));
    }

    @Test
    void notesFromFollowedActorsAndRepliesToOursAreKept() {
        Actor followed = world.remoteOn("masto.example");
        Actor other = world.remoteOn("elsewhere.example");
        acceptedFollow(alice.actor(), followed);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/create-note.json", note(followed, other, null), followed));

        Actor replier = world.remoteOn("masto.example");
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/create-note.json", note(replier, other, alicesPost.uri()), replier));
        assertEquals(1, world.count("SELECT count(*) FROM objects WHERE in_reply_to_uri = $1 AND actor_id = $2",
                alicesPost.uri(), replier.id()));
    }

    @Test
    void aNoteAttributedToSomeoneElseIsRefused() {
        Actor bob = world.remoteOn("masto.example");
        Actor mallory = world.remoteOn("masto.example");
        String json = SocialWorld.resource("mastodon/create-note.json", note(bob, alice.actor(), null))
                .replace("\"actor\": \"" + bob.uri() + "\"", "\"actor\": \"" + mallory.uri() + "\"");
        assertInstanceOf(Outcome.Refused.class, world.deliver(json, mallory));
        assertEquals(0, world.count("SELECT count(*) FROM objects WHERE actor_id IN ($1, $2)", bob.id(), mallory.id()));
    }

    private static Map<String, String> created(Actor bob) {
        Map<String, String> v = note(bob, alice.actor(), null);
        world.deliver("mastodon/create-note.json", v, bob);
        return v;
    }

    @Test
    void onlyTheAuthorUpdatesAndOnlyForwardInTime() {
        Actor bob = world.remoteOn("masto.example");
        Actor mallory = world.remoteOn("masto.example");
        Map<String, String> v = created(bob);
        String uri = bob.uri() + "/statuses/" + v.get("n");

        Map<String, String> forged = new HashMap<>(v);
        forged.putAll(Map.of("actor", mallory.uri(), "owner", mallory.uri(), "u", "1", "updated", "2026-03-01T11:00:00Z"));
        forged.put("actor", bob.uri());
        forged.put("owner", mallory.uri());
        assertInstanceOf(Outcome.Refused.class, world.deliver("mastodon/update-note.json", forged, mallory));
        assertTrue(stored(uri).getString("content_html").contains("Bonjour"));

        Map<String, String> update = new HashMap<>(v);
        update.putAll(Map.of("owner", bob.uri(), "u", "2", "updated", "2026-03-01T11:00:00Z"));
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/update-note.json", update, bob));
        String html = stored(uri).getString("content_html");
        assertTrue(html.contains("corrigé <b>en gras</b>"), html);
        assertFalse(html.contains("onerror"), html);
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/update-note.json", update, bob), "the same Update again");

        Map<String, String> older = new HashMap<>(update);
        older.putAll(Map.of("u", "3", "updated", "2026-03-01T10:00:00Z"));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/update-note.json", older, bob));
    }

    @Test
    void onlyTheAuthorDeletesAndTheObjectBecomesATombstone() {
        Actor bob = world.remoteOn("masto.example");
        Actor mallory = world.remoteOn("masto.example");
        Map<String, String> v = created(bob);
        String uri = bob.uri() + "/statuses/" + v.get("n");
        Map<String, String> delete = Map.of("actor", mallory.uri(), "n", v.get("n"), "object", uri);
        assertInstanceOf(Outcome.Refused.class, world.deliver("mastodon/delete-note.json", delete, mallory));
        assertNull(stored(uri).getValue("deleted_at"));

        Map<String, String> own = Map.of("actor", bob.uri(), "n", v.get("n"), "object", uri);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/delete-note.json", own, bob));
        Row row = stored(uri);
        assertNotNull(row.getValue("deleted_at"));
        assertEquals("", row.getString("content_html"));
        assertEquals("Tombstone", row.getJsonObject("document").getString("type"));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/delete-note.json", own, bob));
        // A Delete of our own object by a remote actor changes nothing.
        assertInstanceOf(Outcome.Refused.class, world.deliver("mastodon/delete-note.json",
                Map.of("actor", bob.uri(), "n", "x", "object", alicesPost.uri()), bob));
    }

    @Test
    void aLikeOfOurPostCountsOnceAndCanBeUndone() {
        Actor bob = world.remoteOn("masto.example");
        Map<String, String> v = Map.of("actor", bob.uri(), "n", SocialWorld.unique(""), "object", alicesPost.uri());
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/like.json", v, bob));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/like.json", v, bob));
        assertEquals(1, world.count("SELECT count(*) FROM reactions WHERE actor_id = $1 AND kind = 'like'", bob.id()));
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/undo-like.json", v, bob));
        assertEquals(0, world.count("SELECT count(*) FROM reactions WHERE actor_id = $1", bob.id()));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/like.json",
                Map.of("actor", bob.uri(), "n", "2", "object", "https://elsewhere.example/notes/1"), bob));
    }

    @Test
    void anAnnouncedObjectFromAFollowedActorIsFetchedFromItsOriginAndKept() {
        Actor booster = world.remoteOn("masto.example");
        Actor author = world.remoteOn("other.example");
        acceptedFollow(alice.actor(), booster);
        String objectId = author.uri() + "/statuses/" + SocialWorld.unique("");
        world.served.put(objectId, """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Note","attributedTo":"%s",
                 "to":["https://www.w3.org/ns/activitystreams#Public"],"content":"<p>Partagé</p>","published":"2026-03-01T08:00:00Z"}"""
                .formatted(objectId, author.uri()));
        Map<String, String> v = Map.of("actor", booster.uri(), "n", SocialWorld.unique(""), "object", objectId);
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/announce.json", v, booster));
        assertEquals(author.id(), stored(objectId).getLong("actor_id"));
        assertEquals(1, world.count("SELECT count(*) FROM reactions WHERE actor_id = $1 AND kind = 'announce'", booster.id()));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/announce.json", v, booster));
    }

    @Test
    void anAnnouncedObjectServedAsSomeoneElsesIsNotKept() {
        Actor booster = world.remoteOn("masto.example");
        Actor liar = world.remoteOn("evil.example");
        acceptedFollow(alice.actor(), booster);
        String objectId = "https://other.example/notes/" + SocialWorld.unique("");
        world.served.put(objectId, """
                {"id":"%s","type":"Note","attributedTo":"%s","content":"<p>faux</p>"}""".formatted(objectId, liar.uri()));
        Map<String, String> v = Map.of("actor", booster.uri(), "n", SocialWorld.unique(""), "object", objectId);
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/announce.json", v, booster));
        assertNull(stored(objectId));
    }

    @Test
    void anAnnounceFromSomeoneNobodyFollowsIsIgnoredWithoutFetching() {
        Actor booster = world.remoteOn("masto.example");
        String objectId = "https://other.example/notes/" + SocialWorld.unique("zz");
        Map<String, String> v = Map.of("actor", booster.uri(), "n", "1", "object", objectId);
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/announce.json", v, booster));
        assertFalse(fetched(objectId));
    }

    @Test
    void anAnnouncedObjectOnARefusedDomainIsNeitherFetchedNorKept() {
        Actor booster = world.remoteOn("masto.example");
        acceptedFollow(alice.actor(), booster);
        world.refusedHosts.add("refused.example");
        String objectId = "https://refused.example/notes/" + SocialWorld.unique("");
        world.served.put(objectId, """
                {"id":"%s","type":"Note","attributedTo":"https://refused.example/users/x","content":"<p>non</p>"}"""
                .formatted(objectId));
        Map<String, String> v = Map.of("actor", booster.uri(), "n", SocialWorld.unique(""), "object", objectId);
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/announce.json", v, booster));
        assertFalse(fetched(objectId));
        assertNull(stored(objectId));
    }

    @Test
    void anAnnouncedObjectWhoseServerIsBusyFailsThePreparationToBeTriedAgain() {
        Actor booster = world.remoteOn("masto.example");
        acceptedFollow(alice.actor(), booster);
        String objectId = "https://busy.example/notes/" + SocialWorld.unique("");
        world.served.put(objectId, "BUSY");
        Map<String, String> v = Map.of("actor", booster.uri(), "n", SocialWorld.unique(""), "object", objectId);
        assertThrows(RuntimeException.class, () -> world.deliver("mastodon/announce.json", v, booster));
        assertNull(stored(objectId));
        assertEquals(0, world.count("SELECT count(*) FROM reactions WHERE actor_id = $1", booster.id()));
    }

    private static boolean fetched(String url) {
        synchronized (world.fetched) {
            return world.fetched.contains(url);
        }
    }

    @Test
    void aBoostOfOurPostIsCounted() {
        Actor booster = world.remoteOn("masto.example");
        Map<String, String> v = Map.of("actor", booster.uri(), "n", SocialWorld.unique(""), "object", alicesPost.uri());
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/announce.json", v, booster));
        assertEquals(1, world.count("SELECT count(*) FROM reactions WHERE object_id = $1 AND kind = 'announce'", alicesPost.id()));
    }

    private static ObjectNode page(Actor author, String id) {
        return world.json("""
                {"type":"Page","id":"%s","attributedTo":"%s","to":["https://www.w3.org/ns/activitystreams#Public"],
                 "name":"Atelier vélo","content":"<p>Réparations gratuites</p>","mediaType":"text/html",
                 "published":"2026-03-01T12:11:22.871846Z"}""".formatted(id, author.uri()));
    }

    @Test
    void aFollowedGroupsAnnounceOfACreateWithAProvenObjectIsKeptWithoutFetching() throws Exception {
        KeyMaterial keys = KeyMaterial.generate(KeyAlgorithm.ED25519);
        String authorUri = "https://lemmy.example/u/" + SocialWorld.unique("lemmy");
        Actor author = world.remote(authorUri, authorUri + "#ed25519-key", keys.publicKeyMultibase(), null);
        Actor group = world.remote("https://lemmy.example/c/" + SocialWorld.unique("quartier"));
        acceptedFollow(collective, group);
        String pageId = "https://lemmy.example/post/" + SocialWorld.unique("");
        ObjectNode signed = new ObjectSigner(author.multikeyId(), (EdECPrivateKey) Pem.readPrivateKey(keys.privateKeyPem()))
                .sign(page(author, pageId), Instant.now());
        Map<String, String> v = Map.of("actor", group.uri(), "author", author.uri(), "n", SocialWorld.unique(""),
                "object", AsJson.toString(signed));
        assertInstanceOf(Outcome.Applied.class, world.deliver("lemmy/announce-create-page.json", v, group));
        assertTrue(stored(pageId).getString("content_html").contains("Réparations"));
        assertFalse(world.fetched.contains(pageId), "a valid proof spares the fetch");

        // The same announce with the object changed after signing: the proof fails, the fetch finds nothing.
        String otherId = "https://lemmy.example/post/" + SocialWorld.unique("");
        ObjectNode tampered = new ObjectSigner(author.multikeyId(), (EdECPrivateKey) Pem.readPrivateKey(keys.privateKeyPem()))
                .sign(page(author, otherId), Instant.now());
        tampered.put("content", "<p>Changé en route</p>");
        Map<String, String> t = Map.of("actor", group.uri(), "author", author.uri(), "n", SocialWorld.unique(""),
                "object", AsJson.toString(tampered));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("lemmy/announce-create-page.json", t, group));
        assertTrue(world.fetched.contains(otherId));
        assertNull(stored(otherId));
    }

    @Test
    void aFlagOfOurMemberReachesTheModeratorsOnce() {
        Member moderator = world.member(collective, Role.MODERATOR);
        Actor reporter = world.remote("https://masto.example/actor" + SocialWorld.unique(""));
        Map<String, String> v = Map.of("actor", reporter.uri(), "n", SocialWorld.unique("flag"), "local", alice.actor().uri(),
                "object", alicesPost.uri());
        assertInstanceOf(Outcome.Applied.class, world.deliver("mastodon/flag.json", v, reporter));
        Row report = world.one("SELECT target_actor_id, object_uris, comment FROM reports WHERE reporter_id = $1", reporter.id());
        assertEquals(alice.id(), report.getLong("target_actor_id"));
        assertEquals(alicesPost.uri(), report.getArrayOfStrings("object_uris")[0]);
        assertTrue(report.getString("comment").startsWith("Annonce frauduleuse"));
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/flag.json", v, reporter));
        assertEquals(1, world.count("SELECT count(*) FROM notifications WHERE recipient_id = $1 AND kind = 'report_opened'",
                moderator.id()), "the moderators are told once");

        Map<String, String> elsewhere = Map.of("actor", reporter.uri(), "n", SocialWorld.unique("flag"),
                "local", "https://elsewhere.example/u/x", "object", "https://elsewhere.example/p/1");
        assertInstanceOf(Outcome.Ignored.class, world.deliver("mastodon/flag.json", elsewhere, reporter));
    }
}
