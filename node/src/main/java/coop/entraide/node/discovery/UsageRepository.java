package coop.entraide.node.discovery;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

/** The usage figures NodeInfo publishes, counted from the database on each request. */
public final class UsageRepository {
    /** NodeInfo {@code usage}: people with an account, and how many used it lately. */
    public record Usage(long users, long activeMonth, long activeHalfyear, long localPosts) {
    }

    /**
     * Users are members who are neither suspended nor deleted; a member is active when they signed
     * in or used a session within the period.
     *
     * <p>{@code local_posts} is the single place that counts what this node publishes: add each
     * kind of local post (offers, campaigns…) to it as its table arrives. Every object this node
     * publishes (posts now) has a row in {@code objects}, so those are counted there, deleted ones
     * excepted.
     */
    private static final String USAGE = """
            SELECT count(*) AS users,
                   count(*) FILTER (WHERE m.last_active_at > now() - interval '30 days') AS active_month,
                   count(*) FILTER (WHERE m.last_active_at > now() - interval '180 days') AS active_halfyear,
                   (SELECT count(*) FROM objects o WHERE o.local AND o.deleted_at IS NULL) AS local_posts
            FROM members m JOIN actors a ON a.id = m.actor_id
            WHERE m.suspended_at IS NULL AND a.deleted_at IS NULL""";

    public Future<Usage> usage(SqlClient client) {
        return client.query(USAGE).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Usage(row.getLong("users"), row.getLong("active_month"), row.getLong("active_halfyear"),
                    row.getLong("local_posts"));
        });
    }
}
