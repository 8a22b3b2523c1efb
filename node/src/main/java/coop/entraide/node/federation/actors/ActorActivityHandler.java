package coop.entraide.node.federation.actors;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * What remote actors say about themselves: {@code Delete} of the actor by itself (the account is
 * gone: marked deleted, its follows dropped) and {@code Update} of the actor by itself (the cached
 * copy is replaced: from the embedded document when there is one, which the verified sender
 * vouches for, else by fetching it again). Deletes and Updates of anything else are ignored here,
 * for the handlers of objects. The fetch happens in {@link #prepare}, before the inbox's
 * transaction: the service stores what it fetched in a short transaction of its own, as it does
 * for any actor it resolves.
 */
public final class ActorActivityHandler implements ActivityHandler {
    private final RemoteActorService actors;

    public ActorActivityHandler(RemoteActorService actors) {
        this.actors = actors;
    }

    @Override
    public Set<String> types() {
        return Set.of("Delete", "Update");
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity inbound) {
        Activity activity = inbound.activity();
        Optional<Ref> object = activity.object();
        if (object.isEmpty() || object.get().id() == null || !object.get().id().equals(activity.actorId())) {
            return ActivityHandler.ignored("not about the actor itself");
        }
        if (inbound.actor().local()) {
            return ActivityHandler.refused("a local actor cannot be changed from outside");
        }
        return activity.is("Delete") ? delete(tx, activity) : update(tx, activity, object.get());
    }

    @Override
    public Future<Prepared> prepare(SqlClient db, InboundActivity inbound) {
        Activity activity = inbound.activity();
        Optional<Ref> object = activity.object();
        boolean refetch = activity.is("Update") && !inbound.actor().local() && object.isPresent()
                && !object.get().isEmbedded() && activity.actorId().equals(object.get().id());
        if (!refetch) {
            return ActivityHandler.super.prepare(db, inbound);
        }
        return actors.refresh(activity.actorId())
                .map(actor -> Prepared.decided(new Outcome.Applied()))
                .recover(e -> ActorLookupException.lasting(e)
                        ? Future.succeededFuture(Prepared.decided(new Outcome.Ignored("the actor cannot be fetched again: " + e.getMessage())))
                        : Future.failedFuture(e));
    }

    private Future<Outcome> delete(SqlConnection tx, Activity activity) {
        return actors.markDeleted(tx, activity.actorId())
                .compose(id -> id.isPresent() ? ActivityHandler.applied() : ActivityHandler.ignored("already deleted"));
    }

    private Future<Outcome> update(SqlConnection tx, Activity activity, Ref object) {
        if (!object.isEmbedded()) {
            return actors.refresh(activity.actorId()).compose(a -> ActivityHandler.applied());
        }
        ActorDocumentCheck.Result checked = ActorDocumentCheck.check(object.node(), URI.create(activity.actorId()));
        if (checked instanceof ActorDocumentCheck.Refused refused) {
            return ActivityHandler.refused("the updated actor is not acceptable: " + refused.why());
        }
        RemoteActorDraft draft = ((ActorDocumentCheck.Accepted) checked).draft();
        if (!draft.uri().equals(activity.actorId())) {
            return ActivityHandler.refused("the updated actor's id is not the sender's");
        }
        return actors.store(tx, draft)
                .compose(row -> row.isPresent() ? ActivityHandler.applied() : ActivityHandler.ignored("the actor is deleted"));
    }
}
