package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.notifications.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;

/**
 * Follows our actors make and answer: following someone (a Follow sent, or for a local actor,
 * recorded at once), unfollowing (an Undo), and a moderator's answer to a pending follow request
 * (an Accept or a Reject). Each method runs in the caller's transaction, deliveries included.
 */
public final class Following {
    private final SocialContext social;
    private final FollowRepository follows = new FollowRepository();
    private final Notifications notifications = new Notifications();

    public Following(SocialContext social) {
        this.social = social;
    }

    /** A follow, and whether this call made it ({@code false}: it was there already). */
    public record Followed(Follow follow, boolean created) {
    }

    /** {@code follower} (local) follows {@code followed}; the existing follow when there is one. */
    public Future<Follow> follow(SqlClient tx, Actor follower, Actor followed) {
        return followOnce(tx, follower, followed).map(Followed::follow);
    }

    /** As {@link #follow}, telling a new follow from one found (also one a concurrent call just made). */
    public Future<Followed> followOnce(SqlClient tx, Actor follower, Actor followed) {
        return follows.between(tx, follower.id(), followed.id()).compose(existing -> {
            if (existing.isPresent()) {
                return Future.succeededFuture(new Followed(existing.get(), false));
            }
            String activityId = social.uris().newActivity();
            Follow.State state = followed.local() && !followed.manuallyApprovesFollowers()
                    ? Follow.State.ACCEPTED : Follow.State.PENDING;
            return follows.insert(tx, follower.id(), followed.id(), state, activityId, now())
                    .compose(inserted -> inserted.map(Future::succeededFuture)
                            .orElseGet(() -> follows.between(tx, follower.id(), followed.id()).map(f -> f.orElseThrow())))
                    .compose(f -> followed.local() && f.state() == Follow.State.PENDING && f.activityUri().equals(activityId)
                            ? notifications.notifyAnswerersFor(tx, followed.id(), Notifications.Kind.FOLLOW_REQUESTED,
                                    FollowRequests.data(follower, followed)).map(f)
                            : Future.succeededFuture(f))
                    .compose(f -> followed.local() || !f.activityUri().equals(activityId)
                            ? Future.succeededFuture(f)
                            : social.publisher().publish(tx, follower, Activities.follow(activityId, follower, followed.uri()),
                                    Audience.direct(followed)).map(f))
                    .map(f -> new Followed(f, f.activityUri().equals(activityId)));
        });
    }

    /** Ends a follow of ours, telling the followed actor with an Undo that embeds the Follow. */
    public Future<Void> unfollow(SqlClient tx, Actor follower, Actor followed, Follow follow) {
        return follows.delete(tx, follow.id()).compose(deleted -> {
            if (!deleted || followed.local()) {
                return Future.succeededFuture();
            }
            return social.publisher().publish(tx, follower,
                    Activities.undo(social.uris().newActivity(), follower,
                            Activities.followOf(follow.activityUri(), follower.uri(), followed.uri()),
                            Audience.direct(followed).addressing(follower)),
                    Audience.direct(followed)).mapEmpty();
        });
    }

    /** A moderator accepts a pending follow of a local actor. */
    public Future<Boolean> accept(SqlClient tx, Follow follow, Actor follower, Actor followed) {
        return follows.accept(tx, follow.id(), now()).compose(changed -> {
            if (!changed || follower.local()) {
                return Future.succeededFuture(changed);
            }
            return social.publisher().answerFollow(tx, followed,
                    Activities.accept(social.uris().newActivity(), followed,
                            Activities.followOf(follow.activityUri(), follower.uri(), followed.uri()), follower.uri()),
                    follower).map(true);
        });
    }

    /** A moderator refuses a pending follow of a local actor. */
    public Future<Boolean> reject(SqlClient tx, Follow follow, Actor follower, Actor followed) {
        return follows.delete(tx, follow.id()).compose(deleted -> {
            if (!deleted || follower.local()) {
                return Future.succeededFuture(deleted);
            }
            return social.publisher().answerFollow(tx, followed,
                    Activities.reject(social.uris().newActivity(), followed,
                            Activities.followOf(follow.activityUri(), follower.uri(), followed.uri()), follower.uri()),
                    follower).map(true);
        });
    }

    private OffsetDateTime now() {
        return ObjectRepository.at(social.clock().instant());
    }
}
