package coop.entraide.node.offers;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.offers.ResponseRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Set;

/**
 * FEP-0837 {@code Offer} of an {@code Agreement} answering one of our offers: a response from a
 * member of another node, which the author then accepts or declines. Other Offers (pledges to
 * campaigns) are left to their own handler.
 */
public final class OfferResponseHandler implements ActivityHandler {
    private final RemoteOffers offers;

    public OfferResponseHandler(RemoteOffers offers) {
        this.offers = offers;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.OFFER);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        if (!ResponseRequest.parse(in.body()).isOk()) {
            return ActivityHandler.ignored("not a response to an offer");
        }
        return offers.respondRemote(tx, in.actor(), in.body());
    }
}
