package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Move} of an account (Mastodon's follower migration, FEP-7628): when the new account lists
 * the old one in {@code alsoKnownAs}, our actors who followed the old account follow the new one
 * and leave the old. The new account is fetched afresh, never taken from the activity, before the
 * inbox's transaction.
 */
public final class MoveHandler implements ActivityHandler {
    private final SocialContext social;
    private final Following following;
    private final ActorLookup actors = new ActorLookup();
    private final FollowRepository follows = new FollowRepository();

    public MoveHandler(SocialContext social) {
        this.social = social;
        this.following = new Following(social);
    }

    @Override
    public Set<String> types() {
        return Set.of(As.MOVE);
    }

    /** Without a preparation the new account is fetched here, inside the caller's transaction. */
    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        return prepare(tx, in).compose(prepared -> prepared.write(tx));
    }

    /** Fetches the new account, before the inbox's transaction; the transaction checks and migrates. */
    @Override
    public Future<Prepared> prepare(SqlClient db, InboundActivity in) {
        Actor old = in.actor();
        Optional<String> moved = in.activity().object().map(Ref::id);
        if (moved.isEmpty() || !moved.get().equals(old.uri())) {
            return decided(ActivityHandler.refused(old.uri() + " can only move itself"));
        }
        if (in.activity().target() == null || in.activity().target().id() == null) {
            return decided(ActivityHandler.ignored("a Move without a target"));
        }
        String target = in.activity().target().id();
        if (target.equals(old.uri())) {
            return decided(ActivityHandler.ignored("a Move to itself"));
        }
        return social.remoteActors().refresh(target)
                .<Prepared>map(newAccount -> tx -> actors.alsoKnownAs(tx, newAccount.uri()).compose(aliases -> aliases.contains(old.uri())
                        ? migrate(tx, old, newAccount)
                        : ActivityHandler.refused(target + " does not list " + old.uri() + " in alsoKnownAs")))
                .recover(e -> decided(ActivityHandler.ignored("the new account " + target + " cannot be fetched: " + e.getMessage())));
    }

    private static Future<Prepared> decided(Future<Outcome> outcome) {
        return ActivityHandler.decided(outcome);
    }

    private Future<Outcome> migrate(SqlConnection tx, Actor old, Actor newAccount) {
        return actors.markMoved(tx, old.id(), newAccount.uri())
                .compose(marked -> follows.localFollowersOf(tx, old.id())
                        .compose(followers -> migrateEach(tx, followers, old, newAccount))
                        .compose(migrated -> marked || migrated > 0
                                ? ActivityHandler.applied()
                                : ActivityHandler.ignored("already moved")));
    }

    private Future<Integer> migrateEach(SqlConnection tx, List<Follow> followers, Actor old, Actor newAccount) {
        Future<Integer> chain = Future.succeededFuture(0);
        for (Follow f : followers) {
            chain = chain.compose(n -> actors.byId(tx, f.followerId()).compose(follower -> {
                if (follower.isEmpty() || follower.get().id() == newAccount.id()) {
                    return Future.succeededFuture(n);
                }
                return following.follow(tx, follower.get(), newAccount)
                        .compose(v -> following.unfollow(tx, follower.get(), old, f))
                        .map(n + 1);
            }));
        }
        return chain;
    }
}
