package coop.entraide.node.moderation;

import coop.entraide.node.identity.Member;
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
 * The moderators' audit log ({@code moderation_audit}): who did what to what, when and why.
 * Append-only; the database refuses changes to an entry. Written in the transaction of the action.
 */
public final class AuditLog {
    /** What an entry is about. */
    public enum TargetKind {
        MEMBER, OBJECT, DOMAIN, REPORT, SIGN_UP, INVITATION, SETTINGS;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One entry. */
    public record Entry(long id, String actorName, String action, String targetKind, String target, Long reportId,
                        String reason, OffsetDateTime createdAt) {
        static Entry fromRow(Row row) {
            return new Entry(row.getLong("id"), row.getString("actor_name"), row.getString("action"),
                    row.getString("target_kind"), row.getString("target"), row.getLong("report_id"),
                    row.getString("reason"), row.getOffsetDateTime("created_at"));
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("id", id)
                    .put("by", actorName)
                    .put("action", action)
                    .put("target_kind", targetKind)
                    .put("target", target)
                    .put("report_id", reportId)
                    .put("reason", reason)
                    .put("created_at", createdAt.toInstant().toString());
        }
    }

    public Future<Void> record(SqlClient tx, Member by, String action, TargetKind kind, String target, Long reportId,
                               String reason) {
        return tx.preparedQuery("""
                        INSERT INTO moderation_audit (actor_id, actor_name, action, target_kind, target, report_id, reason)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] {by.id(), by.username(), action, kind.value(), target, reportId,
                        reason == null ? "" : reason}))
                .mapEmpty();
    }

    /** Newest first; older than {@code before} when given; only about one report when {@code report} is given. */
    public Future<List<Entry>> list(SqlClient client, Optional<Long> before, Optional<Long> report, int limit) {
        return client.preparedQuery("""
                        SELECT id, actor_name, action, target_kind, target, report_id, reason, created_at
                        FROM moderation_audit
                        WHERE ($1::bigint IS NULL OR id < $1) AND ($2::bigint IS NULL OR report_id = $2)
                        ORDER BY id DESC LIMIT $3""")
                .execute(Tuple.of(before.orElse(null), report.orElse(null), limit))
                .map(rows -> {
                    List<Entry> all = new ArrayList<>();
                    rows.forEach(r -> all.add(Entry.fromRow(r)));
                    return all;
                });
    }
}
