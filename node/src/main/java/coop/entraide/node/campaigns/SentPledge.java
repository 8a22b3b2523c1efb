package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Money;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.Set;
import java.util.UUID;

/**
 * A pledge one of our members made to another node's campaign, as this node follows it: what was
 * sent, and the state the campaign's node reported.
 *
 * @param state {@code sent} (no answer yet), {@code rejected} (see {@code reason}), or the pledge's
 *              state on the campaign's node: promised, received, refunded, released
 */
public record SentPledge(long id, UUID publicId, long memberId, long collectiveId, String collectiveUri,
                         String campaignUri, String activityUri, Money amount, Money tip, String publicName,
                         String message, String state, String reason, String pledgeUri, String paymentReference,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static final String SENT = "sent";
    public static final String REJECTED = "rejected";
    /** The states a campaign's node may report, as in {@link PledgeState}. */
    static final Set<String> REPORTED = Set.of("promised", "received", "refunded", "released");

    static final String SELECT = """
            SELECT s.id, s.public_id, s.member_id, s.collective_id, a.uri AS collective_uri, s.campaign_uri,
                   s.activity_uri, s.amount, s.tip, s.currency, s.public_name, s.message, s.state, s.reason,
                   s.pledge_uri, s.payment_reference, s.created_at, s.updated_at
            FROM sent_pledges s JOIN actors a ON a.id = s.collective_id
            """;

    static SentPledge fromRow(Row row) {
        Currency currency = Currency.getInstance(row.getString("currency"));
        return new SentPledge(row.getLong("id"), row.getUUID("public_id"), row.getLong("member_id"),
                row.getLong("collective_id"), row.getString("collective_uri"), row.getString("campaign_uri"),
                row.getString("activity_uri"), new Money(row.getBigDecimal("amount").stripTrailingZeros(), currency),
                new Money(row.getBigDecimal("tip").stripTrailingZeros(), currency), row.getString("public_name"),
                row.getString("message"), row.getString("state"), row.getString("reason"), row.getString("pledge_uri"),
                row.getString("payment_reference"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    /**
     * Whether the campaign's node may move this pledge to {@code to}: forward only, as the
     * treasurer does (promised → received or released, received → refunded), so that a late or
     * repeated Update changes nothing.
     */
    boolean mayBecome(String to) {
        return switch (state) {
            case SENT -> REPORTED.contains(to);
            case "promised" -> to.equals("received") || to.equals("released");
            case "received" -> to.equals("refunded");
            default -> false;
        };
    }
}
