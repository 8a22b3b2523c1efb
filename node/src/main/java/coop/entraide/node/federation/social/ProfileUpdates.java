package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorDocuments;
import coop.entraide.protocol.as.AsJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells the followers of a local actor that its public profile changed (ActivityPub §7.3): an
 * {@code Update} carrying the actor's whole document as {@link ActorDocuments} serves it, addressed
 * to the public and the followers collection, as Mastodon sends when an account edits its profile.
 * Sent only when the document changed: a new neighbourhood, which the document does not carry,
 * or a change back to the same values tells followers nothing.
 */
public final class ProfileUpdates {
    private final SocialContext social;
    private final ActorLookup actors = new ActorLookup();

    public ProfileUpdates(SocialContext social) {
        this.social = social;
    }

    /**
     * Runs {@code change} (writes to the actor's profile in {@code tx}) and, if the actor's
     * document is not the same afterwards, publishes its {@code Update} in the same transaction.
     * Call {@link #sendNow()} once the transaction has committed.
     */
    public <T> Future<T> around(SqlClient tx, long actorId, Supplier<Future<T>> change) {
        return document(tx, actorId).compose(before -> change.get()
                .compose(result -> actors.byId(tx, actorId)
                        .compose(after -> {
                            Optional<JsonObject> changed = after.map(this::document).filter(now -> !before.equals(Optional.of(now)));
                            return changed.isPresent() ? publish(tx, after.get(), changed.get()) : Future.succeededFuture();
                        })
                        .map(result)));
    }

    /** Asks the delivery worker to send what a committed change enqueued. */
    public void sendNow() {
        social.wakeDelivery().run();
    }

    private Future<Optional<JsonObject>> document(SqlClient tx, long actorId) {
        return actors.byId(tx, actorId).map(found -> found.map(this::document));
    }

    private JsonObject document(Actor actor) {
        return ActorDocuments.toAs(actor, social.uris().authority());
    }

    private Future<Publisher.Published> publish(SqlClient tx, Actor actor, JsonObject actorDocument) {
        ObjectNode document = (ObjectNode) AsJson.read(actorDocument.encode()).orElseThrow();
        Audience audience = Audience.publicly();
        ObjectNode update = Activities.update(social.uris().newActivity(), actor, document, audience.addressing(actor),
                social.publisher().now());
        return social.publisher().publish(tx, actor, update, audience);
    }
}
