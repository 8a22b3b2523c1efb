package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Context;
import coop.entraide.protocol.as.Ref;
import coop.entraide.protocol.as.Sec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds the activities local actors send (ActivityPub §6, shapes of PROTOCOL.md §5.1). Pure: ids
 * and times are given, nothing is signed or stored here; {@link ObjectSigner} and
 * {@link Publisher} do that.
 */
public final class Activities {

    private Activities() {
    }

    /** {@code Create} of an object the actor wrote, addressed as the object is. */
    public static ObjectNode create(String id, Actor actor, ObjectNode object, Addressing addressing, Instant published) {
        return Activity.of(id, As.CREATE, actor.uri(), Ref.embedded(object), addressing, seconds(published)).toJson();
    }

    /** {@code Update} of an object the actor owns, carrying its new state. */
    public static ObjectNode update(String id, Actor actor, ObjectNode object, Addressing addressing, Instant published) {
        return Activity.of(id, As.UPDATE, actor.uri(), Ref.embedded(object), addressing, seconds(published)).toJson();
    }

    /** {@code Delete} of an object, given as a Tombstone so that the receiver needs no fetch. */
    public static ObjectNode delete(String id, Actor actor, String objectId, Addressing addressing, Instant published) {
        ObjectNode tombstone = JsonNodeFactory.instance.objectNode();
        tombstone.put(As.ID, objectId);
        tombstone.put(As.TYPE, As.TOMBSTONE);
        return Activity.of(id, As.DELETE, actor.uri(), Ref.embedded(tombstone), addressing, seconds(published)).toJson();
    }

    /**
     * FEP-1b12: a Group shares an object with its followers by announcing <em>the object</em>, not
     * the Create (Mastodon ignores {@code Announce(Create)}). The object is embedded, proof included,
     * so that servers that verify FEP-8b32 need not fetch it.
     */
    public static ObjectNode announce(String id, Actor group, JsonNode object, Addressing addressing, Instant published) {
        return Activity.of(id, As.ANNOUNCE, group.uri(), Ref.embedded(object), addressing, seconds(published)).toJson();
    }

    /** {@code Follow} of the actor with this id. */
    public static ObjectNode follow(String id, Actor follower, String followedId) {
        return Activity.of(id, As.FOLLOW, follower.uri(), Ref.to(followedId), Addressing.of(List.of(followedId),
                List.of()), null).toJson();
    }

    /** {@code Accept} of a Follow, embedding it with its original id, as Mastodon needs. */
    public static ObjectNode accept(String id, Actor followed, JsonNode follow, String followerId) {
        return answer(As.ACCEPT, id, followed, follow, followerId);
    }

    /** {@code Reject} of a Follow. */
    public static ObjectNode reject(String id, Actor followed, JsonNode follow, String followerId) {
        return answer(As.REJECT, id, followed, follow, followerId);
    }

    /** {@code Undo} of one of the actor's own activities (Follow, Like, Announce, Block), embedded. */
    public static ObjectNode undo(String id, Actor actor, JsonNode activity, Addressing addressing) {
        return Activity.of(id, As.UNDO, actor.uri(), Ref.embedded(bare(activity)), addressing, null).toJson();
    }

    /** A minimal Follow as another server sent it, for answering when only its id and ends are known. */
    public static ObjectNode followOf(String followId, String followerId, String followedId) {
        ObjectNode follow = JsonNodeFactory.instance.objectNode();
        follow.put(As.ID, followId);
        follow.put(As.TYPE, As.FOLLOW);
        follow.put(As.ACTOR, followerId);
        follow.put(As.OBJECT_PROPERTY, followedId);
        return follow;
    }

    private static ObjectNode answer(String type, String id, Actor followed, JsonNode follow, String followerId) {
        return Activity.of(id, type, followed.uri(), Ref.embedded(bare(follow)),
                Addressing.of(List.of(followerId), List.of()), null).toJson();
    }

    /** An embedded copy needs neither its own context nor its proof. */
    private static JsonNode bare(JsonNode activity) {
        if (!activity.isObject()) {
            return activity;
        }
        ObjectNode copy = ((ObjectNode) activity).deepCopy();
        copy.remove(Context.KEYWORD);
        copy.remove(Sec.PROOF);
        copy.remove("signature");
        return copy;
    }

    /** Times in documents to the second, as most servers write them. */
    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
