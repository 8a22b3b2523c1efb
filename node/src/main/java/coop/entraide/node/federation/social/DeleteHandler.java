package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Delete} of an object we hold (ActivityPub §7.4): only its author may delete it; it
 * becomes a Tombstone. Deletes of actors are the inbox's business.
 */
public final class DeleteHandler implements ActivityHandler {
    private final SocialContext social;
    private final ObjectRepository objects = new ObjectRepository();

    public DeleteHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.DELETE);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty() || object.get().id() == null) {
            return ActivityHandler.ignored("a Delete of nothing");
        }
        String id = object.get().id();
        if (id.equals(in.actor().uri()) || ContentTypes.isActor(object.get().types())) {
            return ActivityHandler.ignored("actor deletions are applied by the inbox");
        }
        return objects.byUri(tx, id).compose(found -> {
            if (found.isEmpty()) {
                return ActivityHandler.ignored("a Delete of an object we do not hold");
            }
            StoredObject stored = found.get();
            if (stored.actorId() != in.actor().id() || stored.local()) {
                return ActivityHandler.refused(in.actor().uri() + " may not delete " + id);
            }
            if (stored.deleted()) {
                return ActivityHandler.ignored("already deleted");
            }
            Instant now = social.clock().instant();
            return objects.tombstone(tx, stored.id(), tombstone(id, stored.types(), now), now)
                    .compose(done -> done ? ActivityHandler.applied() : ActivityHandler.ignored("already deleted"));
        });
    }

    /** The Tombstone served in place of a deleted object (AS2 Vocabulary §3.3, {@code formerType}). */
    public static ObjectNode tombstone(String id, List<String> formerTypes, Instant deleted) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put(As.ID, id);
        t.put(As.TYPE, As.TOMBSTONE);
        if (!formerTypes.isEmpty()) {
            t.put("formerType", formerTypes.get(0));
        }
        t.put("deleted", DateTimeFormatter.ISO_INSTANT.format(deleted.truncatedTo(ChronoUnit.SECONDS)));
        return t;
    }
}
