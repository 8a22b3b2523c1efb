package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Money;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Currency;

/**
 * A pledge to a campaign. {@code publicName} null means anonymous; the e-mail address, legal name
 * and postal address are for the collective's treasurer and the tax receipt only.
 */
public record Pledge(
        long id,
        long campaignId,
        DonorKind donorKind,
        Long donorMemberId,
        String donorUsername,
        String donorActorUri,
        String donorEmail,
        String donorLegalName,
        String donorAddress,
        String publicName,
        String message,
        Money amount,
        Money tip,
        PledgeState state,
        String paymentMethod,
        String paymentReference,
        String remoteActivityUri,
        Instant createdAt,
        Instant updatedAt) {

    /** Who pledged: a member of this node, an actor of another server, or a visitor of the public page. */
    public enum DonorKind {
        MEMBER, REMOTE, PUBLIC;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean anonymous() {
        return publicName == null;
    }

    public Money total() {
        return amount.plus(tip);
    }

    static Pledge fromRow(Row row) {
        Currency currency = Currency.getInstance(row.getString("currency"));
        return new Pledge(
                row.getLong("id"),
                row.getLong("campaign_id"),
                DonorKind.valueOf(row.getString("donor_kind").toUpperCase(java.util.Locale.ROOT)),
                row.getLong("donor_member_id"),
                row.getString("donor_username"),
                row.getString("donor_actor_uri"),
                row.getString("donor_email"),
                row.getString("donor_legal_name"),
                row.getString("donor_address"),
                row.getString("public_name"),
                row.getString("message"),
                new Money(row.getBigDecimal("amount"), currency),
                new Money(row.getBigDecimal("tip"), currency),
                PledgeState.parse(row.getString("state")),
                row.getString("payment_method"),
                row.getString("payment_reference"),
                row.getString("remote_activity_uri"),
                Campaign.instant(row.getOffsetDateTime("created_at")),
                Campaign.instant(row.getOffsetDateTime("updated_at")));
    }
}
