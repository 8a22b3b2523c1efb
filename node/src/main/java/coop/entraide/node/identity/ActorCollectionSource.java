package coop.entraide.node.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Supplies the documents of a local actor's outbox, followers and following collections, and of
 * their pages. Federation provides the real one; {@link #EMPTY} serves empty collections.
 */
@FunctionalInterface
public interface ActorCollectionSource {
    /** Empty collections: for nodes and tests that do not federate. */
    ActorCollectionSource EMPTY = (actor, name, id, query) -> Future.succeededFuture(
            query.containsKey(ActorCollections.PAGE_PARAMETER) ? ActorCollections.emptyPage(id) : ActorCollections.collection(id, 0));

    /**
     * The collection {@code name} ({@code outbox}, {@code followers} or {@code following}) of
     * {@code actor}, whose id is {@code id}; a page of it when {@code query} asks for one.
     */
    Future<JsonObject> document(Actor actor, String name, String id, Map<String, String> query);
}
