package coop.entraide.node.federation.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Blocks between actors ({@code actor_blocks}). */
public final class BlockRepository {

    /** Records that {@code blockerId} blocks {@code blockedId}; false when already recorded. */
    public Future<Boolean> add(SqlClient tx, long blockerId, long blockedId, String activityUri) {
        return tx.preparedQuery("""
                        INSERT INTO actor_blocks (blocker_id, blocked_id, activity_uri) VALUES ($1, $2, $3)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(blockerId, blockedId, activityUri))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Lifts a block made by {@code blockerId} with this activity. */
    public Future<Boolean> removeByActivity(SqlClient tx, String activityUri, long blockerId) {
        return tx.preparedQuery("DELETE FROM actor_blocks WHERE activity_uri = $1 AND blocker_id = $2")
                .execute(Tuple.of(activityUri, blockerId))
                .map(rows -> rows.rowCount() > 0);
    }
}
