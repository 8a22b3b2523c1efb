package coop.entraide.node.federation.collections;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The items of actors' collections, by keyset: newest first, strictly before or after a row id,
 * so that pages stay stable while new items arrive.
 */
final class CollectionRepository {

    /** One item and the row id that places it. */
    record Item<T>(long row, T value) {
    }

    /** Where a page starts. */
    record Position(Optional<Long> before, Optional<Long> after) {
        static final Position FIRST = new Position(Optional.empty(), Optional.empty());
    }

    Future<List<Item<JsonObject>>> outbox(SqlClient client, long actorId, Position at, int limit) {
        return page(client, """
                SELECT id AS row, document FROM outbox
                WHERE actor_id = $1 AND visibility IN ('public', 'unlisted') AND type IN ('Create', 'Announce')
                  AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.id = outbox.object_id AND o.deleted_at IS NOT NULL)
                  AND ($2::bigint IS NULL OR id < $2) AND ($3::bigint IS NULL OR id > $3)
                ORDER BY CASE WHEN $3::bigint IS NULL THEN -id ELSE id END
                LIMIT $4""", actorId, at, limit, r -> r.getJsonObject("document"));
    }

    Future<Long> outboxCount(SqlClient client, long actorId) {
        return count(client, """
                SELECT count(*) AS n FROM outbox
                WHERE actor_id = $1 AND visibility IN ('public', 'unlisted') AND type IN ('Create', 'Announce')
                  AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.id = outbox.object_id AND o.deleted_at IS NOT NULL)""",
                actorId);
    }

    /** Ids of the actors following {@code actorId}, or followed by it, accepted follows only. */
    Future<List<Item<String>>> graph(SqlClient client, long actorId, boolean followers, Position at, int limit) {
        String self = followers ? "f.followed_id" : "f.follower_id";
        String other = followers ? "f.follower_id" : "f.followed_id";
        return page(client, """
                SELECT f.id AS row, a.uri FROM follows f JOIN actors a ON a.id = %s
                WHERE %s = $1 AND f.state = 'accepted' AND a.deleted_at IS NULL
                  AND ($2::bigint IS NULL OR f.id < $2) AND ($3::bigint IS NULL OR f.id > $3)
                ORDER BY CASE WHEN $3::bigint IS NULL THEN -f.id ELSE f.id END
                LIMIT $4""".formatted(other, self), actorId, at, limit, r -> r.getString("uri"));
    }

    Future<Long> graphCount(SqlClient client, long actorId, boolean followers) {
        String self = followers ? "followed_id" : "follower_id";
        return count(client, "SELECT count(*) AS n FROM follows WHERE %s = $1 AND state = 'accepted'".formatted(self), actorId);
    }

    private static <T> Future<List<Item<T>>> page(SqlClient client, String sql, long actorId, Position at, int limit,
                                                  Function<Row, T> value) {
        return client.preparedQuery(sql)
                .execute(Tuple.of(actorId, at.before().orElse(null), at.after().orElse(null), limit))
                .map(rows -> {
                    List<Item<T>> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Item<>(r.getLong("row"), value.apply(r))));
                    if (at.after().isPresent()) {
                        // Read oldest first to find the rows just after the cursor; pages are newest first.
                        Collections.reverse(items);
                    }
                    return items;
                });
    }

    private static Future<Long> count(SqlClient client, String sql, long actorId) {
        return client.preparedQuery(sql).execute(Tuple.of(actorId)).map(rows -> rows.iterator().next().getLong("n"));
    }
}
