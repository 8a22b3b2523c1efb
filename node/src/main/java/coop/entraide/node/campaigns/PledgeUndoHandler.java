package coop.entraide.node.campaigns;

import coop.entraide.node.campaigns.PledgeService.RemoteOutcome;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Undo} of a pledge's {@code Offer} by the actor who made it: a promised pledge is
 * released. An Undo of anything else (a Follow, a Like) is left to the social handlers.
 */
public final class PledgeUndoHandler implements ActivityHandler {
    private final CampaignCore core;
    private final PledgeService pledges;

    PledgeUndoHandler(CampaignCore core, PledgeService pledges) {
        this.core = core;
        this.pledges = pledges;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.UNDO);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> undone = in.objectMaybe(As.OFFER);
        if (undone.isEmpty() || undone.get().id() == null) {
            return ActivityHandler.ignored("not the Undo of a pledge");
        }
        String offerId = undone.get().id();
        return core.pledges.byRemoteActivity(tx, offerId).compose(found -> found.isEmpty()
                ? ActivityHandler.ignored("no pledge was made by " + offerId)
                : pledges.withdrawRemote(tx, in.actor().uri(), offerId).compose(outcome ->
                        outcome instanceof RemoteOutcome.Refused refused
                                ? ActivityHandler.refused(refused.reason())
                                : ActivityHandler.applied()));
    }
}
