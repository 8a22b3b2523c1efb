package coop.entraide.node.identity;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Members, their roles, password hashes and suspension. */
public final class MemberRepository {
    private static final String SELECT = """
            SELECT %s, m.collective_id, ca.username AS collective_username, m.role,
                   m.password_hash IS NOT NULL AS has_password, m.suspended_at, m.last_active_at
            FROM members m
            JOIN actors a ON a.id = m.actor_id
            JOIN actors ca ON ca.id = m.collective_id
            WHERE a.deleted_at IS NULL
            """.formatted(Actor.COLUMNS);

    /** A member and the hash to check a password against; only sign-in reads it. */
    public record Credentials(Member member, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[" + member.username() + ", hash redacted]";
        }
    }

    public Future<Void> insert(SqlClient client, long actorId, long collectiveId, Role role, String passwordHash) {
        return client.preparedQuery("""
                        INSERT INTO members (actor_id, collective_id, role, password_hash)
                        VALUES ($1, $2, $3, $4)""")
                .execute(Tuple.of(actorId, collectiveId, role.value(), passwordHash))
                .mapEmpty();
    }

    public Future<Optional<Member>> byId(SqlClient client, long id) {
        return client.preparedQuery(SELECT + " AND m.actor_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Member::fromRow));
    }

    public Future<Optional<Member>> byUsername(SqlClient client, String username) {
        return client.preparedQuery(SELECT + " AND lower(a.username) = lower($1) AND a.domain = ''")
                .execute(Tuple.of(username))
                .map(rows -> SqlErrors.first(rows, Member::fromRow));
    }

    public Future<Optional<Credentials>> credentials(SqlClient client, String username) {
        return client.preparedQuery(SELECT.replace("SELECT ", "SELECT m.password_hash, ")
                        + " AND lower(a.username) = lower($1) AND a.domain = ''")
                .execute(Tuple.of(username))
                .map(rows -> SqlErrors.first(rows,
                        row -> new Credentials(Member.fromRow(row), row.getString("password_hash"))));
    }

    /** All members, or those of one collective, by name. */
    public Future<List<Member>> list(SqlClient client, Optional<Long> collectiveId) {
        Future<RowSet<Row>> rows = collectiveId.isPresent()
                ? client.preparedQuery(SELECT + " AND m.collective_id = $1 ORDER BY a.username")
                        .execute(Tuple.of(collectiveId.get()))
                : client.query(SELECT + " ORDER BY a.username").execute();
        return rows.map(set -> {
            List<Member> all = new ArrayList<>();
            for (Row row : set) {
                all.add(Member.fromRow(row));
            }
            return all;
        });
    }

    public Future<Void> setPasswordHash(SqlClient client, long memberId, String passwordHash) {
        return client.preparedQuery("UPDATE members SET password_hash = $2, updated_at = now() WHERE actor_id = $1")
                .execute(Tuple.of(memberId, passwordHash))
                .mapEmpty();
    }

    public Future<Void> setSuspended(SqlClient client, long memberId, boolean suspended) {
        return client.preparedQuery("""
                        UPDATE members
                        SET suspended_at = CASE WHEN $2 THEN coalesce(suspended_at, now()) END, updated_at = now()
                        WHERE actor_id = $1""")
                .execute(Tuple.of(memberId, suspended))
                .mapEmpty();
    }

    /**
     * Records that a member is active now. Writes at most once every few minutes per member, so
     * that authenticated requests do not each cost a write.
     */
    public Future<Void> touchActive(SqlClient client, long memberId) {
        return client.preparedQuery("""
                        UPDATE members SET last_active_at = now()
                        WHERE actor_id = $1
                          AND (last_active_at IS NULL OR last_active_at < now() - interval '5 minutes')""")
                .execute(Tuple.of(memberId))
                .mapEmpty();
    }

    /** Ends all of a member's sessions, e.g. when their password changes. */
    public Future<Void> endSessions(SqlClient client, long memberId) {
        return client.preparedQuery("DELETE FROM sessions WHERE member_id = $1")
                .execute(Tuple.of(memberId))
                .mapEmpty();
    }
}
