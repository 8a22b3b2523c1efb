package coop.entraide.node.campaigns;

import coop.entraide.node.campaigns.CampaignDocuments.ParsedPledge;
import coop.entraide.node.campaigns.PledgeService.RemoteOutcome;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Set;

/**
 * A pledge from a member of another Entraide node: an {@code Offer} of a {@code Pledge} whose
 * {@code target} is one of our campaigns (docs/campaigns.md). Recorded once per activity and
 * answered to its sender with {@code Accept} or {@code Reject}. Other Offers (responses to offers)
 * are left to their own handler.
 */
public final class PledgeOfferHandler implements ActivityHandler {
    private final PledgeService pledges;

    public PledgeOfferHandler(PledgeService pledges) {
        this.pledges = pledges;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.OFFER);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        if (!(CampaignDocuments.pledgeFromAs(in.body()) instanceof ParsedPledge.Valid valid)) {
            return ActivityHandler.ignored("not a pledge");
        }
        if (!valid.pledge().actorUri().equals(in.actor().uri())) {
            return ActivityHandler.refused(in.actor().uri() + " cannot pledge for " + valid.pledge().actorUri());
        }
        return pledges.pledgeRemote(tx, valid.pledge()).compose(outcome -> {
            if (outcome instanceof RemoteOutcome.Accepted) {
                return ActivityHandler.applied();
            }
            if (outcome instanceof RemoteOutcome.AlreadyKnown) {
                return ActivityHandler.ignored("this pledge is already recorded");
            }
            return ActivityHandler.refused(((RemoteOutcome.Refused) outcome).reason());
        });
    }
}
