package coop.entraide.node.offers;

import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.federation.social.FollowRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether an offer's sender, author or collective is followed here, which decides whether a new
 * offer is kept: asked of the database each time ({@link #ASKING}), or answered once for the
 * actors and collectives of a whole inbox batch ({@link #askedOnce}), anything else being asked
 * as it comes.
 */
final class FollowedHere {
    /** Asks each time, on the client given: in the transaction, it sees what earlier activities changed. */
    static final FollowedHere ASKING = new FollowedHere(Set.of(), Set.of(), Map.of(), Set.of());

    private static final FollowRepository FOLLOWS = new FollowRepository();
    private static final ActorLookup ACTORS = new ActorLookup();

    private final Set<Long> askedActors;
    private final Set<Long> followed;
    private final Map<String, Long> collectiveIds;
    private final Set<String> askedCollectives;

    private FollowedHere(Set<Long> askedActors, Set<Long> followed, Map<String, Long> collectiveIds,
                         Set<String> askedCollectives) {
        this.askedActors = askedActors;
        this.followed = followed;
        this.collectiveIds = collectiveIds;
        this.askedCollectives = askedCollectives;
    }

    /** Asks once whether these actors, and the collectives known by these URIs, are followed here. */
    static Future<FollowedHere> askedOnce(SqlClient db, Set<Long> actorIds, Set<String> collectiveUris) {
        Future<Map<String, Long>> ids = collectiveUris.isEmpty()
                ? Future.succeededFuture(Map.of())
                : ACTORS.idsByUri(db, collectiveUris);
        return ids.compose(byUri -> {
            Set<Long> asked = new HashSet<>(actorIds);
            asked.addAll(byUri.values());
            return FOLLOWS.followedLocally(db, asked)
                    .map(followed -> new FollowedHere(asked, followed, byUri, Set.copyOf(collectiveUris)));
        });
    }

    /** Whether some local actor follows this actor. */
    Future<Boolean> actor(SqlClient client, long actorId) {
        return askedActors.contains(actorId)
                ? Future.succeededFuture(followed.contains(actorId))
                : FOLLOWS.followedLocally(client, actorId);
    }

    /** Whether some local actor follows the collective with this URI; false for a collective unknown here. */
    Future<Boolean> collective(SqlClient client, String uri) {
        if (askedCollectives.contains(uri)) {
            Long id = collectiveIds.get(uri);
            return Future.succeededFuture(id != null && followed.contains(id));
        }
        return ACTORS.byUri(client, uri).compose(found -> found.isEmpty()
                ? Future.succeededFuture(false)
                : actor(client, found.get().id()));
    }
}
