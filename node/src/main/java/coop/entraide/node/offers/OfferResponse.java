package coop.entraide.node.offers;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Someone's answer to an offer, and what the author decided. */
public record OfferResponse(
        long id,
        UUID publicId,
        long offerId,
        long responderId,
        String responderUri,
        String responderUsername,
        String responderDomain,
        String message,
        String state,
        String sourceUri,
        OffsetDateTime createdAt,
        OffsetDateTime decidedAt) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";
    public static final String CANCELLED = "cancelled";

    static final String SELECT = """
            SELECT r.id, r.public_id, r.offer_id, r.responder_id, a.uri AS responder_uri,
                   a.username AS responder_username, a.domain AS responder_domain, r.message, r.state,
                   r.source_uri, r.created_at, r.decided_at
            FROM offer_responses r JOIN actors a ON a.id = r.responder_id""";

    static OfferResponse fromRow(Row row) {
        return new OfferResponse(row.getLong("id"), row.getUUID("public_id"), row.getLong("offer_id"),
                row.getLong("responder_id"), row.getString("responder_uri"), row.getString("responder_username"),
                row.getString("responder_domain"), row.getString("message"), row.getString("state"),
                row.getString("source_uri"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("decided_at"));
    }
}
