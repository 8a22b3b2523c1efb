package coop.entraide.node.membership;

import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** An invitation link as stored (without its secret). */
record Invitation(long id, String collective, Role role, String createdBy, OffsetDateTime createdAt,
                  OffsetDateTime expiresAt, OffsetDateTime usedAt, String usedBy, OffsetDateTime revokedAt) {

    static final String SELECT = """
            SELECT i.id, c.username AS collective, i.role, cb.username AS created_by, i.created_at, i.expires_at,
                   i.used_at, ub.username AS used_by, i.revoked_at
            FROM invitations i
            JOIN actors c ON c.id = i.collective_id
            LEFT JOIN actors cb ON cb.id = i.created_by
            LEFT JOIN actors ub ON ub.id = i.used_by
            """;

    static Invitation fromRow(Row row) {
        return new Invitation(row.getLong("id"), row.getString("collective"), Role.parse(row.getString("role")),
                row.getString("created_by"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("expires_at"),
                row.getOffsetDateTime("used_at"), row.getString("used_by"), row.getOffsetDateTime("revoked_at"));
    }

    /** open, used, revoked or expired, as of {@code now}. */
    String state(OffsetDateTime now) {
        if (usedAt != null) {
            return "used";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt.isAfter(now) ? "open" : "expired";
    }

    JsonObject toJson(OffsetDateTime now) {
        return new JsonObject()
                .put("id", id)
                .put("collective", collective)
                .put("role", role.value())
                .put("created_by", createdBy)
                .put("created_at", createdAt.toInstant().toString())
                .put("expires_at", expiresAt.toInstant().toString())
                .put("state", state(now))
                .put("used_by", usedBy);
    }
}
