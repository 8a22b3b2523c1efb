package coop.entraide.node.membership;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A request to join, waiting for (or past) a moderator's decision. Never carries the password hash. */
record SignUp(long id, String username, String displayName, String collective, String reason, String state,
              OffsetDateTime createdAt) {

    static final String SELECT = """
            SELECT s.id, s.username, s.display_name, c.username AS collective, s.reason, s.state, s.created_at
            FROM sign_up_requests s JOIN actors c ON c.id = s.collective_id
            """;

    static SignUp fromRow(Row row) {
        return new SignUp(row.getLong("id"), row.getString("username"), row.getString("display_name"),
                row.getString("collective"), row.getString("reason"), row.getString("state"),
                row.getOffsetDateTime("created_at"));
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("username", username)
                .put("display_name", displayName)
                .put("collective", collective)
                .put("reason", reason)
                .put("state", state)
                .put("created_at", createdAt.toInstant().toString());
    }
}
