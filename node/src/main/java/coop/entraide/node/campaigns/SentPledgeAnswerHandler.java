package coop.entraide.node.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The answer of a campaign's node to a pledge one of our members sent: {@code Accept} with the
 * pledge as recorded there ({@code result}: its id, state and payment reference), or
 * {@code Reject} with the reason in {@code summary}. Only the campaign's collective may answer.
 * Answers to anything else are left to the other handlers.
 */
public final class SentPledgeAnswerHandler implements ActivityHandler {
    private final RemoteCampaigns campaigns;

    public SentPledgeAnswerHandler(RemoteCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.ACCEPT, As.REJECT);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.objectMaybe(As.OFFER);
        if (object.isEmpty() || object.get().id() == null) {
            return ActivityHandler.ignored("not an answer to a pledge");
        }
        return campaigns.sent().byActivity(tx, object.get().id()).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("not a pledge one of our members sent");
            }
            SentPledge pledge = found.get();
            if (pledge.collectiveId() != in.actor().id()) {
                return ActivityHandler.refused(in.actor().uri() + " cannot answer a pledge to " + pledge.collectiveUri());
            }
            if (!pledge.state().equals(SentPledge.SENT)) {
                return ActivityHandler.ignored("already answered");
            }
            if (in.activity().is(As.REJECT)) {
                String reason = in.body().path("summary").asText("refused");
                return campaigns.sent().rejected(tx, pledge.id(), reason, campaigns.now())
                        .compose(v -> ActivityHandler.applied());
            }
            JsonNode result = in.body().path(As.RESULT);
            String state = result.path(EntraideCampaigns.PLEDGE_STATE).asText("promised");
            if (!SentPledge.REPORTED.contains(state)) {
                return ActivityHandler.refused("unknown pledge state " + state);
            }
            return campaigns.sent().accepted(tx, pledge.id(), state, result.path(As.ID).asText(null),
                            result.path(EntraideCampaigns.PAYMENT_REFERENCE).asText(null), campaigns.now())
                    .compose(v -> ActivityHandler.applied());
        });
    }
}
