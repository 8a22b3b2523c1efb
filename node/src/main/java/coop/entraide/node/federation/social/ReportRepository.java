package coop.entraide.node.federation.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Reports for the moderators ({@code reports}). */
public final class ReportRepository {

    /** Opens a report; false when the same Flag was already recorded. */
    public Future<Boolean> open(SqlClient tx, Long reporterId, Long targetActorId, List<String> objectUris,
                                String comment, String activityUri) {
        return tx.preparedQuery("""
                        INSERT INTO reports (reporter_id, target_actor_id, object_uris, comment, activity_uri)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (activity_uri) DO NOTHING""")
                .execute(Tuple.of(reporterId, targetActorId, objectUris.toArray(String[]::new),
                        comment == null ? "" : comment, activityUri))
                .map(rows -> rows.rowCount() > 0);
    }
}
