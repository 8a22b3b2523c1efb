package coop.entraide.node.federation.delivery;

import io.vertx.sqlclient.Row;
import java.net.URI;
import java.time.Instant;

/**
 * A delivery job a worker holds a lease on.
 *
 * @param activity  row id of the stored activity
 * @param attempts  attempts made before this one
 * @param lease     proof of the lease; an outcome is recorded only while it still holds
 * @param probe     whether this job tests an unavailable server
 */
public record ClaimedJob(long id, long activity, URI inbox, String host, int attempts, Instant expiresAt, String lease, boolean probe) {

    static ClaimedJob fromRow(Row row, String lease, boolean probe) {
        return new ClaimedJob(
                row.getLong("id"),
                row.getLong("activity"),
                URI.create(row.getString("inbox")),
                row.getString("host"),
                row.getInteger("attempts"),
                row.getOffsetDateTime("expires_at").toInstant(),
                lease,
                probe);
    }
}
