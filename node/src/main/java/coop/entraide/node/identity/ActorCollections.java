package coop.entraide.node.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An actor's outbox, followers and following as {@code OrderedCollection}s (ActivityStreams
 * §5.3, paged as Mastodon does: the collection points to its {@code first} page). They are empty
 * until federation records follows and activities; it then supplies the counts and pages.
 */
public final class ActorCollections {
    public static final String PAGE_PARAMETER = "page";

    private ActorCollections() {
    }

    public static JsonObject collection(String id, long totalItems) {
        return new JsonObject()
                .put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", id)
                .put("type", "OrderedCollection")
                .put("totalItems", totalItems)
                .put("first", firstPage(id));
    }

    public static JsonObject emptyPage(String collectionId) {
        return new JsonObject()
                .put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", firstPage(collectionId))
                .put("type", "OrderedCollectionPage")
                .put("partOf", collectionId)
                .put("orderedItems", new JsonArray());
    }

    static String firstPage(String collectionId) {
        return collectionId + "?" + PAGE_PARAMETER + "=1";
    }
}
