package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Ref;
import java.util.Optional;

/**
 * An activity that passed the inbox's checks (signature or proof verified, sender allowed by the
 * domain policy, actor resolved and cached) and was stored; handed to the {@link ActivityHandler}
 * for its type by the inbox worker.
 *
 * @param row          id of its {@code inbox_activities} row
 * @param activity     the parsed activity
 * @param body         the activity exactly as received
 * @param actor        the sending actor, as cached (its key verified the request or the proof)
 * @param inboxOwner   the local actor whose personal inbox received it; empty for the shared inbox
 * @param silenced     the sender's domain is silenced: keep, but hide from public views
 */
public record InboundActivity(
        long row,
        Activity activity,
        JsonNode body,
        Actor actor,
        Optional<Actor> inboxOwner,
        boolean silenced) {

    /**
     * What an answer ({@code Accept}, {@code Reject}, {@code Undo}…) is about, when it may be an
     * object of {@code type}: given by reference, or embedded with that type. Empty for anything
     * else, which the handlers of other objects may take.
     */
    public Optional<Ref> objectMaybe(String type) {
        return activity.object().filter(o -> !o.isEmbedded() || o.is(type));
    }
}
