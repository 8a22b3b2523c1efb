package coop.entraide.node.offers;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Accept} or {@code Reject} of a response one of our members sent to another server's offer
 * (FEP-0837 §Agreement negotiation): the author decided. Answers to anything else (a Follow, a
 * pledge) are left to the other handlers.
 */
public final class OfferAnswerHandler implements ActivityHandler {
    private final RemoteOffers offers;

    public OfferAnswerHandler(RemoteOffers offers) {
        this.offers = offers;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.ACCEPT, As.REJECT);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.objectMaybe(As.OFFER);
        if (object.isEmpty() || object.get().id() == null) {
            return ActivityHandler.ignored("does not answer a response by its id");
        }
        return offers.answered(tx, in.actor(), object.get().id(), in.activity().is(As.ACCEPT));
    }
}
