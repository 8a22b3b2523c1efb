package coop.entraide.node.federation.collections;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorCollectionSource;
import coop.entraide.node.identity.ActorType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A local actor's outbox, followers and following as paged {@code OrderedCollection}s
 * (ActivityStreams §5.3, ActivityPub §5, shaped as Mastodon serves them, PROTOCOL.md §5.8): the
 * collection gives {@code totalItems} and {@code first}; pages are newest first, with {@code next}
 * ({@code ?page=1&before=}) and {@code prev} ({@code ?page=1&after=}).
 *
 * <p>The outbox lists public {@code Create} and {@code Announce} activities only. A collective's
 * followers and following are listed, as a neighbourhood's connections are public; a member's are
 * only counted (Mastodon's "hide the social graph"), which is what other servers need.
 */
public final class CollectionPages implements ActorCollectionSource {
    static final int OUTBOX_PAGE = 20;
    static final int GRAPH_PAGE = 40;
    private static final String CONTEXT = "https://www.w3.org/ns/activitystreams";

    private final Pool pool;
    private final CollectionRepository items = new CollectionRepository();

    public CollectionPages(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<JsonObject> document(Actor actor, String name, String id, Map<String, String> query) {
        boolean page = query.containsKey("page");
        CollectionRepository.Position at;
        try {
            at = new CollectionRepository.Position(number(query.get("before")), number(query.get("after")));
        } catch (NumberFormatException e) {
            at = CollectionRepository.Position.FIRST;
        }
        CollectionRepository.Position position = at;
        return switch (name) {
            case "outbox" -> page
                    ? items.outbox(pool, actor.id(), position, OUTBOX_PAGE).map(found -> page(id, found, position, OUTBOX_PAGE, v -> v))
                    : items.outboxCount(pool, actor.id()).map(n -> collection(id, n, true));
            case "followers", "following" -> graph(actor, name.equals("followers"), id, page, position);
            default -> Future.failedFuture(new IllegalArgumentException("no collection " + name));
        };
    }

    private Future<JsonObject> graph(Actor actor, boolean followers, String id, boolean page, CollectionRepository.Position at) {
        boolean listed = actor.type() == ActorType.GROUP;
        if (!page || !listed) {
            return items.graphCount(pool, actor.id(), followers).map(n -> collection(id, n, listed));
        }
        return items.graph(pool, actor.id(), followers, at, GRAPH_PAGE).map(found -> page(id, found, at, GRAPH_PAGE, v -> v));
    }

    private static JsonObject collection(String id, long total, boolean paged) {
        JsonObject doc = new JsonObject()
                .put("@context", CONTEXT)
                .put("id", id)
                .put("type", "OrderedCollection")
                .put("totalItems", total);
        if (paged) {
            doc.put("first", id + "?page=1");
        }
        return doc;
    }

    private static <T> JsonObject page(String id, List<CollectionRepository.Item<T>> found, CollectionRepository.Position at,
                                       int size, Function<T, Object> toJson) {
        String pageId = id + "?page=1" + at.before().map(b -> "&before=" + b).orElse("") + at.after().map(a -> "&after=" + a).orElse("");
        JsonArray ordered = new JsonArray();
        found.forEach(item -> ordered.add(toJson.apply(item.value())));
        JsonObject doc = new JsonObject()
                .put("@context", CONTEXT)
                .put("id", pageId)
                .put("type", "OrderedCollectionPage")
                .put("partOf", id)
                .put("orderedItems", ordered);
        boolean first = at.before().isEmpty() && at.after().isEmpty();
        if (!found.isEmpty()) {
            // A full page may have more after it; a page read backwards (after=) always has older ones.
            if (found.size() == size || at.after().isPresent()) {
                doc.put("next", id + "?page=1&before=" + found.get(found.size() - 1).row());
            }
            if (!first) {
                doc.put("prev", id + "?page=1&after=" + found.get(0).row());
            }
        }
        return doc;
    }

    private static Optional<Long> number(String text) {
        return text == null ? Optional.empty() : Optional.of(Long.parseLong(text));
    }
}
