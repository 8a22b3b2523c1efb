package coop.entraide.node.campaigns;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pledges and the campaign expenses reported by treasurers. */
final class PledgeRepository {
    private static final String SELECT = """
            SELECT p.*, m.username AS donor_username
            FROM pledges p LEFT JOIN actors m ON m.id = p.donor_member_id
            """;

    /** A pledge to insert; its id is taken first so that its payment reference can be derived from it. */
    record NewPledge(long campaignId, Pledge.DonorKind donorKind, Long donorMemberId, String donorActorUri,
                     String donorEmail, String donorLegalName, String donorAddress, String publicName, String message,
                     BigDecimal amount, BigDecimal tip, String currency, String remoteActivityUri) {
    }

    Future<Long> nextId(SqlClient tx) {
        return tx.query("SELECT nextval(pg_get_serial_sequence('pledges', 'id')) AS id").execute()
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Future<Void> insert(SqlClient tx, long id, NewPledge p, String reference, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO pledges (id, campaign_id, donor_kind, donor_member_id, donor_actor_uri, donor_email,
                            donor_legal_name, donor_address, public_name, message, amount, tip, currency,
                            payment_reference, remote_activity_uri, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)""")
                .execute(Tuple.from(new Object[] {id, p.campaignId(), p.donorKind().value(), p.donorMemberId(),
                        p.donorActorUri(), p.donorEmail(), p.donorLegalName(), p.donorAddress(), p.publicName(),
                        p.message(), p.amount(), p.tip(), p.currency(), reference, p.remoteActivityUri(),
                        CampaignRepository.at(now)}))
                .mapEmpty();
    }

    Future<Optional<Pledge>> byId(SqlClient client, long id) {
        return client.preparedQuery(SELECT + "WHERE p.id = $1").execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Pledge::fromRow));
    }

    /** Locks one pledge for a change of state: two treasurers clicking at once change it once. */
    Future<Optional<Pledge>> lock(SqlClient tx, long id) {
        return tx.preparedQuery(SELECT + "WHERE p.id = $1 FOR UPDATE OF p").execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Pledge::fromRow));
    }

    Future<Optional<Pledge>> byRemoteActivity(SqlClient client, String activityUri) {
        return client.preparedQuery(SELECT + "WHERE p.remote_activity_uri = $1").execute(Tuple.of(activityUri))
                .map(rows -> SqlErrors.first(rows, Pledge::fromRow));
    }

    Future<Void> setState(SqlClient tx, long id, PledgeState state, String method, Instant now) {
        return tx.preparedQuery("""
                        UPDATE pledges SET state = $2, payment_method = coalesce($3, payment_method), updated_at = $4
                        WHERE id = $1""")
                .execute(Tuple.of(id, state.value(), method, CampaignRepository.at(now)))
                .mapEmpty();
    }

    Future<List<Pledge>> ofCampaign(SqlClient client, long campaignId) {
        return list(client, SELECT + "WHERE p.campaign_id = $1 ORDER BY p.id", Tuple.of(campaignId));
    }

    Future<List<Pledge>> promisedOfCampaign(SqlClient tx, long campaignId) {
        return list(tx, SELECT + "WHERE p.campaign_id = $1 AND p.state = 'promised' ORDER BY p.id FOR UPDATE OF p",
                Tuple.of(campaignId));
    }

    Future<List<Pledge>> ofMember(SqlClient client, long memberId) {
        return list(client, SELECT + "WHERE p.donor_member_id = $1 ORDER BY p.id DESC LIMIT 500", Tuple.of(memberId));
    }

    /** The remote actors whose promise to this campaign stands: those a release is told to. */
    Future<List<String>> promisedRemoteDonors(SqlClient client, long campaignId) {
        return client.preparedQuery("""
                        SELECT DISTINCT donor_actor_uri FROM pledges
                        WHERE campaign_id = $1 AND state = 'promised' AND donor_kind = 'remote'
                        ORDER BY donor_actor_uri""")
                .execute(Tuple.of(campaignId))
                .map(rows -> SqlErrors.all(rows, r -> r.getString("donor_actor_uri")));
    }

    /** Pledges that still count: promised or received. */
    Future<Long> contributors(SqlClient client, long campaignId) {
        return client.preparedQuery("""
                        SELECT count(*) AS n FROM pledges WHERE campaign_id = $1 AND state IN ('promised', 'received')""")
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** The contributors told of a news post: members and remote actors whose pledge still stands. */
    record Contributors(List<Long> members, List<String> remoteActors) {
    }

    Future<Contributors> contributorsToTell(SqlClient client, long campaignId) {
        return client.preparedQuery("""
                        SELECT DISTINCT donor_kind, donor_member_id, donor_actor_uri FROM pledges
                        WHERE campaign_id = $1 AND state IN ('promised', 'received') AND donor_kind IN ('member', 'remote')
                        ORDER BY donor_kind, donor_member_id, donor_actor_uri""")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    List<Long> members = new ArrayList<>();
                    List<String> remote = new ArrayList<>();
                    rows.forEach(r -> {
                        if ("member".equals(r.getString("donor_kind"))) {
                            members.add(r.getLong("donor_member_id"));
                        } else {
                            remote.add(r.getString("donor_actor_uri"));
                        }
                    });
                    return new Contributors(members, remote);
                });
    }

    Future<Long> countOfCampaign(SqlClient client, long campaignId) {
        return client.preparedQuery("SELECT count(*) AS n FROM pledges WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private static Future<List<Pledge>> list(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rows -> SqlErrors.all(rows, Pledge::fromRow));
    }

    // ---- expenses ------------------------------------------------------------------------------

    /** An expense the collective reports. */
    record Expense(long id, long campaignId, BigDecimal amount, String currency, String description,
                   java.time.LocalDate spentOn, Instant recordedAt) {
    }

    Future<Long> insertExpense(SqlClient tx, long campaignId, BigDecimal amount, String currency, String description,
                               java.time.LocalDate spentOn, long recordedBy, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO campaign_expenses (campaign_id, amount, currency, description, spent_on, recorded_by, recorded_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                .execute(Tuple.from(new Object[] {campaignId, amount, currency, description, spentOn, recordedBy,
                        CampaignRepository.at(now)}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Future<List<Expense>> expenses(SqlClient client, long campaignId) {
        return client.preparedQuery("SELECT * FROM campaign_expenses WHERE campaign_id = $1 ORDER BY spent_on, id")
                .execute(Tuple.of(campaignId))
                .map(rows -> SqlErrors.all(rows, r -> new Expense(r.getLong("id"), campaignId,
                        r.getBigDecimal("amount"), r.getString("currency"), r.getString("description"),
                        r.getLocalDate("spent_on"), r.getOffsetDateTime("recorded_at").toInstant())));
    }
}
