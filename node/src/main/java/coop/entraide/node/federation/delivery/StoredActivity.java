package coop.entraide.node.federation.delivery;

import io.vertx.sqlclient.Row;

/** An outgoing activity as stored, with its row id. */
public record StoredActivity(long id, String activityId, String actorId, byte[] body) {
    static StoredActivity fromRow(Row row) {
        return new StoredActivity(row.getLong("id"), row.getString("activity_id"), row.getString("actor_id"),
                row.getBuffer("body").getBytes());
    }
}
