package coop.entraide.protocol.as;

import static coop.entraide.protocol.as.Payloads.activity;
import static coop.entraide.protocol.as.Payloads.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTest {

    private static final String FOLLOW_ID = "https://ruche.example/4f1c2a9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8";

    @Test
    void parsesMastodonFollow() {
        Activity follow = activity("mastodon-follow.json");

        assertTrue(follow.is(As.FOLLOW));
        assertEquals(FOLLOW_ID, follow.id());
        assertEquals("https://ruche.example/users/camille", follow.actorId());
        assertEquals("https://velo.example/users/dominique", follow.object().orElseThrow().id());
        assertEquals(Addressing.NONE, follow.addressing());
    }

    @Test
    void parsesMastodonAcceptWithTheFollowEmbedded() {
        Activity accept = activity("mastodon-accept-follow.json");
        Ref object = accept.object().orElseThrow();

        assertTrue(object.isEmbedded());
        assertTrue(object.is(As.FOLLOW));
        assertEquals(FOLLOW_ID, object.id(), "the id is readable without parsing or fetching");
        Activity follow = object.asActivity().orElseThrow();
        assertEquals("https://ruche.example/users/camille", follow.actorId());
        assertEquals(accept.actorId(), follow.object().orElseThrow().id());
    }

    @Test
    void parsesMitraAcceptThatNamesTheFollowById() {
        Activity accept = activity("mitra-accept-follow.json");
        Ref object = accept.object().orElseThrow();

        assertFalse(object.isEmbedded());
        assertEquals(FOLLOW_ID, object.id());
        assertTrue(object.types().isEmpty());
        assertTrue(object.asActivity().failure().orElseThrow().contains("must be fetched"));
        assertEquals("eddsa-jcs-2022", accept.extra().get(Sec.PROOF).get(Sec.CRYPTOSUITE).textValue());
    }

    @Test
    void parsesMastodonUndoFollow() {
        Activity undo = activity("mastodon-undo-follow.json");

        assertTrue(undo.is(As.UNDO));
        assertTrue(undo.object().orElseThrow().is(As.FOLLOW));
        assertEquals(undo.actorId(), undo.object().orElseThrow().asActivity().orElseThrow().actorId());
    }

    @Test
    void parsesMastodonLike() {
        Activity like = activity("mastodon-like.json");

        assertEquals(As.LIKE, like.type());
        assertEquals("https://velo.example/users/dominique/statuses/01JABCDEF0123456789XYZWVUT",
                like.object().orElseThrow().id());
        assertEquals(null, like.content());
    }

    @Test
    void parsesMisskeyLikeCarryingAReaction() {
        Activity like = activity("misskey-like-reaction.json");

        assertEquals(":blobcat_bread:", like.content());
        assertEquals(":blobcat_bread:", like.extra().get(Misskey.REACTION).textValue());
        assertEquals("Emoji", like.extra().get("tag").get(0).get("type").textValue());
    }

    @Test
    void parsesMastodonFlagWithSeveralObjects() {
        Activity flag = activity("mastodon-flag.json");

        assertEquals(List.of("https://arnaque.example/users/vendeur", "https://arnaque.example/posts/1",
                "https://arnaque.example/posts/2"), flag.objects().stream().map(Ref::id).toList());
        assertEquals("Spam : annonces de faux miel", flag.content());
        assertEquals(List.of("https://arnaque.example/users/vendeur"), flag.addressing().to());
    }

    @Test
    void parsesMastodonBlock() {
        Activity block = activity("mastodon-block.json");

        assertTrue(block.is(As.BLOCK));
        assertEquals("https://arnaque.example/users/vendeur", block.object().orElseThrow().id());
    }

    @Test
    void parsesGoToSocialMove() {
        Activity move = activity("gotosocial-move.json");

        assertTrue(move.is(As.MOVE));
        assertEquals(move.actorId(), move.object().orElseThrow().id());
        assertEquals("https://atelier.example/users/dominique", move.target().id());
        assertEquals(List.of("https://velo.example/users/dominique/followers"), move.addressing().to());
    }

    @Test
    void parsesMastodonDeleteWithTombstone() {
        Activity delete = activity("mastodon-delete-tombstone.json");
        AsObject tombstone = delete.object().orElseThrow().asObject().orElseThrow();

        assertTrue(tombstone.is(As.TOMBSTONE));
        assertEquals("https://ruche.example/users/camille/statuses/112233", tombstone.id());
        assertTrue(delete.addressing().isPublic());
    }

    @Test
    void parsesAkkomaAnnounceOfAnId() {
        Activity announce = activity("akkoma-announce.json");

        assertTrue(announce.is(As.ANNOUNCE));
        assertEquals("https://ruche.example/users/camille/statuses/112233", announce.object().orElseThrow().id());
        assertFalse(announce.object().orElseThrow().isEmbedded());
        assertEquals(Instant.parse("2025-05-04T18:00:00Z"), announce.published());
        assertTrue(announce.extra().containsKey("context"));
    }

    @Test
    void parsesLemmyAnnounceOfCreatePage() {
        Activity announce = activity("lemmy-announce-create-page.json");
        Activity create = announce.object().orElseThrow().asActivity().orElseThrow();
        AsObject page = create.object().orElseThrow().asObject().orElseThrow();

        assertEquals("https://forum.example/c/jardins_partages", announce.actorId());
        assertEquals("https://forum.example/u/noor", create.actorId());
        assertEquals(List.of("https://forum.example/c/jardins_partages"), create.addressing().audience());
        assertEquals("Troc de graines de tomates anciennes", page.name());
    }

    @Test
    void acceptsAnEmbeddedActorWithAnId() {
        Activity like = Activity.parse(json("""
                {"id": "https://a.example/likes/1", "type": "Like", "object": "https://b.example/n/1",
                 "actor": {"id": "https://a.example/u/1", "type": "Person", "name": "A"}}
                """)).orElseThrow();

        assertEquals("https://a.example/u/1", like.actorId());
        assertTrue(like.actor().isEmbedded());
    }

    @Test
    void readsEveryContextShape() {
        for (String context : List.of(
                "\"https://www.w3.org/ns/activitystreams\"",
                "[\"https://www.w3.org/ns/activitystreams\", \"https://w3id.org/security/v1\"]",
                "[\"https://www.w3.org/ns/activitystreams\", {\"toot\": \"http://joinmastodon.org/ns#\"}, {\"@language\": \"und\"}]",
                "{\"@vocab\": \"https://www.w3.org/ns/activitystreams#\"}")) {
            Parsed<Activity> parsed = Activity.parse(json("""
                    {"@context": %s, "id": "https://a.example/f/1", "type": "Follow",
                     "actor": "https://a.example/u/1", "object": "https://b.example/u/2"}
                    """.formatted(context)));
            assertTrue(parsed.isOk(), context);
            assertEquals(json(context), parsed.orElseThrow().extra().get(Context.KEYWORD), "kept as sent");
        }
    }

    @Test
    void buildsAFollowThatReadsBack() {
        Activity follow = Activity.of("https://entraide.example/follows/1", As.FOLLOW,
                "https://entraide.example/users/ada", Ref.to("https://ruche.example/users/camille"),
                Addressing.of(List.of("https://ruche.example/users/camille"), List.of()),
                Instant.parse("2025-05-05T10:00:00Z"));
        Activity accept = Activity.of("https://ruche.example/accepts/1", As.ACCEPT,
                "https://ruche.example/users/camille", Ref.embedded(follow.toJson()), Addressing.NONE, null);

        Activity read = Activity.parse(Context.documentOf(accept.toJson())).orElseThrow();

        assertEquals(follow.toJson(), read.object().orElseThrow().node());
        assertEquals(follow, read.object().orElseThrow().asActivity().orElseThrow());
    }
}
