package coop.entraide.node.campaigns;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.EntraideCampaigns;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Update} of a {@code Pledge} one of our members made: the campaign's node reports that it
 * was received, refunded or released. Only the campaign's collective may say so, and only forward
 * (a late or repeated Update changes nothing). Updates of anything else are left to the social
 * handlers.
 */
public final class SentPledgeUpdateHandler implements ActivityHandler {
    private final RemoteCampaigns campaigns;

    public SentPledgeUpdateHandler(RemoteCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.UPDATE);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty() || !object.get().isEmbedded() || !object.get().is(EntraideCampaigns.PLEDGE)
                || object.get().id() == null) {
            return ActivityHandler.ignored("not an Update of a pledge");
        }
        String state = object.get().node().path(EntraideCampaigns.PLEDGE_STATE).asText("");
        return campaigns.sent().byPledge(tx, object.get().id()).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("not a pledge one of our members made");
            }
            SentPledge pledge = found.get();
            if (pledge.collectiveId() != in.actor().id()) {
                return ActivityHandler.refused(in.actor().uri() + " cannot change a pledge to " + pledge.collectiveUri());
            }
            if (!pledge.mayBecome(state)) {
                return ActivityHandler.ignored("a " + pledge.state() + " pledge does not become " + state);
            }
            return campaigns.sent().setState(tx, pledge.id(), state, campaigns.now())
                    .compose(v -> ActivityHandler.applied());
        });
    }
}
