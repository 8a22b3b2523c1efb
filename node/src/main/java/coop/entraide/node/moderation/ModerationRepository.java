package coop.entraide.node.moderation;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.moderation.ReportView.ReportedObject;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reports as moderators read and close them. */
final class ModerationRepository {

    /** A member's report; answers its id. */
    Future<Long> open(SqlClient tx, long reporterId, Long targetActorId, List<String> objectUris, String comment) {
        return tx.preparedQuery("""
                        INSERT INTO reports (reporter_id, target_actor_id, object_uris, comment)
                        VALUES ($1, $2, $3, $4) RETURNING id""")
                .execute(Tuple.of(reporterId, targetActorId, objectUris.toArray(String[]::new), comment))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** An actor this node knows by name and server ({@code domain} empty for ours). */
    Future<Optional<Actor>> actorByHandle(SqlClient client, String username, String domain) {
        return client.preparedQuery("""
                        SELECT %s FROM actors a
                        WHERE lower(a.username) = lower($1) AND a.domain = lower($2) AND a.deleted_at IS NULL"""
                        .formatted(Actor.COLUMNS))
                .execute(Tuple.of(username, domain))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    /** Newest first; {@code state} empty for every state. */
    Future<List<ReportView>> list(SqlClient client, Optional<String> state, Optional<Long> before, int limit) {
        return client.preparedQuery(ReportView.SELECT + """
                         WHERE ($1::text IS NULL OR r.state = $1) AND ($2::bigint IS NULL OR r.id < $2)
                        ORDER BY r.id DESC LIMIT $3""")
                .execute(Tuple.of(state.orElse(null), before.orElse(null), limit))
                .compose(rows -> withObjects(client, rows));
    }

    Future<Optional<ReportView>> byId(SqlClient client, long id) {
        return client.preparedQuery(ReportView.SELECT + " WHERE r.id = $1")
                .execute(Tuple.of(id))
                .compose(rows -> withObjects(client, rows))
                .map(all -> all.stream().findFirst());
    }

    /** Locks the report's row for an action on it. */
    Future<Boolean> lock(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT id FROM reports WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() > 0);
    }

    /** Closes an open report; false when it was closed already. */
    Future<Boolean> close(SqlClient tx, long id, String state, long by) {
        return tx.preparedQuery("""
                        UPDATE reports SET state = $2, resolved_by = $3, resolved_at = now()
                        WHERE id = $1 AND state = 'open'""")
                .execute(Tuple.of(id, state, by))
                .map(rows -> rows.rowCount() > 0);
    }

    Future<Long> openCount(SqlClient client) {
        return client.query("SELECT count(*) AS n FROM reports WHERE state = 'open'")
                .execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private Future<List<ReportView>> withObjects(SqlClient client, RowSet<Row> rows) {
        Set<String> uris = new LinkedHashSet<>();
        List<Row> reports = new ArrayList<>();
        for (Row row : rows) {
            reports.add(row);
            uris.addAll(List.of(row.getArrayOfStrings("object_uris")));
        }
        Future<List<ReportedObject>> objects = uris.isEmpty() ? Future.succeededFuture(List.of()) : objects(client, uris);
        return objects.map(found -> reports.stream().map(r -> {
            Set<String> mine = Set.of(r.getArrayOfStrings("object_uris"));
            return ReportView.fromRow(r, found.stream().filter(o -> mine.contains(o.uri())).toList());
        }).toList());
    }

    private Future<List<ReportedObject>> objects(SqlClient client, Set<String> uris) {
        return client.preparedQuery("""
                        SELECT o.id, o.uri, o.actor_id, o.local, o.name, o.content_html, o.url, o.published_at,
                               o.hidden_at, o.deleted_at, a.username, a.domain
                        FROM objects o JOIN actors a ON a.id = o.actor_id
                        WHERE o.uri = ANY($1)""")
                .execute(Tuple.of(uris.toArray(String[]::new)))
                .map(rows -> {
                    List<ReportedObject> all = new ArrayList<>();
                    for (Row r : rows) {
                        String domain = r.getString("domain");
                        all.add(new ReportedObject(r.getLong("id"), r.getString("uri"), r.getLong("actor_id"),
                                r.getString("username") + (domain.isEmpty() ? "" : "@" + domain), r.getBoolean("local"),
                                r.getString("name"), r.getString("content_html"), r.getString("url"),
                                r.getOffsetDateTime("published_at"), r.getOffsetDateTime("hidden_at"),
                                r.getOffsetDateTime("deleted_at")));
                    }
                    return all;
                });
    }
}
