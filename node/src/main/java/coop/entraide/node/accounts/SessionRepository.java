package coop.entraide.node.accounts;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Sessions, found by the SHA-256 of their token; the token itself is never stored. */
public final class SessionRepository {
    /** A live session. */
    public record Session(long id, long memberId, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
        static Session fromRow(Row row) {
            return new Session(row.getLong("id"), row.getLong("member_id"), row.getOffsetDateTime("expires_at"),
                    row.getOffsetDateTime("last_used_at"));
        }
    }

    public Future<Session> insert(SqlClient client, byte[] tokenSha256, long memberId, OffsetDateTime expiresAt,
                                  String userAgent) {
        return client.preparedQuery("""
                        INSERT INTO sessions (token_sha256, member_id, expires_at, user_agent)
                        VALUES ($1, $2, $3, $4)
                        RETURNING id, member_id, expires_at, last_used_at""")
                .execute(Tuple.of(Buffer.buffer(tokenSha256), memberId, expiresAt, userAgent))
                .map(rows -> Session.fromRow(rows.iterator().next()));
    }

    /** The unexpired session with this token hash. */
    public Future<Optional<Session>> findLive(SqlClient client, byte[] tokenSha256) {
        return client.preparedQuery("""
                        SELECT id, member_id, expires_at, last_used_at FROM sessions
                        WHERE token_sha256 = $1 AND expires_at > now()""")
                .execute(Tuple.of(Buffer.buffer(tokenSha256)))
                .map(rows -> SqlErrors.first(rows, Session::fromRow));
    }

    /** Records use, at most once a minute per session, so that reads do not each cost a write. */
    public Future<Void> touch(SqlClient client, long sessionId) {
        return client.preparedQuery("""
                        UPDATE sessions SET last_used_at = now()
                        WHERE id = $1 AND last_used_at < now() - interval '1 minute'""")
                .execute(Tuple.of(sessionId))
                .mapEmpty();
    }

    public Future<Void> delete(SqlClient client, long sessionId) {
        return client.preparedQuery("DELETE FROM sessions WHERE id = $1")
                .execute(Tuple.of(sessionId))
                .mapEmpty();
    }

    /** Removes sessions that expired; any process may run it, repeatedly. */
    public Future<Integer> deleteExpired(SqlClient client) {
        return client.query("DELETE FROM sessions WHERE expires_at <= now()").execute().map(rows -> rows.rowCount());
    }
}
