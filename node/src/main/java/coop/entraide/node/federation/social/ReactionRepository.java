package coop.entraide.node.federation.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Likes and boosts of objects ({@code reactions}). */
public final class ReactionRepository {

    /** What a reaction is. */
    public enum Kind {
        LIKE("like"), ANNOUNCE("announce");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** Records a reaction; false when this actor already reacted so to this object, or the activity is known. */
    public Future<Boolean> add(SqlClient tx, Kind kind, long actorId, long objectId, String activityUri) {
        return tx.preparedQuery("""
                        INSERT INTO reactions (kind, actor_id, object_id, activity_uri)
                        VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(kind.value(), actorId, objectId, activityUri))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Undoes a reaction by the activity that made it, only if {@code actorId} made it. */
    public Future<Boolean> removeByActivity(SqlClient tx, String activityUri, long actorId) {
        return tx.preparedQuery("DELETE FROM reactions WHERE activity_uri = $1 AND actor_id = $2")
                .execute(Tuple.of(activityUri, actorId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Undoes a reaction given by its kind and object, for an Undo that embeds the Like without its id. */
    public Future<Boolean> remove(SqlClient tx, Kind kind, long actorId, String objectUri) {
        return tx.preparedQuery("""
                        DELETE FROM reactions r USING objects o
                        WHERE r.object_id = o.id AND o.uri = $3 AND r.kind = $1 AND r.actor_id = $2""")
                .execute(Tuple.of(kind.value(), actorId, objectUri))
                .map(rows -> rows.rowCount() > 0);
    }

    public Future<Long> count(SqlClient client, Kind kind, long objectId) {
        return client.preparedQuery("SELECT count(*) AS n FROM reactions WHERE kind = $1 AND object_id = $2")
                .execute(Tuple.of(kind.value(), objectId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
