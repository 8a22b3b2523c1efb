package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.store.SqlErrors;
import coop.entraide.protocol.as.AsJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What local actors published ({@code outbox}), newest first. */
public final class OutboxRepository {

    /** One published activity. */
    public record Entry(long id, long actorId, String activityUri, String type, Visibility visibility, JsonObject document) {
        static Entry fromRow(Row r) {
            return new Entry(r.getLong("id"), r.getLong("actor_id"), r.getString("activity_uri"), r.getString("type"),
                    Visibility.parse(r.getString("visibility")), r.getJsonObject("document"));
        }
    }

    private static final String COLUMNS = "id, actor_id, activity_uri, type, visibility, document";
    /** A deleted object's Create leaves the outbox with it. */
    private static final String DELETED = "EXISTS (SELECT 1 FROM objects o WHERE o.id = outbox.object_id AND o.deleted_at IS NOT NULL)";

    /** Stores the activity; the object it carries is linked when this node stores it. */
    public Future<Long> add(SqlClient tx, long actorId, String activityUri, String type, String objectUri,
                            Visibility visibility, JsonNode document, Instant published) {
        return tx.preparedQuery("""
                        INSERT INTO outbox (actor_id, activity_uri, type, object_id, visibility, document, published_at)
                        VALUES ($1, $2, $3, (SELECT id FROM objects WHERE uri = $4), $5, $6::text::jsonb, $7)
                        RETURNING id""")
                // As text, which the server reads into jsonb: no detour through a JsonObject.
                .execute(Tuple.from(new Object[] {actorId, activityUri, type, objectUri, visibility.value(),
                        AsJson.toString(document), ObjectRepository.at(published)}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Future<Optional<Entry>> byActivity(SqlClient client, String activityUri) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM outbox WHERE activity_uri = $1")
                .execute(Tuple.of(activityUri))
                .map(rows -> SqlErrors.first(rows, Entry::fromRow));
    }

    /** Whether the object an activity carried was deleted since: its copy must not be served any more. */
    public Future<Boolean> objectDeleted(SqlClient client, long entryId) {
        return client.preparedQuery("SELECT " + DELETED + " AS deleted FROM outbox WHERE id = $1")
                .execute(Tuple.of(entryId))
                .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean("deleted"));
    }

    /** Public activities of an actor, newest first, older than {@code beforeId} when given. */
    public Future<List<Entry>> publicPage(SqlClient client, long actorId, Optional<Long> beforeId, int limit) {
        return client.preparedQuery("""
                        SELECT %s FROM outbox
                        WHERE actor_id = $1 AND visibility IN ('public', 'unlisted') AND ($2::bigint IS NULL OR id < $2)
                          AND type IN ('Create', 'Announce') AND NOT %s
                        ORDER BY id DESC LIMIT $3""".formatted(COLUMNS, DELETED))
                .execute(Tuple.of(actorId, beforeId.orElse(null), limit))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Entry.fromRow(r)));
                    return out;
                });
    }

    public Future<Long> countPublic(SqlClient client, long actorId) {
        return client.preparedQuery("""
                        SELECT count(*) AS n FROM outbox
                        WHERE actor_id = $1 AND visibility IN ('public', 'unlisted') AND type IN ('Create', 'Announce')
                          AND NOT %s""".formatted(DELETED))
                .execute(Tuple.of(actorId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
