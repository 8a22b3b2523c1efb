package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Money;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Our members' pledges to other nodes' campaigns ({@code sent_pledges}). */
final class SentPledgeRepository {

    Future<SentPledge> insert(SqlClient tx, long memberId, long collectiveId, String campaignUri, String activityUri,
                              Money amount, Money tip, String publicName, String message, OffsetDateTime now) {
        return tx.preparedQuery("""
                        INSERT INTO sent_pledges (member_id, collective_id, campaign_uri, activity_uri, amount, tip, currency,
                                                  public_name, message, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(memberId, collectiveId, campaignUri, activityUri, amount.amount(),
                        tip.amount(), amount.currency().getCurrencyCode(), publicName, message, now)))
                .compose(rows -> byId(tx, rows.iterator().next().getLong("id")))
                .map(Optional::orElseThrow);
    }

    Future<Optional<SentPledge>> byId(SqlClient client, long id) {
        return one(client, "s.id = $1", id);
    }

    Future<Optional<SentPledge>> byPublicId(SqlClient client, UUID publicId) {
        return one(client, "s.public_id = $1", publicId);
    }

    Future<Optional<SentPledge>> byActivity(SqlClient client, String activityUri) {
        return one(client, "s.activity_uri = $1", activityUri);
    }

    Future<Optional<SentPledge>> byPledge(SqlClient client, String pledgeUri) {
        return one(client, "s.pledge_uri = $1", pledgeUri);
    }

    private Future<Optional<SentPledge>> one(SqlClient client, String where, Object key) {
        return client.preparedQuery(SentPledge.SELECT + "WHERE " + where + " FOR UPDATE OF s")
                .execute(Tuple.of(key))
                .map(rows -> SqlErrors.first(rows, SentPledge::fromRow));
    }

    Future<List<SentPledge>> ofMember(SqlClient client, long memberId) {
        return client.preparedQuery(SentPledge.SELECT + "WHERE s.member_id = $1 ORDER BY s.id DESC LIMIT 500")
                .execute(Tuple.of(memberId))
                .map(rows -> SqlErrors.all(rows, SentPledge::fromRow));
    }

    /** The campaign's node recorded it: its state there, its id and how to pay it. */
    Future<Void> accepted(SqlClient tx, long id, String state, String pledgeUri, String paymentReference,
                          OffsetDateTime now) {
        return tx.preparedQuery("""
                        UPDATE sent_pledges SET state = $2, pledge_uri = $3, payment_reference = $4, updated_at = $5
                        WHERE id = $1""")
                .execute(Tuple.of(id, state, pledgeUri, paymentReference, now))
                .mapEmpty();
    }

    Future<Void> rejected(SqlClient tx, long id, String reason, OffsetDateTime now) {
        return tx.preparedQuery("UPDATE sent_pledges SET state = 'rejected', reason = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, reason, now))
                .mapEmpty();
    }

    Future<Void> setState(SqlClient tx, long id, String state, OffsetDateTime now) {
        return tx.preparedQuery("UPDATE sent_pledges SET state = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, state, now))
                .mapEmpty();
    }
}
