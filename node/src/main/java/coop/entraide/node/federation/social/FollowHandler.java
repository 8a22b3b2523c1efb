package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.federation.social.FollowRepository.FollowTarget;
import coop.entraide.node.federation.social.FollowRepository.NewFollow;
import coop.entraide.node.federation.social.Publisher.SignedAnswer;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Follow} of a local actor (ActivityPub §7.5): recorded, then accepted at once with an
 * {@code Accept} that embeds the Follow, unless the actor approves followers by hand
 * ({@code manuallyApprovesFollowers}), in which case it waits for a moderator.
 *
 * <p>A wave of Follows (a neighbourhood shared on a large server) comes in batches. The Follows of a
 * batch that start a new follow of an open actor are looked up together before the transaction,
 * their Accepts are built and signed there too, and the transaction records all their follows in
 * one statement and queues all their Accepts in another. Every other Follow (one already known, of
 * an actor that approves by hand, or whose sender has something else in the same batch, such as an
 * {@code Undo} that must come after it) is handled alone in the transaction, reading everything again.
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
            Optional<Outcome> refused = refusal(in, target.get(), found);
            if (refused.isPresent()) {
                return Future.succeededFuture(refused.get());
            }
            return record(tx, in, found.get().followed(), found.get().existing());
        });
    }

    @Override
    public List<Future<Prepared>> prepareAll(SqlClient db, List<InboundActivity> mine, List<InboundActivity> batch) {
        Map<String, Integer> bySender = new HashMap<>();
        batch.forEach(in -> bySender.merge(in.actor().uri(), 1, Integer::sum));
        List<Future<Prepared>> prepared = new ArrayList<>(mine.size());
        List<Integer> looked = new ArrayList<>();
        List<Long> followers = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (InboundActivity in : mine) {
            Optional<String> target = in.activity().object().map(Ref::id);
            if (target.isEmpty() || bySender.get(in.actor().uri()) > 1) {
                prepared.add(Future.succeededFuture(tx -> handle(tx, in)));
                continue;
            }
            looked.add(prepared.size());
            followers.add(in.actor().id());
            targets.add(target.get());
            prepared.add(null);
        }
        if (looked.isEmpty()) {
            return prepared;
        }
        Future<List<Optional<FollowTarget>>> found = follows.targets(db, followers, targets);
        Accepts accepts = new Accepts();
        for (int i = 0; i < looked.size(); i++) {
            int index = i;
            InboundActivity in = mine.get(looked.get(i));
            prepared.set(looked.get(i), found.compose(all -> prepareOne(db, in, targets.get(index), all.get(index), accepts)));
        }
        return prepared;
    }

    /** A Follow looked up with its batch: refused, accepted with the batch, or left to {@link #handle}. */
    private Future<Prepared> prepareOne(SqlClient db, InboundActivity in, String target, Optional<FollowTarget> found,
                                        Accepts accepts) {
        Optional<Outcome> refused = refusal(in, target, found);
        if (refused.isPresent()) {
            return Future.succeededFuture(Prepared.decided(refused.get()));
        }
        Actor followed = found.get().followed();
        if (found.get().existing().isPresent() || followed.manuallyApprovesFollowers()) {
            return Future.succeededFuture(tx -> handle(tx, in));
        }
        return social.publisher().sign(db, followed, acceptOf(in, followed)).map(signed -> accepts.prepared(
                new NewFollow(in.actor().id(), followed.id(), in.activity().id()),
                new SignedAnswer(followed, signed, in.actor())));
    }

    private static Optional<Outcome> refusal(InboundActivity in, String target, Optional<FollowTarget> found) {
        if (found.isEmpty()) {
            return Optional.of(new Outcome.Ignored("follows " + target + ", not an actor of ours"));
        }
        if (found.get().blocked()) {
            return Optional.of(new Outcome.Ignored("a block stands between " + in.actor().uri() + " and " + target));
        }
        return Optional.empty();
    }

    /**
     * The new follows of one batch and their Accepts, written once every activity of the batch has
     * been. A follow that can no longer be recorded by then (its actor deleted or a block made in
     * the meantime, or the same follow recorded by another process) gets no Accept.
     */
    private final class Accepts implements Gathered {
        /** In the order written; a sender has one activity in the batch, so each pair appears once. */
        private final Map<NewFollow, SignedAnswer> pending = new LinkedHashMap<>();

        Prepared prepared(NewFollow follow, SignedAnswer answer) {
            return new Prepared() {
                @Override
                public Future<Outcome> write(SqlConnection tx) {
                    pending.put(follow, answer);
                    return ActivityHandler.applied();
                }

                @Override
                public Gathered gathered() {
                    return Accepts.this;
                }
            };
        }

        @Override
        public Future<Void> finish(SqlConnection tx) {
            if (pending.isEmpty()) {
                return Future.succeededFuture();
            }
            return follows.insertAccepted(tx, List.copyOf(pending.keySet()), ObjectRepository.at(social.clock().instant()))
                    .compose(recorded -> {
                        List<SignedAnswer> accepted = new ArrayList<>(recorded.size());
                        pending.forEach((follow, answer) -> {
                            if (recorded.contains(follow)) {
                                accepted.add(answer);
                            }
                        });
                        return social.publisher().answerFollows(tx, accepted);
                    });
        }
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
        return social.publisher().answerFollow(tx, followed, acceptOf(in, followed), in.actor())
                .compose(v -> ActivityHandler.applied());
    }

    /** The Accept of a received Follow, which embeds it as it came. */
    private ObjectNode acceptOf(InboundActivity in, Actor followed) {
        return Activities.accept(social.uris().newActivity(), followed, in.body(), in.actor().uri());
    }
}
