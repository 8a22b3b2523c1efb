package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Entry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ending a campaign: at its end date (by the scheduler) or cancelled by an admin. The caller holds
 * the campaign row FOR UPDATE, so no pledge is being added meanwhile.
 */
final class Closing {
    private final CampaignCore core;

    Closing(CampaignCore core) {
        this.core = core;
    }

    /** What the end date makes of an open campaign. */
    static CampaignState outcome(Campaign c, Progress p) {
        if (c.rule() == CampaignRule.KEEP_WHAT_IS_RAISED) {
            return CampaignState.SUCCEEDED;
        }
        return p.goalReached() ? CampaignState.SUCCEEDED : CampaignState.FAILED;
    }

    /**
     * The remote donors that closing {@code c} at its end would tell of a released promise, read
     * with no lock so that they can be met before the closing transaction.
     */
    Future<List<String>> donorsToTellAtEnd(SqlClient client, Campaign c) {
        return core.progress(client, c).compose(p -> outcome(c, p) == CampaignState.FAILED
                ? core.pledges.promisedRemoteDonors(client, c.id())
                : Future.succeededFuture(List.of()));
    }

    /** Closes an open campaign whose end has come; all-or-nothing short of its goal releases its promises. */
    Future<CampaignState> closeAtEnd(SqlConnection tx, Campaign c) {
        Instant now = core.now();
        return core.progress(tx, c).compose(p -> {
            CampaignState outcome = outcome(c, p);
            Future<Void> released = outcome == CampaignState.FAILED
                    ? releasePromised(tx, c, CampaignAccounts.Recorder.node("all-or-nothing goal not reached"),
                            "goal not reached by the end date")
                    : Future.succeededFuture();
            return released
                    .compose(v -> core.campaigns.setState(tx, c.id(), outcome, now))
                    .compose(v -> core.campaigns.markProgressDueNow(tx, c.id(), now))
                    .map(outcome);
        });
    }

    /** Releases every promised pledge of the campaign in the ledger, and tells remote donors. */
    Future<Void> releasePromised(SqlConnection tx, Campaign c, CampaignAccounts.Recorder by, String memo) {
        Instant now = core.now();
        return core.pledges.promisedOfCampaign(tx, c.id()).compose(promised -> {
            if (promised.isEmpty()) {
                return Future.succeededFuture();
            }
            return core.accounts(tx, c.id()).compose(accounts -> {
                List<Entry> entries = new ArrayList<>();
                promised.forEach(p -> entries.addAll(accounts.pledgeEvent(PledgeState.RELEASED, p, by, now, null, memo)));
                return core.ledger.record(tx, entries);
            }).compose(v -> tx.preparedQuery("""
                            UPDATE pledges SET state = 'released', updated_at = $2
                            WHERE campaign_id = $1 AND state = 'promised'""")
                    .execute(Tuple.of(c.id(), CampaignRepository.at(now))))
                    .compose(v -> {
                        Future<Void> told = Future.succeededFuture();
                        for (Pledge p : promised) {
                            Pledge released = withState(p, PledgeState.RELEASED, now);
                            told = told.compose(x -> core.tellDonor(tx, c, released));
                        }
                        return told;
                    });
        });
    }

    static Pledge withState(Pledge p, PledgeState state, Instant now) {
        return new Pledge(p.id(), p.campaignId(), p.donorKind(), p.donorMemberId(), p.donorUsername(), p.donorActorUri(),
                p.donorEmail(), p.donorLegalName(), p.donorAddress(), p.publicName(), p.message(), p.amount(), p.tip(),
                state, p.paymentMethod(), p.paymentReference(), p.remoteActivityUri(), p.createdAt(), now);
    }
}
