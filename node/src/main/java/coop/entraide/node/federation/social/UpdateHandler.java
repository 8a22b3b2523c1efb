package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Update} of an object we hold (ActivityPub §7.3): only its author may change it, and only
 * forward in time (an older or equal {@code updated} changes nothing, so a repeated or late Update
 * is harmless). Updates of actors are the inbox's business, not this handler's.
 */
public final class UpdateHandler implements ActivityHandler {
    private final SocialContext social;
    private final ObjectRepository objects = new ObjectRepository();

    public UpdateHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.UPDATE);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty() || !object.get().isEmbedded()) {
            return ActivityHandler.ignored("an Update must carry the object's new state");
        }
        if (ContentTypes.isActor(object.get().types())) {
            return ActivityHandler.ignored("actor updates are applied by the inbox");
        }
        Parsed<AsObject> parsed = object.get().asObject();
        if (!(parsed instanceof Parsed.Ok<AsObject> ok)) {
            return ActivityHandler.refused("the updated object is malformed: " + parsed.failure().orElse(""));
        }
        AsObject updated = ok.value();
        return objects.byUri(tx, updated.id()).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("an update of an object we do not hold");
            }
            StoredObject stored = found.get();
            if (stored.actorId() != in.actor().id() || stored.local()
                    || !updated.attributedToId().map(in.actor().uri()::equals).orElse(false)) {
                return ActivityHandler.refused(in.actor().uri() + " may not update " + updated.id());
            }
            if (stored.deleted()) {
                return ActivityHandler.ignored("the object was deleted");
            }
            Instant when = updated.updated() != null ? updated.updated()
                    : in.activity().published() != null ? in.activity().published() : social.clock().instant();
            if (stored.updatedAt() != null && !when.isAfter(stored.updatedAt().toInstant())) {
                return ActivityHandler.ignored("not newer than what we hold");
            }
            NewObject row = NewObject.of(updated, (ObjectNode) object.get().node(), in.actor().id(), false,
                    in.actor().followers(), social.clock().instant());
            return objects.update(tx, stored.id(), row, when).compose(v -> ActivityHandler.applied());
        });
    }
}
