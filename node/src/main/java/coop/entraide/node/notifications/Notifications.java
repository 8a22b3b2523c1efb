package coop.entraide.node.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Members' notifications ({@code notifications}). The writing methods take the transaction of the
 * event they announce, so that both commit together; they write nothing for a recipient who is
 * not a member of this node (a remote actor learns through federation instead).
 */
public final class Notifications {
    /** What happened; the app words each kind in the reader's language from {@code data}. */
    public enum Kind {
        RESPONSE_RECEIVED, RESPONSE_ACCEPTED, LOAN_DUE_SOON, PLEDGE_RECEIVED, REPORT_OPENED, FOLLOW_REQUESTED, CAMPAIGN_NEWS;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind an offer message of this kind is announced as, if members are told of it. */
        public static Optional<Kind> ofOfferMessage(String messageKind) {
            return switch (messageKind) {
                case "response_received" -> Optional.of(RESPONSE_RECEIVED);
                case "response_accepted" -> Optional.of(RESPONSE_ACCEPTED);
                case "loan_due_soon" -> Optional.of(LOAN_DUE_SOON);
                default -> Optional.empty();
            };
        }
    }

    /** One notification as its recipient reads it. */
    public record Notification(long id, String kind, JsonObject data, OffsetDateTime createdAt, OffsetDateTime readAt) {
        static Notification fromRow(Row row) {
            return new Notification(row.getLong("id"), row.getString("kind"), row.getJsonObject("data"),
                    row.getOffsetDateTime("created_at"), row.getOffsetDateTime("read_at"));
        }
    }

    /** Tells one member; nothing happens if {@code recipientId} is not a member of this node. */
    public Future<Void> notify(SqlClient tx, long recipientId, Kind kind, JsonObject data) {
        return tx.preparedQuery("""
                        INSERT INTO notifications (recipient_id, kind, data)
                        SELECT m.actor_id, $2, $3 FROM members m WHERE m.actor_id = $1""")
                .execute(Tuple.of(recipientId, kind.value(), data))
                .mapEmpty();
    }

    /** Tells every moderator and administrator of the node who is not suspended (a new report). */
    public Future<Void> notifyModerators(SqlClient tx, Kind kind, JsonObject data) {
        return tx.preparedQuery("""
                        INSERT INTO notifications (recipient_id, kind, data)
                        SELECT m.actor_id, $1, $2 FROM members m
                        WHERE m.role IN ('moderator', 'admin') AND m.suspended_at IS NULL""")
                .execute(Tuple.of(kind.value(), data))
                .mapEmpty();
    }

    /**
     * Tells whoever answers for a local actor: the member themself, or for a collective its
     * moderators and administrators (a follow request waiting for approval).
     */
    public Future<Void> notifyAnswerersFor(SqlClient tx, long actorId, Kind kind, JsonObject data) {
        return tx.preparedQuery("""
                        INSERT INTO notifications (recipient_id, kind, data)
                        SELECT m.actor_id, $2, $3 FROM members m
                        WHERE m.suspended_at IS NULL
                          AND (m.actor_id = $1 OR (m.collective_id = $1 AND m.role IN ('moderator', 'admin')))""")
                .execute(Tuple.of(actorId, kind.value(), data))
                .mapEmpty();
    }

    /** A member's notifications, newest first, older than {@code before} when given. */
    public Future<List<Notification>> list(SqlClient client, long recipientId, Optional<Long> before, int limit) {
        return client.preparedQuery("""
                        SELECT id, kind, data, created_at, read_at FROM notifications
                        WHERE recipient_id = $1 AND ($2::bigint IS NULL OR id < $2)
                        ORDER BY id DESC LIMIT $3""")
                .execute(Tuple.of(recipientId, before.orElse(null), limit))
                .map(rows -> {
                    List<Notification> all = new ArrayList<>();
                    rows.forEach(row -> all.add(Notification.fromRow(row)));
                    return all;
                });
    }

    public Future<Long> unreadCount(SqlClient client, long recipientId) {
        return client.preparedQuery("SELECT count(*) AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(recipientId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Marks one notification read; false when the member has none with this id. */
    public Future<Boolean> markRead(SqlClient client, long recipientId, long id) {
        return client.preparedQuery("""
                        UPDATE notifications SET read_at = coalesce(read_at, now())
                        WHERE recipient_id = $1 AND id = $2""")
                .execute(Tuple.of(recipientId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Marks read every notification up to {@code upTo} (all when empty); answers how many changed. */
    public Future<Integer> markAllRead(SqlClient client, long recipientId, Optional<Long> upTo) {
        return client.preparedQuery("""
                        UPDATE notifications SET read_at = now()
                        WHERE recipient_id = $1 AND read_at IS NULL AND ($2::bigint IS NULL OR id <= $2)""")
                .execute(Tuple.of(recipientId, upTo.orElse(null)))
                .map(rows -> rows.rowCount());
    }
}
