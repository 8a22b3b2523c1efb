package coop.entraide.node.identity;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A person who signs in for a collective: their Person actor, their collective's name and their
 * role. The password hash is not part of it (see {@link MemberRepository.Credentials}).
 */
public record Member(
        Actor actor,
        long collectiveId,
        String collectiveUsername,
        Role role,
        boolean hasPassword,
        OffsetDateTime suspendedAt,
        OffsetDateTime lastActiveAt) {

    public long id() {
        return actor.id();
    }

    public String username() {
        return actor.username();
    }

    public boolean suspended() {
        return suspendedAt != null;
    }

    static Member fromRow(Row row) {
        return new Member(
                Actor.fromRow(row),
                row.getLong("collective_id"),
                row.getString("collective_username"),
                Role.parse(row.getString("role")),
                row.getBoolean("has_password"),
                row.getOffsetDateTime("suspended_at"),
                row.getOffsetDateTime("last_active_at"));
    }
}
