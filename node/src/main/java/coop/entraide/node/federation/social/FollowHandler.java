package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Follow} of a local actor (ActivityPub §7.5): recorded, then accepted at once with an
 * {@code Accept} that embeds the Follow, unless the actor approves followers by hand
 * ({@code manuallyApprovesFollowers}), in which case it waits for a moderator.
 */
public final class FollowHandler implements ActivityHandler {
    private final SocialContext social;
    private final FollowRepository follows = new FollowRepository();
    private final Notifications notifications = new Notifications();

    public FollowHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.FOLLOW);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<String> target = in.activity().object().map(Ref::id);
        if (target.isEmpty()) {
            return ActivityHandler.ignored("a Follow without an object");
        }
        return follows.target(tx, in.actor().id(), target.get()).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("follows " + target.get() + ", not an actor of ours");
            }
            if (found.get().blocked()) {
                return ActivityHandler.ignored("a block stands between " + in.actor().uri() + " and " + target.get());
            }
            return record(tx, in, found.get().followed(), found.get().existing());
        });
    }

    private Future<Outcome> record(SqlConnection tx, InboundActivity in, Actor followed, Optional<Follow> existing) {
        Actor follower = in.actor();
        String followId = in.activity().id();
        if (existing.isPresent()) {
            Follow f = existing.get();
            if (f.activityUri().equals(followId)) {
                return ActivityHandler.ignored("this Follow is already recorded");
            }
            // The follower's server lost track of the follow and asks again: answer the new id.
            return follows.replaceActivity(tx, f.id(), followId)
                    .compose(v -> f.accepted() ? accept(tx, in, followed) : ActivityHandler.applied());
        }
        Follow.State state = followed.manuallyApprovesFollowers() ? Follow.State.PENDING : Follow.State.ACCEPTED;
        return follows.insert(tx, follower.id(), followed.id(), state, followId, ObjectRepository.at(social.clock().instant()))
                .compose(inserted -> inserted.isEmpty()
                        ? ActivityHandler.ignored("this Follow is already recorded")
                        : state == Follow.State.ACCEPTED ? accept(tx, in, followed)
                        : notifications.notifyAnswerersFor(tx, followed.id(), Notifications.Kind.FOLLOW_REQUESTED,
                                FollowRequests.data(follower, followed)).compose(v -> ActivityHandler.applied()));
    }

    private Future<Outcome> accept(SqlConnection tx, InboundActivity in, Actor followed) {
        return social.publisher().answerFollow(tx, followed,
                        Activities.accept(social.uris().newActivity(), followed, in.body(), in.actor().uri()), in.actor())
                .compose(published -> ActivityHandler.applied());
    }
}
