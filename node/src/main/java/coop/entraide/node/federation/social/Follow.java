package coop.entraide.node.federation.social;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One row of {@code follows}: who follows whom, and the Follow activity that asked. */
public record Follow(long id, long followerId, long followedId, State state, String activityUri,
                     OffsetDateTime createdAt, OffsetDateTime acceptedAt) {

    /** A follow waits for the followed actor's Accept, or has it. */
    public enum State {
        PENDING, ACCEPTED;

        public String value() {
            return this == PENDING ? "pending" : "accepted";
        }

        static State parse(String value) {
            return "accepted".equals(value) ? ACCEPTED : PENDING;
        }
    }

    static final String COLUMNS = "f.id, f.follower_id, f.followed_id, f.state, f.activity_uri, f.created_at, f.accepted_at";

    /** The same columns named {@code follow_…}, for queries that also select an actor. */
    static final String PREFIXED_COLUMNS = """
            f.id AS follow_id, f.follower_id AS follow_follower_id, f.followed_id AS follow_followed_id,
            f.state AS follow_state, f.activity_uri AS follow_activity_uri, f.created_at AS follow_created_at,
            f.accepted_at AS follow_accepted_at""";

    public boolean accepted() {
        return state == State.ACCEPTED;
    }

    static Follow fromRow(Row row) {
        return fromRow(row, "");
    }

    static Follow fromPrefixedRow(Row row) {
        return fromRow(row, "follow_");
    }

    private static Follow fromRow(Row row, String prefix) {
        return new Follow(row.getLong(prefix + "id"), row.getLong(prefix + "follower_id"),
                row.getLong(prefix + "followed_id"), State.parse(row.getString(prefix + "state")),
                row.getString(prefix + "activity_uri"), row.getOffsetDateTime(prefix + "created_at"),
                row.getOffsetDateTime(prefix + "accepted_at"));
    }
}
