package coop.entraide.node.campaigns;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Campaigns, their tiers, news posts and audit trail. */
final class CampaignRepository {
    private static final String SELECT = """
            SELECT c.*, a.username AS collective_username, a.display_name AS collective_name
            FROM campaigns c JOIN actors a ON a.id = c.collective_id
            """;

    /** A new campaign's fields, already checked. */
    record Draft(long collectiveId, String title, String descriptionHtml, String imageUrl, java.math.BigDecimal goal,
                 String currency, Instant startsAt, Instant endsAt, CampaignRule rule, boolean freeAmount,
                 List<Tier> tiers, long createdBy) {
    }

    static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    Future<Long> insert(SqlClient tx, Draft d, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO campaigns (collective_id, title, description_html, image_url, goal, currency,
                            starts_at, ends_at, rule, free_amount, created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
                        RETURNING id""")
                .execute(Tuple.from(new Object[] {d.collectiveId(), d.title(), d.descriptionHtml(), d.imageUrl(), d.goal(),
                        d.currency(), at(d.startsAt()), at(d.endsAt()), d.rule().value(), d.freeAmount(), d.createdBy(),
                        at(now)}))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> replaceTiers(tx, id, d.tiers())
                        .compose(v -> tx.preparedQuery("INSERT INTO campaign_progress (campaign_id) VALUES ($1)")
                                .execute(Tuple.of(id)))
                        .map(id));
    }

    Future<Void> replaceTiers(SqlClient tx, long campaignId, List<Tier> tiers) {
        Future<Void> deleted = tx.preparedQuery("DELETE FROM campaign_tiers WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId)).mapEmpty();
        if (tiers.isEmpty()) {
            return deleted;
        }
        List<Tuple> batch = new ArrayList<>();
        for (Tier t : tiers) {
            batch.add(Tuple.of(campaignId, t.position(), t.amount(), t.title(), t.counterpart()));
        }
        return deleted.compose(v -> tx.preparedQuery("""
                        INSERT INTO campaign_tiers (campaign_id, position, amount, title, counterpart)
                        VALUES ($1, $2, $3, $4, $5)""").executeBatch(batch)).mapEmpty();
    }

    Future<Optional<Campaign>> byId(SqlClient client, long id) {
        return one(client, SELECT + "WHERE c.id = $1", id);
    }

    /**
     * Locks the campaign row until the end of the transaction. Pledges take it FOR SHARE (many at
     * once, none blocked by another); closing, cancelling and editing take it FOR UPDATE, so they
     * wait for pledges in flight, and pledges that come after see the new state.
     */
    Future<Optional<Campaign>> lock(SqlClient tx, long id, boolean exclusive) {
        return one(tx, SELECT + "WHERE c.id = $1 " + (exclusive ? "FOR UPDATE OF c" : "FOR SHARE OF c"), id);
    }

    private Future<Optional<Campaign>> one(SqlClient client, String sql, long id) {
        return client.preparedQuery(sql).execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Campaign::fromRow))
                .compose(found -> found.isEmpty() ? Future.succeededFuture(found)
                        : tiers(client, id).map(t -> Optional.of(found.get().withTiers(t))));
    }

    Future<List<Tier>> tiers(SqlClient client, long campaignId) {
        return client.preparedQuery("SELECT * FROM campaign_tiers WHERE campaign_id = $1 ORDER BY position")
                .execute(Tuple.of(campaignId))
                .map(rows -> SqlErrors.all(rows, r -> new Tier(r.getInteger("position"), r.getBigDecimal("amount"),
                        r.getString("title"), r.getString("counterpart"))));
    }

    Future<List<Campaign>> ofCollective(SqlClient client, long collectiveId, boolean withDrafts) {
        return client.preparedQuery(SELECT + "WHERE c.collective_id = $1 AND ($2 OR c.state <> 'draft') ORDER BY c.id DESC LIMIT 200")
                .execute(Tuple.of(collectiveId, withDrafts))
                .map(rows -> SqlErrors.all(rows, Campaign::fromRow));
    }

    /** Changes the editable fields (the caller holds the row lock). */
    Future<Void> update(SqlClient tx, long id, Draft d, Instant now) {
        return tx.preparedQuery("""
                        UPDATE campaigns SET title = $2, description_html = $3, image_url = $4, goal = $5,
                            starts_at = $6, ends_at = $7, rule = $8, free_amount = $9, updated_at = $10
                        WHERE id = $1""")
                .execute(Tuple.from(new Object[] {id, d.title(), d.descriptionHtml(), d.imageUrl(), d.goal(),
                        at(d.startsAt()), at(d.endsAt()), d.rule().value(), d.freeAmount(), at(now)}))
                .compose(v -> replaceTiers(tx, id, d.tiers()));
    }

    Future<Void> setState(SqlClient tx, long id, CampaignState state, Instant now) {
        return tx.preparedQuery("""
                        UPDATE campaigns SET state = $2, updated_at = $3,
                            published_at = CASE WHEN $2 = 'open' THEN $3 ELSE published_at END,
                            closed_at = CASE WHEN $2 IN ('succeeded', 'failed', 'cancelled') THEN $3 ELSE closed_at END
                        WHERE id = $1""")
                .execute(Tuple.of(id, state.value(), at(now)))
                .mapEmpty();
    }

    /**
     * The open campaigns whose end has come, read with no lock: their donors are met before the
     * transaction that closes them ({@link #lockStillDueToClose}).
     */
    Future<List<Long>> dueToClose(SqlClient client, Instant now, int limit) {
        return ids(client, """
                        SELECT id FROM campaigns WHERE state = 'open' AND ends_at <= $1
                        ORDER BY ends_at LIMIT $2""", Tuple.of(at(now), limit));
    }

    /**
     * Those of {@code ids} still open and due, locked for this transaction; a campaign another
     * process holds is skipped, and one it closed meanwhile is no longer open.
     */
    Future<List<Long>> lockStillDueToClose(SqlClient tx, List<Long> ids, Instant now) {
        return ids(tx, """
                        SELECT id FROM campaigns WHERE id = ANY($1) AND state = 'open' AND ends_at <= $2
                        ORDER BY ends_at FOR UPDATE SKIP LOCKED""", Tuple.of(ids.toArray(Long[]::new), at(now)));
    }

    private static Future<List<Long>> ids(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rows -> SqlErrors.all(rows, r -> r.getLong("id")));
    }

    // ---- progress publication (coalesced Updates) ----------------------------------------------

    /**
     * Marks the campaign's federated copy as needing an Update, unless it already is: no earlier
     * than {@code interval} after the last one. Cheap when already marked (no row is written).
     */
    Future<Void> markProgressDue(SqlClient tx, long campaignId, Instant now, java.time.Duration interval) {
        return tx.preparedQuery("""
                        UPDATE campaign_progress
                        SET due_at = greatest($2, coalesce(published_at + make_interval(secs => $3), $2))
                        WHERE campaign_id = $1 AND due_at IS NULL""")
                .execute(Tuple.of(campaignId, at(now), (double) interval.toSeconds()))
                .mapEmpty();
    }

    /** Marks an Update due at once (the close always federates). */
    Future<Void> markProgressDueNow(SqlClient tx, long campaignId, Instant now) {
        return tx.preparedQuery("UPDATE campaign_progress SET due_at = $2 WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId, at(now)))
                .mapEmpty();
    }

    Future<List<Long>> lockProgressDue(SqlClient tx, Instant now, int limit) {
        return ids(tx, """
                        SELECT campaign_id AS id FROM campaign_progress WHERE due_at <= $1
                        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED""", Tuple.of(at(now), limit));
    }

    Future<Void> progressPublished(SqlClient tx, long campaignId, Instant now) {
        return tx.preparedQuery("UPDATE campaign_progress SET due_at = NULL, published_at = $2 WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId, at(now)))
                .mapEmpty();
    }

    // ---- audit and news ---------------------------------------------------------------------------

    Future<Void> audit(SqlClient tx, long campaignId, long actorId, String action, JsonObject before, JsonObject after,
                       String reason, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO campaign_audit (campaign_id, actor_id, action, before, after, reason, at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] {campaignId, actorId, action, before, after, reason, at(now)}))
                .mapEmpty();
    }

    /** A news post to contributors. */
    record News(long id, long campaignId, String authorUsername, String title, String contentHtml, Instant publishedAt) {
    }

    Future<News> addNews(SqlClient tx, long campaignId, long authorId, String title, String html, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO campaign_updates (campaign_id, author_id, title, content_html, published_at)
                        VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                .execute(Tuple.of(campaignId, authorId, title, html, at(now)))
                .map(rows -> new News(rows.iterator().next().getLong("id"), campaignId, null, title, html, now));
    }

    Future<List<News>> news(SqlClient client, long campaignId) {
        return client.preparedQuery("""
                        SELECT u.*, a.username FROM campaign_updates u JOIN actors a ON a.id = u.author_id
                        WHERE u.campaign_id = $1 ORDER BY u.id DESC LIMIT 100""")
                .execute(Tuple.of(campaignId))
                .map(rows -> SqlErrors.all(rows, r -> new News(r.getLong("id"), campaignId, r.getString("username"),
                        r.getString("title"), r.getString("content_html"),
                        r.getOffsetDateTime("published_at").toInstant())));
    }

    Future<Long> auditCount(SqlClient client, long campaignId) {
        return client.preparedQuery("SELECT count(*) AS n FROM campaign_audit WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId)).map(rows -> rows.iterator().next().getLong("n"));
    }
}
