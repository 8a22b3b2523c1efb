package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Money;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;

/** A crowdfunding campaign of a collective hosted on this node. */
public record Campaign(
        long id,
        long collectiveId,
        String collectiveUsername,
        String collectiveName,
        String title,
        String descriptionHtml,
        String imageUrl,
        Money goal,
        Instant startsAt,
        Instant endsAt,
        CampaignRule rule,
        boolean freeAmount,
        CampaignState state,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant closedAt,
        List<Tier> tiers) {

    public Currency currency() {
        return goal.currency();
    }

    /** Whether a pledge made at {@code now} can be accepted. */
    public boolean acceptsPledgesAt(Instant now) {
        return state == CampaignState.OPEN && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    Campaign withTiers(List<Tier> list) {
        return new Campaign(id, collectiveId, collectiveUsername, collectiveName, title, descriptionHtml, imageUrl, goal,
                startsAt, endsAt, rule, freeAmount, state, createdAt, updatedAt, publishedAt, closedAt, List.copyOf(list));
    }

    static Campaign fromRow(Row row) {
        return new Campaign(
                row.getLong("id"),
                row.getLong("collective_id"),
                row.getString("collective_username"),
                row.getString("collective_name"),
                row.getString("title"),
                row.getString("description_html"),
                row.getString("image_url"),
                new Money(row.getBigDecimal("goal"), Currency.getInstance(row.getString("currency"))),
                instant(row.getOffsetDateTime("starts_at")),
                instant(row.getOffsetDateTime("ends_at")),
                CampaignRule.valueOf(row.getString("rule").toUpperCase(java.util.Locale.ROOT)),
                row.getBoolean("free_amount"),
                CampaignState.parse(row.getString("state")),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")),
                instant(row.getOffsetDateTime("published_at")),
                instant(row.getOffsetDateTime("closed_at")),
                List.of());
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
