package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Accept} and {@code Reject} of a Follow one of our actors sent (ActivityPub §7.7, §7.8):
 * the follow becomes accepted, or is deleted. The Follow may be embedded (Mastodon) or given by
 * its id only (Mitra); only the followed actor can answer it. An Accept of anything else is not
 * ours to judge and is left alone.
 */
public final class FollowAnswerHandler implements ActivityHandler {
    private final SocialContext social;
    private final ActorLookup actors = new ActorLookup();
    private final FollowRepository follows = new FollowRepository();

    public FollowAnswerHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.ACCEPT, As.REJECT);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.objectMaybe(As.FOLLOW);
        if (object.isEmpty()) {
            return ActivityHandler.ignored("does not answer a Follow");
        }
        return find(tx, in, object.get()).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("not a follow of ours");
            }
            Follow follow = found.get();
            if (follow.followedId() != in.actor().id()) {
                return ActivityHandler.refused(in.actor().uri() + " answers a follow of someone else");
            }
            if (in.activity().is(As.REJECT)) {
                return follows.delete(tx, follow.id()).compose(deleted -> ActivityHandler.applied());
            }
            return follows.accept(tx, follow.id(), ObjectRepository.at(social.clock().instant()))
                    .compose(changed -> changed ? ActivityHandler.applied() : ActivityHandler.ignored("already accepted"));
        });
    }

    private Future<Optional<Follow>> find(SqlConnection tx, InboundActivity in, Ref object) {
        Future<Optional<Follow>> byId = object.id() == null
                ? Future.succeededFuture(Optional.empty())
                : follows.byActivity(tx, object.id());
        return byId.compose(found -> {
            if (found.isPresent() || !object.isEmbedded()) {
                return Future.succeededFuture(found);
            }
            // An embedded Follow whose id we do not know: find it by its two ends.
            String followerId = Refs.idOf(object.node(), As.ACTOR);
            return actors.local(tx, followerId).compose(local -> local.isEmpty()
                    ? Future.succeededFuture(Optional.<Follow>empty())
                    : follows.between(tx, local.get().id(), in.actor().id()));
        });
    }
}
