package coop.entraide.node.membership;

import coop.entraide.node.identity.Role;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Invitations, sign-up requests, and the member changes only staff make (roles). */
final class MembershipRepository {

    // ---- invitations -----------------------------------------------------------------------------

    Future<Long> insertInvitation(SqlClient tx, byte[] tokenHash, long collectiveId, Role role, long createdBy,
                                  OffsetDateTime expiresAt) {
        return tx.preparedQuery("""
                        INSERT INTO invitations (token_sha256, collective_id, role, created_by, expires_at)
                        VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash), collectiveId, role.value(), createdBy,
                        expiresAt))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Future<Optional<Invitation>> invitation(SqlClient client, long id) {
        return client.preparedQuery(Invitation.SELECT + " WHERE i.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Invitation::fromRow));
    }

    Future<Optional<Invitation>> invitationByToken(SqlClient client, byte[] tokenHash) {
        return client.preparedQuery(Invitation.SELECT + " WHERE i.token_sha256 = $1")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash)))
                .map(rows -> SqlErrors.first(rows, Invitation::fromRow));
    }

    /** Invitations still open, and those used or ended in the last 30 days, newest first. */
    Future<List<Invitation>> recentInvitations(SqlClient client) {
        return client.query(Invitation.SELECT + """
                         WHERE (i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now())
                            OR i.created_at > now() - interval '30 days'
                        ORDER BY i.id DESC LIMIT 200""")
                .execute()
                .map(rows -> {
                    List<Invitation> all = new ArrayList<>();
                    rows.forEach(r -> all.add(Invitation.fromRow(r)));
                    return all;
                });
    }

    /** Spends an open invitation for the new member; false if it was spent, revoked or expired meanwhile. */
    Future<Boolean> spendInvitation(SqlClient tx, long id, long memberId) {
        return tx.preparedQuery("""
                        UPDATE invitations SET used_at = now(), used_by = $2
                        WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()""")
                .execute(Tuple.of(id, memberId))
                .map(rows -> rows.rowCount() > 0);
    }

    Future<Boolean> revokeInvitation(SqlClient tx, long id) {
        return tx.preparedQuery("""
                        UPDATE invitations SET revoked_at = now()
                        WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL""")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    // ---- sign-up requests ------------------------------------------------------------------------

    Future<Long> insertSignUp(SqlClient tx, String username, String displayName, long collectiveId,
                              String passwordHash, String reason) {
        return tx.preparedQuery("""
                        INSERT INTO sign_up_requests (username, display_name, collective_id, password_hash, reason)
                        VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                .execute(Tuple.of(username, displayName, collectiveId, passwordHash, reason))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Future<Boolean> pendingSignUpNamed(SqlClient client, String username) {
        return client.preparedQuery("""
                        SELECT 1 FROM sign_up_requests WHERE lower(username) = lower($1) AND state = 'pending'""")
                .execute(Tuple.of(username))
                .map(rows -> rows.size() > 0);
    }

    Future<List<SignUp>> pendingSignUps(SqlClient client) {
        return client.query(SignUp.SELECT + " WHERE s.state = 'pending' ORDER BY s.id")
                .execute()
                .map(rows -> {
                    List<SignUp> all = new ArrayList<>();
                    rows.forEach(r -> all.add(SignUp.fromRow(r)));
                    return all;
                });
    }

    Future<Optional<SignUp>> signUp(SqlClient client, long id) {
        return client.preparedQuery(SignUp.SELECT + " WHERE s.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, SignUp::fromRow));
    }

    /** The request's password hash, for the member created on approval. */
    Future<String> signUpPasswordHash(SqlClient client, long id) {
        return client.preparedQuery("SELECT password_hash FROM sign_up_requests WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getString("password_hash"));
    }

    /** Records the decision on a pending request; false if someone decided first. */
    Future<Boolean> decideSignUp(SqlClient tx, long id, String state, long by) {
        return tx.preparedQuery("""
                        UPDATE sign_up_requests SET state = $2, decided_by = $3, decided_at = now()
                        WHERE id = $1 AND state = 'pending'""")
                .execute(Tuple.of(id, state, by))
                .map(rows -> rows.rowCount() > 0);
    }

    // ---- roles -----------------------------------------------------------------------------------

    /**
     * The administrators who can still act (not suspended), locked until the transaction ends, so
     * that two changes at once cannot both remove "the other" last administrator.
     */
    Future<List<Long>> lockActiveAdmins(SqlClient tx) {
        return tx.query("SELECT actor_id FROM members WHERE role = 'admin' AND suspended_at IS NULL ORDER BY actor_id FOR UPDATE")
                .execute()
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getLong("actor_id"));
                    }
                    return ids;
                });
    }

    Future<Void> setRole(SqlClient tx, long memberId, Role role) {
        return tx.preparedQuery("UPDATE members SET role = $2, updated_at = now() WHERE actor_id = $1")
                .execute(Tuple.of(memberId, role.value()))
                .mapEmpty();
    }
}
