package coop.entraide.node.federation.social;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;

/**
 * Follows as members manage them: looking an actor up by handle, following for oneself or (an
 * administrator) for one's collective, unfollowing, listing, and answering follow requests of a
 * collective that approves its followers (moderators and administrators).
 */
public final class FollowService {
    /** For whom a member acts: themselves, or their collective. */
    public enum Acting { MEMBER, COLLECTIVE }

    /** A follow and the actor at its other end. */
    public record Listed(Follow follow, Actor actor) {
    }

    private final Pool pool;
    private final SocialContext social;
    private final Following following;
    private final ActorLookup actors = new ActorLookup();
    private final FollowRepository follows = new FollowRepository();

    public FollowService(Pool pool, SocialContext social) {
        this.pool = pool;
        this.social = social;
        this.following = new Following(social);
    }

    /** What a lookup shows before following: the actor, its avatar, its followers when we know them. */
    public record Preview(Actor actor, Optional<String> avatar, Optional<Long> followers) {
    }

    /** An actor anywhere, by {@code @name@host}. Followers are counted for our own actors only. */
    public Future<Preview> lookup(String handle) {
        return resolve(handle).compose(actor -> actors.avatar(pool, actor.uri()).compose(avatar -> actor.local()
                ? follows.countFollowers(pool, actor.id()).map(n -> new Preview(actor, avatar, Optional.of(n)))
                : Future.succeededFuture(new Preview(actor, avatar, Optional.empty()))));
    }

    /** What following answers: the follow with its actor, and whether it is new. */
    public record Followed(Listed listed, boolean created) {
    }

    public Future<Followed> follow(Member member, Acting as, String handle) {
        return woken(resolve(handle).compose(target -> pool.withTransaction(tx -> acting(tx, member, as)
                .compose(follower -> {
                    if (follower.id() == target.id()) {
                        return Future.failedFuture(new InvalidInputException("handle", "an actor cannot follow itself"));
                    }
                    return following.followOnce(tx, follower, target)
                            .map(f -> new Followed(new Listed(f.follow(), target), f.created()));
                }))));
    }

    public Future<Void> unfollow(Member member, long followId) {
        return woken(pool.withTransaction(tx -> follows.byId(tx, followId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new NotFoundException("there is no follow " + followId));
            }
            Follow f = found.get();
            return mayActFor(tx, member, f.followerId()).compose(follower -> actors.byId(tx, f.followedId())
                    .compose(followed -> followed.isEmpty()
                            ? follows.delete(tx, f.id()).<Void>mapEmpty()
                            : following.unfollow(tx, follower, followed.get(), f)));
        })));
    }

    /** Those {@code as} follows ({@code followers = false}) or who follow it, newest first. */
    public Future<List<Listed>> list(Member member, Acting as, boolean followers, Optional<Follow.State> state,
                                     Optional<Long> before, int limit) {
        return pool.withConnection(c -> acting(c, member, as).compose(self ->
                follows.page(c, self.id(), followers, state, before, limit)
                        .map(rows -> rows.stream().map(r -> new Listed(r.follow(), r.actor())).toList())));
    }

    /** Follow requests waiting for the member's collective (moderators) or for the member. */
    public Future<List<Listed>> requests(Member member, Acting as, Optional<Long> before, int limit) {
        if (as == Acting.COLLECTIVE && member.role() == Role.MEMBER) {
            return Future.failedFuture(ApiException.forbidden("Only moderators answer the collective's follow requests."));
        }
        return pool.withConnection(c -> (as == Acting.COLLECTIVE ? collective(c, member) : Future.succeededFuture(member.actor()))
                .compose(self -> follows.page(c, self.id(), true, Optional.of(Follow.State.PENDING), before, limit))
                .map(rows -> rows.stream().map(r -> new Listed(r.follow(), r.actor())).toList()));
    }

    /** A moderator (or the followed member) accepts or refuses a pending follow. */
    public Future<Listed> answer(Member member, long followId, boolean accept) {
        return woken(pool.withTransaction(tx -> follows.byId(tx, followId).compose(found -> {
            if (found.isEmpty() || found.get().accepted()) {
                return Future.failedFuture(new NotFoundException("there is no pending follow request " + followId));
            }
            Follow f = found.get();
            return mayAnswerFor(tx, member, f.followedId()).compose(followed -> actors.byId(tx, f.followerId())
                    .compose(follower -> {
                        if (follower.isEmpty()) {
                            return follows.delete(tx, f.id()).compose(v -> Future.failedFuture(
                                    new NotFoundException("the actor who asked is gone")));
                        }
                        Future<Boolean> done = accept
                                ? following.accept(tx, f, follower.get(), followed)
                                : following.reject(tx, f, follower.get(), followed);
                        return done.compose(v -> follows.byId(tx, f.id()))
                                .map(after -> new Listed(after.orElse(null), follower.get()));
                    }));
        })));
    }

    private Future<Actor> resolve(String handle) {
        if (handle == null || handle.isBlank()) {
            return Future.failedFuture(new InvalidInputException("handle", "handle is required, e.g. @name@example.org"));
        }
        String h = handle.strip();
        if (!h.matches("@?[^@\\s]+@[^@\\s]+")) {
            return Future.failedFuture(new InvalidInputException("handle", "a handle looks like @name@example.org"));
        }
        return social.remoteActors().resolveHandle(h)
                .recover(e -> Future.failedFuture(e instanceof InvalidInputException || e instanceof ApiException
                        ? e : new NotFoundException("no actor answers to " + h)));
    }

    private Future<Actor> acting(SqlConnection c, Member member, Acting as) {
        if (as == Acting.MEMBER) {
            return Future.succeededFuture(member.actor());
        }
        if (member.role() != Role.ADMIN) {
            return Future.failedFuture(ApiException.forbidden("Only an administrator of the collective acts for it."));
        }
        return collective(c, member);
    }

    private Future<Actor> collective(SqlConnection c, Member member) {
        return actors.byId(c, member.collectiveId()).map(found -> found.orElseThrow());
    }

    private Future<Actor> mayActFor(SqlConnection c, Member member, long actorId) {
        if (actorId == member.id()) {
            return Future.succeededFuture(member.actor());
        }
        if (actorId == member.collectiveId() && member.role() == Role.ADMIN) {
            return collective(c, member);
        }
        return Future.failedFuture(new NotFoundException("there is no such follow of yours"));
    }

    private Future<Actor> mayAnswerFor(SqlConnection c, Member member, long actorId) {
        if (actorId == member.id()) {
            return Future.succeededFuture(member.actor());
        }
        if (actorId == member.collectiveId() && member.role() != Role.MEMBER) {
            return collective(c, member);
        }
        return Future.failedFuture(new NotFoundException("there is no pending follow request for you to answer"));
    }

    /** Once the transaction committed, the delivery worker sends what it enqueued without waiting for its next poll. */
    private <T> Future<T> woken(Future<T> committed) {
        return committed.onSuccess(x -> social.wakeDelivery().run());
    }
}
