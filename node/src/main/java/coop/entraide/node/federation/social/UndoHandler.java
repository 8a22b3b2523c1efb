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
 * {@code Undo} of a Follow, Like, Announce or Block (ActivityPub §6.10). Only what the same actor
 * did can be undone. The undone activity is found by its id; when the sender embeds it without a
 * known id, by its type and object.
 */
public final class UndoHandler implements ActivityHandler {
    private final ActorLookup actors = new ActorLookup();
    private final FollowRepository follows = new FollowRepository();
    private final ReactionRepository reactions = new ReactionRepository();
    private final BlockRepository blocks = new BlockRepository();

    @Override
    public Set<String> types() {
        return Set.of(As.UNDO);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty()) {
            return ActivityHandler.ignored("an Undo of nothing");
        }
        Ref undone = object.get();
        if (undone.isEmbedded()) {
            String by = Refs.idOf(undone.node(), As.ACTOR);
            if (by != null && !by.equals(in.actor().uri())) {
                return ActivityHandler.refused(in.actor().uri() + " cannot undo what " + by + " did");
            }
        }
        long actorId = in.actor().id();
        if (undone.is(As.FOLLOW)) {
            return undoFollow(tx, in, undone);
        }
        if (undone.is(As.LIKE) || undone.is(As.ANNOUNCE)) {
            ReactionRepository.Kind kind = undone.is(As.LIKE) ? ReactionRepository.Kind.LIKE : ReactionRepository.Kind.ANNOUNCE;
            return undoReaction(tx, actorId, undone, kind);
        }
        if (undone.is(As.BLOCK)) {
            return outcome(undone.id() == null ? Future.succeededFuture(false) : blocks.removeByActivity(tx, undone.id(), actorId));
        }
        if (undone.isEmbedded() || undone.id() == null) {
            return ActivityHandler.ignored("an Undo of " + undone.types() + " changes nothing here");
        }
        // Only the id was sent: it can name any of them.
        return undoFollow(tx, in, undone).compose(first -> first instanceof Outcome.Applied
                ? Future.succeededFuture(first)
                : outcome(reactions.removeByActivity(tx, undone.id(), actorId)
                        .compose(done -> done ? Future.succeededFuture(true) : blocks.removeByActivity(tx, undone.id(), actorId))));
    }

    private Future<Outcome> undoFollow(SqlConnection tx, InboundActivity in, Ref undone) {
        Future<Optional<Follow>> byId = undone.id() == null
                ? Future.succeededFuture(Optional.empty())
                : follows.byActivity(tx, undone.id());
        return byId.compose(found -> {
            if (found.isPresent()) {
                return Future.succeededFuture(found);
            }
            if (!undone.isEmbedded()) {
                return Future.succeededFuture(Optional.<Follow>empty());
            }
            String targetId = Refs.idOf(undone.node(), As.OBJECT_PROPERTY);
            return actors.local(tx, targetId).compose(local -> local.isEmpty()
                    ? Future.succeededFuture(Optional.<Follow>empty())
                    : follows.between(tx, in.actor().id(), local.get().id()));
        }).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("no such follow");
            }
            if (found.get().followerId() != in.actor().id()) {
                return ActivityHandler.refused(in.actor().uri() + " cannot undo a follow of someone else");
            }
            return outcome(follows.delete(tx, found.get().id()));
        });
    }

    private Future<Outcome> undoReaction(SqlConnection tx, long actorId, Ref undone, ReactionRepository.Kind kind) {
        Future<Boolean> byId = undone.id() == null ? Future.succeededFuture(false) : reactions.removeByActivity(tx, undone.id(), actorId);
        return outcome(byId.compose(removed -> {
            if (removed || !undone.isEmbedded()) {
                return Future.succeededFuture(removed);
            }
            String targetId = Refs.idOf(undone.node(), As.OBJECT_PROPERTY);
            return targetId == null ? Future.succeededFuture(false) : reactions.remove(tx, kind, actorId, targetId);
        }));
    }

    private static Future<Outcome> outcome(Future<Boolean> changed) {
        return changed.compose(done -> done ? ActivityHandler.applied() : ActivityHandler.ignored("nothing to undo"));
    }
}
